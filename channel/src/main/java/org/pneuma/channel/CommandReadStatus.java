package org.pneuma.channel;

/** Outcome of a read from either ring of the command mailbox. */
public enum CommandReadStatus {
    /** A complete frame passed every check and was consumed; the caller's holder is filled. */
    OK,
    /** Nothing new: not written yet, or still being written. Nothing consumed; the holder is untouched. */
    EMPTY,
    /** The writer changed the slot during the read. Nothing consumed; read again later. */
    TORN,
    /**
     * The slot failed a check and was consumed (skipped) and counted. The holder says which check
     * ({@link CommandFrame#fault()}) and holds the fields as read, none of them to be trusted.
     */
    GARBLED,
    /**
     * Response reads only: the reader fell a whole ring behind and responses were overwritten; its
     * cursor jumped to the oldest response still held and the loss was counted. Read again.
     */
    OVERRUN
}
