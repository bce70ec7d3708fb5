package org.pneuma.channel;

/**
 * Outcome of a {@link SensorBusReader} read. Only {@link #OK} and {@link #STALE} leave a complete,
 * verified sample in the caller's {@link SensorSample}; after any other status its contents are
 * unspecified (it may be partly overwritten).
 */
public enum ReadStatus {
    /** A complete sample, checked against its sequence word and checksum. */
    OK,
    /** Nothing to read: nothing published yet, or the cursor has caught up with the writer. */
    NO_DATA,
    /** The writer rewrote the slot while it was being read. Nothing was consumed; read again. */
    TORN,
    /**
     * The slot's sequence word or payload does not match its checksum: the slot was garbled. A cursor
     * read skips the sample; see {@link SensorBusReader#corruptSampleCount()}.
     */
    CHECKSUM_MISMATCH,
    /**
     * The cursor fell a whole ring behind the writer and its next sample was overwritten. The cursor has
     * jumped to the oldest sample still held; {@link SensorBusReader#lostSampleCount()} has grown by the
     * number skipped. Read again to get that sample.
     */
    OVERRUN,
    /**
     * The latest sample is complete and verified (and is in the caller's sample) but older than the
     * reader's staleness threshold: the writer may have stopped.
     */
    STALE;

    /** Whether the caller's sample now holds a complete, verified sample. */
    public boolean hasSample() {
        return this == OK || this == STALE;
    }
}
