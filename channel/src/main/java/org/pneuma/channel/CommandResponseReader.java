package org.pneuma.channel;

import static org.pneuma.channel.CommandMailboxLayout.*;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.AtomicBuffer;

/**
 * A guest's reader of the response ring, with its own cursor: every answer in order.
 *
 * <p><b>Threads.</b> Any number of readers; each instance has one owner thread. A reader only loads,
 * so it cannot slow the safety partition's writer; a reader more than a ring behind loses responses
 * ({@link CommandReadStatus#OVERRUN}, counted).
 *
 * <p><b>Cost.</b> {@link #readNext} never blocks, spins, retries or allocates.
 *
 * <p><b>Ordering.</b> A read acquires the header's latest response sequence, then the slot's sequence
 * word; loads the fields and checksum; issues a load-load fence; loads the word again. It accepts the
 * response only if both loads of the word are {@code 2s} for the response {@code s} it wants and the
 * checksum matches (see {@link CommandResponseWriter}).
 */
public final class CommandResponseReader {
    private final AtomicBuffer buffer;
    private final int requestSlotCount;
    private final int slotCount;
    private final int slotMask;
    private long nextSequence;
    private long lostResponseCount;
    private long garbledResponseCount;

    /** The cursor starts after the latest response published so far: a new reader sees only new answers. */
    CommandResponseReader(AtomicBuffer buffer, int requestSlotCount, int responseSlotCount) {
        buffer.verifyAlignment();
        this.buffer = buffer;
        this.requestSlotCount = requestSlotCount;
        this.slotCount = responseSlotCount;
        this.slotMask = responseSlotCount - 1;
        this.nextSequence = buffer.getLongAcquire(LATEST_RESPONSE_OFFSET) + 1;
    }

    /**
     * Reads the response at the cursor into {@code into} and advances past it.
     *
     * @return {@link CommandReadStatus#OK} (filled, cursor advanced); {@link CommandReadStatus#EMPTY}
     *     (caught up); {@link CommandReadStatus#TORN} (read again); {@link CommandReadStatus#GARBLED}
     *     (skipped and counted); {@link CommandReadStatus#OVERRUN} (cursor jumped to the oldest response
     *     still held, the skipped ones counted as lost)
     */
    public CommandReadStatus readNext(CommandResponse into) {
        long latest = buffer.getLongAcquire(LATEST_RESPONSE_OFFSET);
        long wanted = nextSequence;
        if (wanted > latest) {
            return CommandReadStatus.EMPTY;
        }
        if (latest - wanted >= slotCount) {
            long target = Math.max(latest - slotCount + 1, wanted + 1);
            lostResponseCount += target - wanted;
            nextSequence = target;
            return CommandReadStatus.OVERRUN;
        }
        int slot = responseSlotOffset(wanted, requestSlotCount, slotMask);
        long word = publishedWord(wanted);
        long wordBefore = buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET);
        if (wordBefore != word) {
            if (wordBefore > word) {
                // The writer has lapped this slot since the header was read.
                lostResponseCount++;
                nextSequence = wanted + 1;
                return CommandReadStatus.OVERRUN;
            }
            return CommandReadStatus.TORN;
        }
        long requestSequence = buffer.getLong(slot + REQUEST_SEQUENCE_OFFSET);
        long correlationId = buffer.getLong(slot + RESPONSE_CORRELATION_ID_OFFSET);
        int accepted = buffer.getInt(slot + ACCEPTED_OFFSET);
        int reasonCode = buffer.getInt(slot + REASON_CODE_OFFSET);
        int length = buffer.getInt(slot + REASON_LENGTH_OFFSET);
        buffer.getBytes(slot + REASON_OFFSET, into.reasonBytes(), 0, REASON_LENGTH);
        long computed = responseChecksum(buffer, slot, word);
        long stored = buffer.getLong(slot + CHECKSUM_OFFSET);
        VarHandle.loadLoadFence();
        if (buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET) != word) {
            return CommandReadStatus.TORN;
        }
        nextSequence = wanted + 1;
        if (computed != stored || length < 0 || length > REASON_LENGTH || (accepted & ~1) != 0) {
            garbledResponseCount++;
            return CommandReadStatus.GARBLED;
        }
        into.fill(wanted, requestSequence, correlationId, accepted == 1, reasonCode, length);
        return CommandReadStatus.OK;
    }

    /** Sequence of the response the next read wants. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Responses overwritten before this reader got to them. */
    public long lostResponseCount() {
        return lostResponseCount;
    }

    /** Responses skipped because they failed their checks. */
    public long garbledResponseCount() {
        return garbledResponseCount;
    }
}
