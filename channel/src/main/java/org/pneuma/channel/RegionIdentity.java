package org.pneuma.channel;

import org.agrona.concurrent.AtomicBuffer;

/**
 * What every shared-memory region of this module begins with: a magic int at offset 0, written last
 * (with release) once the header is complete, and a layout version int at offset 4. Checked the same
 * way for each region, with the region's name in every refusal. Off the hot path.
 */
final class RegionIdentity {
    static final int MAGIC_OFFSET = 0;
    static final int LAYOUT_VERSION_OFFSET = 4;

    private RegionIdentity() {
    }

    /**
     * @param what         the region's name in messages: "sensor bus", "command mailbox", …
     * @param headerLength the region's header length, which the buffer must at least hold
     * @throws IllegalStateException naming the region and the first thing that is wrong
     */
    static void require(AtomicBuffer buffer, String what, int headerLength, int magic, int layoutVersion) {
        if (buffer.capacity() < headerLength) {
            throw new IllegalStateException("buffer of " + buffer.capacity() + " bytes is too small for a " + what
                + " header (" + headerLength + " bytes)");
        }
        int found = buffer.getIntAcquire(MAGIC_OFFSET);
        if (found != magic) {
            throw new IllegalStateException(String.format("not a %s: magic is 0x%08x, expected 0x%08x%s", what, found,
                magic, found == 0 ? " (not initialised yet?)" : ""));
        }
        int version = buffer.getInt(LAYOUT_VERSION_OFFSET);
        if (version != layoutVersion) {
            throw new IllegalStateException(what + " layout version is " + version + ", this code understands only version "
                + layoutVersion);
        }
    }
}
