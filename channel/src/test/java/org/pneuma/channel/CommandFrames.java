package org.pneuma.channel;

import static org.pneuma.channel.CommandMailboxLayout.*;

import org.agrona.concurrent.AtomicBuffer;

/** Test helpers that write request slots the way a guest could: honestly, or not. */
final class CommandFrames {
    private CommandFrames() {
    }

    /** A frame with every field and payload long distinct, including NaN and infinity bit patterns. */
    static CommandFrame everyFieldDistinct(int kind) {
        CommandFrame frame = new CommandFrame().kind(kind).correlationId(0x0123_4567_89AB_CDEFL)
            .payloadLength(PAYLOAD_LONGS);
        for (int i = 0; i < PAYLOAD_LONGS; i++) {
            frame.payloadLong(i, 0x1111_1111_1111_1111L * (i + 1) ^ i);
        }
        frame.payloadDouble(3, Double.NaN).payloadDouble(4, Double.NEGATIVE_INFINITY).payloadDouble(5, -0.0)
            .payloadLong(6, 0x7FF0_0000_0000_0001L);
        return frame;
    }

    /** Writes a complete request {@code sequence} into its slot with the fields given, sealed with a correct checksum. */
    static int writeSealed(AtomicBuffer buffer, int requestSlotCount, long sequence, int kind, int length,
                           long correlationId, long[] payload) {
        int slot = requestSlotOffset(sequence, requestSlotCount - 1);
        buffer.putLong(slot + SEQUENCE_WORD_OFFSET, publishedWord(sequence));
        buffer.putInt(slot + KIND_OFFSET, kind);
        buffer.putInt(slot + PAYLOAD_LENGTH_OFFSET, length);
        buffer.putLong(slot + CORRELATION_ID_OFFSET, correlationId);
        for (int i = 0; i < PAYLOAD_LONGS; i++) {
            buffer.putLong(slot + PAYLOAD_OFFSET + 8 * i, payload[i]);
        }
        reseal(buffer, slot);
        return slot;
    }

    /** Recomputes and stores a request slot's checksum for what it holds now. */
    static void reseal(AtomicBuffer buffer, int slot) {
        buffer.putLong(slot + CHECKSUM_OFFSET, requestChecksum(buffer, slot));
    }

    static void assertSameFrame(CommandFrame actual, CommandFrame expected) {
        org.assertj.core.api.Assertions.assertThat(actual.kind()).as("kind").isEqualTo(expected.kind());
        org.assertj.core.api.Assertions.assertThat(actual.payloadLength()).as("length").isEqualTo(expected.payloadLength());
        org.assertj.core.api.Assertions.assertThat(actual.correlationId()).as("correlation").isEqualTo(expected.correlationId());
        for (int i = 0; i < PAYLOAD_LONGS; i++) {
            org.assertj.core.api.Assertions.assertThat(actual.payloadLong(i)).as("payload long %d", i)
                .isEqualTo(expected.payloadLong(i));
        }
    }
}
