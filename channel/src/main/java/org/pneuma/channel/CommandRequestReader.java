package org.pneuma.channel;

import static org.pneuma.channel.CommandMailboxLayout.*;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.AtomicBuffer;

/**
 * The safety partition's end of the request ring: takes the guest's requests in sequence order and
 * checks every field of each before handing it on.
 *
 * <p><b>Trusts nothing.</b> The guest may write any bytes anywhere in the mailbox at any time. This
 * reader keeps the ring's geometry and its cursor in its own memory (never re-reading the header),
 * computes every offset from them (so no guest value can move a read out of bounds), and judges each
 * slot by its sequence word, checksum, payload length and kind. Nothing it reads can make it throw,
 * block or loop: each {@link #poll} looks at exactly one slot.
 *
 * <p><b>Threads.</b> One reader per mailbox, one owner thread. The guest's single writer
 * ({@link CommandRequestWriter}) runs concurrently in another process.
 *
 * <p><b>Cost.</b> {@link #poll} never blocks, spins, retries or allocates. An empty poll is one
 * acquire load; a full one reads three cache lines and writes the header's consumed sequence.
 *
 * <p><b>Ordering.</b> A poll acquires the slot's sequence word; if it is {@code 2s} for the expected
 * sequence {@code s}, it loads the fields and checksum, issues a load-load fence and loads the word
 * again. Equal words mean no write overlapped the loads (see {@link CommandRequestWriter}). After
 * consuming request {@code s} it stores {@code s} into the header's requests-consumed word with
 * release semantics: the guest's back-pressure and resynchronisation read it. Safety never reads it.
 *
 * <p><b>Lifecycle.</b> Wrapping a mailbox that already holds requests skips every complete request
 * in the ring: a restarted safety partition never replays a command it may already have applied.
 * Requests written but not yet read when it attached go unanswered; the guest times out and retries.
 */
public final class CommandRequestReader {
    private final AtomicBuffer buffer;
    private final int slotMask;
    private final int highestKind;
    private long nextSequence;
    private long garbledFrameCount;
    private long tornReadCount;

    CommandRequestReader(AtomicBuffer buffer, int requestSlotCount, int highestKind) {
        if (highestKind < 1) {
            throw new IllegalArgumentException("the highest accepted kind must be at least 1, was " + highestKind);
        }
        buffer.verifyAlignment();
        this.buffer = buffer;
        this.slotMask = requestSlotCount - 1;
        this.highestKind = highestKind;
        long newest = 0;
        for (int i = 0; i < requestSlotCount; i++) {
            int slot = REQUEST_RING_OFFSET + i * SLOT_LENGTH;
            newest = Math.max(newest, completeSequence(buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET)));
        }
        this.nextSequence = newest + 1;
        buffer.putLongRelease(REQUESTS_CONSUMED_OFFSET, newest);
    }

    /**
     * Looks at the slot of the next expected request.
     *
     * @param into filled on {@link CommandReadStatus#OK} (every field checked) and on
     *             {@link CommandReadStatus#GARBLED} (fields as read, with the {@link CommandFrame#fault()});
     *             on {@link CommandReadStatus#EMPTY} untouched; on {@link CommandReadStatus#TORN} unspecified
     * @return {@link CommandReadStatus#OK}: a request passed every check and was consumed;
     *     {@link CommandReadStatus#EMPTY}: the slot holds an older sequence or one being written;
     *     {@link CommandReadStatus#TORN}: the slot changed while read, nothing consumed;
     *     {@link CommandReadStatus#GARBLED}: the slot held a later sequence or junk, or the request
     *     failed its checksum, length or kind check; it was consumed (skipped) and counted
     */
    public CommandReadStatus poll(CommandFrame into) {
        long sequence = nextSequence;
        int slot = requestSlotOffset(sequence, slotMask);
        long expectedWord = publishedWord(sequence);
        long wordBefore = buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET);
        if (wordBefore == expectedWord) {
            return readComplete(sequence, slot, expectedWord, into);
        }
        if (wordBefore > expectedWord) {
            // An honest writer never puts a later sequence here before this one was consumed (back-pressure).
            into.clear()
                .sequence(sequence)
                .kind(buffer.getInt(slot + KIND_OFFSET))
                .payloadLength(buffer.getInt(slot + PAYLOAD_LENGTH_OFFSET))
                .correlationId(buffer.getLong(slot + CORRELATION_ID_OFFSET))
                .fault(CommandFrameFault.SEQUENCE);
            consume(sequence);
            garbledFrameCount++;
            return CommandReadStatus.GARBLED;
        }
        return CommandReadStatus.EMPTY;
    }

    /** Sequence of the request the next poll expects. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Requests consumed as garbled since this reader was made. */
    public long garbledFrameCount() {
        return garbledFrameCount;
    }

    /** Polls that found the slot changing under them. */
    public long tornReadCount() {
        return tornReadCount;
    }

    /** The highest kind this reader accepts; kinds run from 1. */
    public int highestKind() {
        return highestKind;
    }

    private CommandReadStatus readComplete(long sequence, int slot, long word, CommandFrame into) {
        int kind = buffer.getInt(slot + KIND_OFFSET);
        int length = buffer.getInt(slot + PAYLOAD_LENGTH_OFFSET);
        long correlationId = buffer.getLong(slot + CORRELATION_ID_OFFSET);
        long h = checksumStart(word);
        h = mix(h, kindAndLength(kind, length));
        h = mix(h, correlationId);
        for (int i = 0; i < PAYLOAD_LONGS; i++) {
            long value = buffer.getLong(slot + PAYLOAD_OFFSET + 8 * i);
            into.payloadLong(i, value);
            h = mix(h, value);
        }
        long storedChecksum = buffer.getLong(slot + CHECKSUM_OFFSET);
        VarHandle.loadLoadFence();
        if (buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET) != word) {
            tornReadCount++;
            return CommandReadStatus.TORN;
        }
        CommandFrameFault fault;
        if (h != storedChecksum) {
            fault = CommandFrameFault.CHECKSUM;
        } else if (length < 0 || length > PAYLOAD_LONGS) {
            fault = CommandFrameFault.LENGTH;
        } else if (kind < 1 || kind > highestKind) {
            fault = CommandFrameFault.KIND;
        } else {
            fault = CommandFrameFault.NONE;
        }
        into.sequence(sequence).kind(kind).payloadLength(length).correlationId(correlationId).fault(fault);
        consume(sequence);
        if (fault != CommandFrameFault.NONE) {
            garbledFrameCount++;
            return CommandReadStatus.GARBLED;
        }
        return CommandReadStatus.OK;
    }

    private void consume(long sequence) {
        nextSequence = sequence + 1;
        buffer.putLongRelease(REQUESTS_CONSUMED_OFFSET, sequence);
    }
}
