package org.pneuma.channel;

import static org.pneuma.channel.CommandMailboxLayout.PAYLOAD_LONGS;

import java.util.Arrays;

/**
 * One request frame, outside shared memory: what a guest fills before
 * {@link CommandRequestWriter#offer(CommandFrame)}, and what {@link CommandRequestReader#poll} fills
 * on the safety side. Mutable and reused, so neither side allocates per frame.
 *
 * <p>The payload is {@link CommandMailboxLayout#PAYLOAD_LONGS} longs; a double travels as its raw
 * bits. What the kind and the payload mean is not this module's business.
 *
 * <p>Not thread-safe: one owner thread.
 */
public final class CommandFrame {
    private final long[] payload = new long[PAYLOAD_LONGS];
    private long sequence;
    private int kind;
    private int payloadLength;
    private long correlationId;
    private CommandFrameFault fault = CommandFrameFault.NONE;

    /** Zeroes every field and the whole payload; the fault becomes {@link CommandFrameFault#NONE}. */
    public CommandFrame clear() {
        Arrays.fill(payload, 0L);
        sequence = 0;
        kind = 0;
        payloadLength = 0;
        correlationId = 0;
        fault = CommandFrameFault.NONE;
        return this;
    }

    /** The ring sequence: set by the writer when offered, by the reader when polled. */
    public long sequence() {
        return sequence;
    }

    public CommandFrame sequence(long sequence) {
        this.sequence = sequence;
        return this;
    }

    public int kind() {
        return kind;
    }

    public CommandFrame kind(int kind) {
        this.kind = kind;
        return this;
    }

    /**
     * Payload longs in use. After a {@link CommandReadStatus#GARBLED} poll this is the raw value read
     * and may lie outside 0..{@link CommandMailboxLayout#PAYLOAD_LONGS}.
     */
    public int payloadLength() {
        return payloadLength;
    }

    public CommandFrame payloadLength(int payloadLength) {
        this.payloadLength = payloadLength;
        return this;
    }

    public long correlationId() {
        return correlationId;
    }

    public CommandFrame correlationId(long correlationId) {
        this.correlationId = correlationId;
        return this;
    }

    /** Why the last poll judged the frame garbled; {@link CommandFrameFault#NONE} after a good one. */
    public CommandFrameFault fault() {
        return fault;
    }

    public CommandFrame fault(CommandFrameFault fault) {
        this.fault = fault;
        return this;
    }

    /** @throws IndexOutOfBoundsException unless {@code 0 <= index < PAYLOAD_LONGS} */
    public long payloadLong(int index) {
        return payload[index];
    }

    /** @throws IndexOutOfBoundsException unless {@code 0 <= index < PAYLOAD_LONGS} */
    public CommandFrame payloadLong(int index, long value) {
        payload[index] = value;
        return this;
    }

    /** The payload long at {@code index} read as a double, bit for bit (NaN payloads included). */
    public double payloadDouble(int index) {
        return Double.longBitsToDouble(payload[index]);
    }

    /** Stores {@code value}'s raw bits at {@code index}. */
    public CommandFrame payloadDouble(int index, double value) {
        payload[index] = Double.doubleToRawLongBits(value);
        return this;
    }
}
