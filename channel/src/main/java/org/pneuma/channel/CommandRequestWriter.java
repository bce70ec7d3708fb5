package org.pneuma.channel;

import static org.pneuma.channel.CommandMailboxLayout.*;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.AtomicBuffer;

/**
 * The guest's end of the request ring: writes requests, in sequence, for the safety partition.
 *
 * <p><b>Threads.</b> One writer per mailbox, one owner thread, in one guest process. Nothing detects
 * a second writer; safety survives one (it judges every slot), the guest's own commands do not.
 *
 * <p><b>Back-pressure.</b> The guest may have at most one ring of requests that safety has not
 * consumed; {@link #offer} then returns {@link #BACK_PRESSURED} at once and the caller tries later.
 * The writer reads the safety-written requests-consumed word for this and to resynchronise: if safety
 * has moved past this writer's sequence (it skipped garbage, or restarted), the next request takes
 * the sequence after the one safety consumed. Safety never waits for the guest.
 *
 * <p><b>Ordering.</b> For request {@code s}: the odd word {@code 2s-1} (release), a store-store fence,
 * the fields, payload and checksum (plain), then the even word {@code 2s} (release).
 *
 * <p><b>Cost.</b> {@link #offer} never blocks or allocates.
 */
public final class CommandRequestWriter {
    /** Returned by {@link #offer} when the ring is full of requests safety has not consumed. */
    public static final long BACK_PRESSURED = -1;
    /** Returned by {@link #offer} when the sequence space is used up (only after garbage drove it there). */
    public static final long SEQUENCE_EXHAUSTED = -2;

    private final AtomicBuffer buffer;
    private final int slotCount;
    private final int slotMask;
    private long lastSequence;

    CommandRequestWriter(AtomicBuffer buffer, int requestSlotCount) {
        buffer.verifyAlignment();
        this.buffer = buffer;
        this.slotCount = requestSlotCount;
        this.slotMask = requestSlotCount - 1;
        this.lastSequence = Math.max(0, Math.min(MAX_SEQUENCE, buffer.getLongAcquire(REQUESTS_CONSUMED_OFFSET)));
    }

    /**
     * Writes {@code frame} (kind, correlation id, payload length and all payload longs) as the next
     * request. Sets {@code frame}'s sequence.
     *
     * @return the request's sequence, {@link #BACK_PRESSURED} or {@link #SEQUENCE_EXHAUSTED}
     * @throws IllegalArgumentException if the payload length is outside 0..{@link CommandMailboxLayout#PAYLOAD_LONGS}
     *                                  or the kind is not positive
     */
    public long offer(CommandFrame frame) {
        if (frame.payloadLength() < 0 || frame.payloadLength() > PAYLOAD_LONGS) {
            throw new IllegalArgumentException("payload length must be 0.." + PAYLOAD_LONGS + ", was " + frame.payloadLength());
        }
        if (frame.kind() < 1) {
            throw new IllegalArgumentException("kind must be positive, was " + frame.kind());
        }
        long consumed = buffer.getLongAcquire(REQUESTS_CONSUMED_OFFSET);
        long sequence = Math.max(lastSequence, consumed) + 1;
        if (sequence > MAX_SEQUENCE || sequence < 1) {
            return SEQUENCE_EXHAUSTED;
        }
        if (sequence - consumed > slotCount) {
            return BACK_PRESSURED;
        }
        int slot = requestSlotOffset(sequence, slotMask);
        long word = publishedWord(sequence);
        buffer.putLongRelease(slot + SEQUENCE_WORD_OFFSET, writingWord(sequence));
        VarHandle.storeStoreFence();
        buffer.putInt(slot + KIND_OFFSET, frame.kind());
        buffer.putInt(slot + PAYLOAD_LENGTH_OFFSET, frame.payloadLength());
        buffer.putLong(slot + CORRELATION_ID_OFFSET, frame.correlationId());
        long h = checksumStart(word);
        h = mix(h, kindAndLength(frame.kind(), frame.payloadLength()));
        h = mix(h, frame.correlationId());
        for (int i = 0; i < PAYLOAD_LONGS; i++) {
            long value = frame.payloadLong(i);
            buffer.putLong(slot + PAYLOAD_OFFSET + 8 * i, value);
            h = mix(h, value);
        }
        buffer.putLong(slot + CHECKSUM_OFFSET, h);
        buffer.putLongRelease(slot + SEQUENCE_WORD_OFFSET, word);
        lastSequence = sequence;
        frame.sequence(sequence);
        return sequence;
    }

    /** Sequence of the last request this writer wrote; 0 if none. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Sequence of the last request safety consumed, as safety last published it. */
    public long consumedSequence() {
        return buffer.getLongAcquire(REQUESTS_CONSUMED_OFFSET);
    }

    public int slotCount() {
        return slotCount;
    }
}
