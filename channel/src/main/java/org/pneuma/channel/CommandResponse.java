package org.pneuma.channel;

import static org.pneuma.channel.CommandMailboxLayout.REASON_LENGTH;

import java.nio.charset.StandardCharsets;

/**
 * One response, outside shared memory: what {@link CommandResponseReader#readNext} fills on the
 * guest's side. Mutable and reused; only {@link #reasonText()} allocates.
 *
 * <p>Not thread-safe: one owner thread.
 */
public final class CommandResponse {
    private final byte[] reason = new byte[REASON_LENGTH];
    private long sequence;
    private long requestSequence;
    private long correlationId;
    private boolean accepted;
    private int reasonCode;
    private int reasonLength;

    /** The response's own sequence in the response ring. */
    public long sequence() {
        return sequence;
    }

    /** Sequence of the request this answers. */
    public long requestSequence() {
        return requestSequence;
    }

    /** The correlation id of the request, as safety read it (for a garbled request, possibly junk). */
    public long correlationId() {
        return correlationId;
    }

    public boolean accepted() {
        return accepted;
    }

    public int reasonCode() {
        return reasonCode;
    }

    public CommandReason reason() {
        return CommandReason.ofCode(reasonCode);
    }

    /** Length of the reason text in bytes, 0..{@link CommandMailboxLayout#REASON_LENGTH}. */
    public int reasonLength() {
        return reasonLength;
    }

    /** Byte {@code index} of the reason text. */
    public byte reasonByte(int index) {
        return reason[index];
    }

    /** The reason text (printable ASCII). Allocates a String. */
    public String reasonText() {
        return new String(reason, 0, reasonLength, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "response " + sequence + " to request " + requestSequence + " (correlation " + correlationId + "): "
            + (accepted ? "accepted" : "rejected") + " " + reason() + " \"" + reasonText() + "\"";
    }

    void fill(long sequence, long requestSequence, long correlationId, boolean accepted, int reasonCode,
              int reasonLength) {
        this.sequence = sequence;
        this.requestSequence = requestSequence;
        this.correlationId = correlationId;
        this.accepted = accepted;
        this.reasonCode = reasonCode;
        this.reasonLength = reasonLength;
    }

    byte[] reasonBytes() {
        return reason;
    }
}
