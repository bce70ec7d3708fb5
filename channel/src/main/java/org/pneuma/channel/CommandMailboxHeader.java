package org.pneuma.channel;

import static org.pneuma.channel.CommandMailboxLayout.*;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Writes a fresh command-mailbox header and checks an existing one. Off the hot path: called when a
 * mailbox is created or mapped. The safety side checks the header once, keeps the geometry it found,
 * and never reads the (guest-writable) header's first cache line again.
 */
final class CommandMailboxHeader {
    /** The ring sizes a valid header describes. */
    record Geometry(int requestSlotCount, int responseSlotCount) {
    }

    private CommandMailboxHeader() {
    }

    /**
     * Writes the header of a new, zero-filled mailbox; the magic last, with release semantics.
     *
     * @throws IllegalArgumentException if a slot count is invalid or the buffer is too small
     */
    static void initialise(AtomicBuffer buffer, int requestSlotCount, int responseSlotCount) {
        requireValidSlotCounts(requestSlotCount, responseSlotCount);
        int needed = totalLength(requestSlotCount, responseSlotCount);
        if (buffer.capacity() < needed) {
            throw new IllegalArgumentException("buffer of " + buffer.capacity() + " bytes cannot hold a mailbox of "
                + requestSlotCount + " request and " + responseSlotCount + " response slots (needs " + needed + ")");
        }
        buffer.verifyAlignment();
        buffer.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        buffer.putInt(REQUEST_SLOT_COUNT_OFFSET, requestSlotCount);
        buffer.putInt(REQUEST_SLOT_LENGTH_OFFSET, SLOT_LENGTH);
        buffer.putInt(RESPONSE_SLOT_COUNT_OFFSET, responseSlotCount);
        buffer.putInt(RESPONSE_SLOT_LENGTH_OFFSET, SLOT_LENGTH);
        buffer.putLong(REQUESTS_CONSUMED_OFFSET, 0L);
        buffer.putLong(LATEST_RESPONSE_OFFSET, 0L);
        buffer.putIntRelease(MAGIC_OFFSET, MAGIC);
    }

    /**
     * Checks that {@code buffer} holds a mailbox this code understands. Reads only.
     *
     * @throws IllegalStateException naming the first thing that is wrong
     */
    static Geometry validate(AtomicBuffer buffer) {
        RegionIdentity.require(buffer, "command mailbox", HEADER_LENGTH, MAGIC, LAYOUT_VERSION);
        int requestSlotLength = buffer.getInt(REQUEST_SLOT_LENGTH_OFFSET);
        int responseSlotLength = buffer.getInt(RESPONSE_SLOT_LENGTH_OFFSET);
        if (requestSlotLength != SLOT_LENGTH || responseSlotLength != SLOT_LENGTH) {
            throw new IllegalStateException("command mailbox slot lengths are " + requestSlotLength + " and "
                + responseSlotLength + " bytes, layout version " + LAYOUT_VERSION + " has " + SLOT_LENGTH);
        }
        int requestSlotCount = buffer.getInt(REQUEST_SLOT_COUNT_OFFSET);
        int responseSlotCount = buffer.getInt(RESPONSE_SLOT_COUNT_OFFSET);
        if (!isValidSlotCount(requestSlotCount) || !isValidSlotCount(responseSlotCount)) {
            throw new IllegalStateException("command mailbox slot counts are " + requestSlotCount + " and "
                + responseSlotCount + ", expected powers of two from " + MIN_SLOT_COUNT + " to " + MAX_SLOT_COUNT);
        }
        int needed = totalLength(requestSlotCount, responseSlotCount);
        if (buffer.capacity() < needed) {
            throw new IllegalStateException("command mailbox buffer of " + buffer.capacity()
                + " bytes cannot hold its " + requestSlotCount + " request and " + responseSlotCount
                + " response slots (needs " + needed + ")");
        }
        return new Geometry(requestSlotCount, responseSlotCount);
    }

    static void requireValidSlotCounts(int requestSlotCount, int responseSlotCount) {
        if (!isValidSlotCount(requestSlotCount) || !isValidSlotCount(responseSlotCount)) {
            throw new IllegalArgumentException("slot counts must be powers of two from " + MIN_SLOT_COUNT + " to "
                + MAX_SLOT_COUNT + ", were " + requestSlotCount + " (requests) and " + responseSlotCount
                + " (responses)");
        }
    }
}
