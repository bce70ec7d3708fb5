package org.pneuma.channel;

/**
 * Why a request frame was judged garbled. The descriptions are constants, so reporting a fault
 * allocates nothing.
 */
public enum CommandFrameFault {
    /** The frame passed every check. */
    NONE("no fault"),
    /** The slot of the next request held a later sequence (out of order) or a word no writer writes (junk). */
    SEQUENCE("garbled frame: sequence out of order"),
    /** The stored checksum does not match the frame: a flipped bit, a torn or garbled write. */
    CHECKSUM("garbled frame: checksum mismatch"),
    /** The payload length is outside 0..{@link CommandMailboxLayout#PAYLOAD_LONGS} longs. */
    LENGTH("garbled frame: payload length out of range"),
    /** The kind is outside the range the reader was told to accept. */
    KIND("garbled frame: unknown kind");

    private final String description;

    CommandFrameFault(String description) {
        this.description = description;
    }

    /** A short, constant, printable-ASCII description. */
    public String description() {
        return description;
    }
}
