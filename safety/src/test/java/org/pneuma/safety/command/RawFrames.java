package org.pneuma.safety.command;

import static org.pneuma.channel.CommandMailboxLayout.*;

import org.agrona.concurrent.AtomicBuffer;
import org.pneuma.channel.CommandFrame;

/** Writes request slots straight into the mailbox's memory, as a guest that ignores the protocol could. */
final class RawFrames {
    private RawFrames() {
    }

    /** The sequence a well-behaved guest would write next: after the one safety says it consumed. */
    static long nextExpected(AtomicBuffer buffer) {
        return buffer.getLongAcquire(REQUESTS_CONSUMED_OFFSET) + 1;
    }

    static int slot(AtomicBuffer buffer, long sequence, int requestSlotCount) {
        return requestSlotOffset(sequence, requestSlotCount - 1);
    }

    /** Writes {@code frame}'s fields as request {@code sequence}, sealed with a correct checksum. */
    static int writeSealed(AtomicBuffer buffer, int requestSlotCount, long sequence, CommandFrame frame) {
        int slot = slot(buffer, sequence, requestSlotCount);
        buffer.putLong(slot + SEQUENCE_WORD_OFFSET, publishedWord(sequence));
        buffer.putInt(slot + KIND_OFFSET, frame.kind());
        buffer.putInt(slot + PAYLOAD_LENGTH_OFFSET, frame.payloadLength());
        buffer.putLong(slot + CORRELATION_ID_OFFSET, frame.correlationId());
        for (int i = 0; i < PAYLOAD_LONGS; i++) {
            buffer.putLong(slot + PAYLOAD_OFFSET + 8 * i, frame.payloadLong(i));
        }
        reseal(buffer, slot);
        return slot;
    }

    static void reseal(AtomicBuffer buffer, int slot) {
        buffer.putLong(slot + CHECKSUM_OFFSET, requestChecksum(buffer, slot));
    }

    static void flipBit(AtomicBuffer buffer, int slot, int bit) {
        int offset = slot + bit / 8;
        buffer.putByte(offset, (byte) (buffer.getByte(offset) ^ (1 << (bit % 8))));
    }
}
