package org.pneuma.channel;

import static org.pneuma.channel.CommandMailboxLayout.*;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.AtomicBuffer;

/**
 * The safety partition's end of the response ring: publishes one answer per request.
 *
 * <p><b>Never waits.</b> There is no back-pressure from the guest: the ring is overwritten oldest
 * first, and a guest that reads too slowly sees {@link CommandReadStatus#OVERRUN}. The writer reads
 * nothing the guest could have written after it was made: its sequence is its own.
 *
 * <p><b>Threads.</b> One writer per mailbox, one owner thread (the thread that polls requests).
 *
 * <p><b>Cost.</b> {@link #publish} never blocks, spins or allocates: the reason text is copied
 * character by character from the {@link CharSequence}, printable ASCII kept, dashes and other
 * characters replaced, and cut to {@link CommandMailboxLayout#REASON_LENGTH} bytes ending in "..."
 * when longer.
 *
 * <p><b>Ordering.</b> For response {@code s}: the odd word {@code 2s-1} (release), a store-store
 * fence, the fields, text and checksum (plain), the even word {@code 2s} (release), then the header's
 * latest response sequence (release).
 *
 * <p><b>Lifecycle.</b> Wrapping a mailbox that already holds responses continues after the newest
 * complete one found in the ring, so a restarted safety partition never reuses a sequence a guest may
 * have read.
 */
public final class CommandResponseWriter {
    private static final byte ELLIPSIS = '.';

    private final AtomicBuffer buffer;
    private final int requestSlotCount;
    private final int slotMask;
    private long lastSequence;

    CommandResponseWriter(AtomicBuffer buffer, int requestSlotCount, int responseSlotCount) {
        buffer.verifyAlignment();
        this.buffer = buffer;
        this.requestSlotCount = requestSlotCount;
        this.slotMask = responseSlotCount - 1;
        long newest = 0;
        for (int i = 0; i < responseSlotCount; i++) {
            int slot = responseRingOffset(requestSlotCount) + i * SLOT_LENGTH;
            newest = Math.max(newest, completeSequence(buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET)));
        }
        // Past MAX_SEQUENCE only if the guest planted it; wrap to 1 rather than overflow.
        this.lastSequence = newest < MAX_SEQUENCE ? newest : 0;
        buffer.putLongRelease(LATEST_RESPONSE_OFFSET, lastSequence);
    }

    /**
     * Publishes the answer to request {@code requestSequence}.
     *
     * @param correlationId the request's correlation id as read (echoed even when the request was garbled)
     * @param accepted      whether the command was accepted and applied
     * @param reason        the reason code; {@link CommandReason#ACCEPTED} with {@code accepted}
     * @param reasonText    text for a human; {@code null} is taken as empty
     * @return the response's sequence
     */
    public long publish(long requestSequence, long correlationId, boolean accepted, CommandReason reason,
                        CharSequence reasonText) {
        long sequence = lastSequence < MAX_SEQUENCE ? lastSequence + 1 : 1;
        int slot = responseSlotOffset(sequence, requestSlotCount, slotMask);
        long word = publishedWord(sequence);
        buffer.putLongRelease(slot + SEQUENCE_WORD_OFFSET, writingWord(sequence));
        VarHandle.storeStoreFence();
        buffer.putLong(slot + REQUEST_SEQUENCE_OFFSET, requestSequence);
        buffer.putLong(slot + RESPONSE_CORRELATION_ID_OFFSET, correlationId);
        buffer.putInt(slot + ACCEPTED_OFFSET, accepted ? 1 : 0);
        buffer.putInt(slot + REASON_CODE_OFFSET, reason.code());
        int length = putReason(slot + REASON_OFFSET, reasonText);
        buffer.putInt(slot + REASON_LENGTH_OFFSET, length);
        buffer.putInt(slot + REASON_LENGTH_OFFSET + 4, 0);
        buffer.putLong(slot + CHECKSUM_OFFSET, responseChecksum(buffer, slot, word));
        buffer.putLongRelease(slot + SEQUENCE_WORD_OFFSET, word);
        buffer.putLongRelease(LATEST_RESPONSE_OFFSET, sequence);
        lastSequence = sequence;
        return sequence;
    }

    /** Sequence of the latest response written; 0 if none. */
    public long lastSequence() {
        return lastSequence;
    }

    private int putReason(int offset, CharSequence text) {
        int textLength = text == null ? 0 : text.length();
        boolean cut = textLength > REASON_LENGTH;
        int length = Math.min(textLength, REASON_LENGTH);
        for (int i = 0; i < length; i++) {
            byte b = cut && i >= REASON_LENGTH - 3 ? ELLIPSIS : ascii(text.charAt(i));
            buffer.putByte(offset + i, b);
        }
        for (int i = length; i < REASON_LENGTH; i++) {
            buffer.putByte(offset + i, (byte) 0);
        }
        return length;
    }

    private static byte ascii(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return (byte) c;
        }
        return switch (c) {
            case '\u2013', '\u2014', '\u2212' -> (byte) '-';
            case '\t', '\n', '\r' -> (byte) ' ';
            default -> (byte) '?';
        };
    }
}
