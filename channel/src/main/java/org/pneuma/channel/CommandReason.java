package org.pneuma.channel;

/**
 * Reason codes a response carries, with the meaning both sides agree on. Which commands exist and
 * why one is invalid is the safety partition's business; the text of the response says the rest.
 */
public enum CommandReason {
    /** The command was accepted and applied. */
    ACCEPTED(0),
    /** The frame failed the channel's checks (sequence, checksum, length or kind). */
    GARBLED(1),
    /** The frame was sound, but its payload does not decode as a command of its kind. */
    MALFORMED(2),
    /** A well-formed command that the safety rules refuse. */
    INVALID(3),
    /** Too many commands in the rate window; refused without being looked at. */
    RATE_LIMITED(4),
    /** The safety partition failed while applying an accepted command; nothing was applied. */
    FAILED(5),
    /** A code this side does not know (a newer peer, or garbage). */
    UNKNOWN(-1);

    private static final CommandReason[] BY_CODE = {ACCEPTED, GARBLED, MALFORMED, INVALID, RATE_LIMITED, FAILED};

    private final int code;

    CommandReason(int code) {
        this.code = code;
    }

    /** The code written into a response frame. */
    public int code() {
        return code;
    }

    /** The reason for a code read from a response; {@link #UNKNOWN} for any other. Allocation-free. */
    public static CommandReason ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNKNOWN;
    }
}
