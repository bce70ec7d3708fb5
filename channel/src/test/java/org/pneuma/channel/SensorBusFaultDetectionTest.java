package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.channel.SensorBusLayout.*;

import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;

/** What a reader reports when the writer is mid-write, the memory is garbled, or the reader is slow. */
class SensorBusFaultDetectionTest {
    private static final int SLOTS = 8;
    private static final int SLOT_MASK = SLOTS - 1;
    private static final long STALE_AFTER_NS = 50_000_000L;

    private final SensorBus bus = SensorBus.allocate(SLOTS);
    private final AtomicBuffer memory = bus.buffer();
    private final SingleWriterSensorBus writer = bus.writer();
    private final SensorBusReader reader = bus.newReader(STALE_AFTER_NS);
    private final SensorSample read = new SensorSample();
    private final SensorSample scratch = new SensorSample();

    private void publishUpTo(long last) {
        for (long n = writer.lastSequence() + 1; n <= last; n++) {
            writer.publish(Samples.derivedFrom(n, scratch));
        }
    }

    private static int slotOf(long sequence) {
        return slotOffset(sequence, SLOT_MASK);
    }

    @Test
    void readLatestReportsTornWhileTheWriterIsRewritingTheLatestSlotAndOkOnceTheSlotIsWhole() {
        publishUpTo(3);
        // The writer has come round the ring and is half way through writing sample 3 + SLOTS over sample 3.
        memory.putLong(slotOf(3) + SEQUENCE_WORD_OFFSET, writingWord(3 + SLOTS));

        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.TORN);

        memory.putLong(slotOf(3) + SEQUENCE_WORD_OFFSET, publishedWord(3));
        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(3);
    }

    @Test
    void aCursorReadOfASampleTheWriterIsAlreadyOverwritingSkipsItAsLost() {
        publishUpTo(SLOTS + 2);                          // the ring holds 3..10; the cursor wants 3
        SensorBusReader recorder = bus.newReader(STALE_AFTER_NS);
        assertThat(recorder.nextSequence()).isEqualTo(3);
        memory.putLong(slotOf(3) + SEQUENCE_WORD_OFFSET, writingWord(3 + SLOTS)); // writer mid-way into 11

        assertThat(recorder.readNext(read)).isEqualTo(ReadStatus.OVERRUN);
        assertThat(recorder.lostSampleCount()).isEqualTo(1);
        assertThat(recorder.readNext(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(4);
    }

    @Test
    void aSingleFlippedBitInAnyPayloadWordIsReportedAsAChecksumMismatch() {
        publishUpTo(1);
        int slot = slotOf(1);
        for (int offset = TIME_NS_OFFSET; offset <= PHASE_AND_FLAGS_OFFSET; offset += Long.BYTES) {
            long original = memory.getLong(slot + offset);
            for (int bit : new int[] {0, 31, 63}) {
                memory.putLong(slot + offset, original ^ (1L << bit));

                assertThat(reader.readLatest(read)).as("bit %d of the word at %d", bit, offset)
                    .isEqualTo(ReadStatus.CHECKSUM_MISMATCH);
            }
            memory.putLong(slot + offset, original);
            assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.OK);
        }
    }

    @Test
    void aGarbledChecksumIsReportedAsAChecksumMismatchAndCounted() {
        publishUpTo(1);
        int slot = slotOf(1);
        memory.putLong(slot + CHECKSUM_OFFSET, memory.getLong(slot + CHECKSUM_OFFSET) + 1);

        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.CHECKSUM_MISMATCH);
        assertThat(reader.readLatest(read).hasSample()).isFalse();
        assertThat(reader.corruptSampleCount()).isEqualTo(2);
    }

    @Test
    void aPayloadAndChecksumCopiedFromAnotherSampleAreRejectedBecauseTheChecksumCoversTheSequence() {
        publishUpTo(3);
        int from = slotOf(2);
        int to = slotOf(3);
        for (int offset = TIME_NS_OFFSET; offset <= CHECKSUM_OFFSET; offset += Long.BYTES) {
            memory.putLong(to + offset, memory.getLong(from + offset));
        }

        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.CHECKSUM_MISMATCH);
    }

    @Test
    void aSequenceWordThatWentBackwardsIsReportedAsAChecksumMismatch() {
        publishUpTo(3);
        memory.putLong(slotOf(3) + SEQUENCE_WORD_OFFSET, publishedWord(2));

        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.CHECKSUM_MISMATCH);
    }

    @Test
    void aCursorReadSkipsAGarbledSampleCountsItAndGoesOn() {
        publishUpTo(3);
        int slot = slotOf(2);
        memory.putLong(slot + VOLUME_OFFSET, memory.getLong(slot + VOLUME_OFFSET) ^ 0xFF);

        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(1);
        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.CHECKSUM_MISMATCH);
        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(3);
        assertThat(reader.corruptSampleCount()).isEqualTo(1);
        assertThat(reader.lostSampleCount()).isZero();
    }

    @Test
    void aCursorMoreThanARingBehindJumpsToTheOldestSampleHeldAndCountsEverySampleItLost() {
        publishUpTo(SLOTS + 10);                          // 18 published; the ring holds 11..18

        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OVERRUN);
        assertThat(reader.lostSampleCount()).isEqualTo(10);
        assertThat(reader.nextSequence()).isEqualTo(11);

        long delivered = 0;
        for (long expected = 11; expected <= 18; expected++) {
            assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
            assertThat(read.sequence()).isEqualTo(expected);
            assertThat(Samples.isDerivedFromItsSequence(read, scratch)).isTrue();
            delivered++;
        }
        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.NO_DATA);
        assertThat(delivered + reader.lostSampleCount()).isEqualTo(18);
    }

    @Test
    void aCursorExactlyOneRingBehindLosesNothing() {
        publishUpTo(SLOTS);

        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(1);
        assertThat(reader.lostSampleCount()).isZero();
    }

    @Test
    void readLatestReportsStaleOnlyWhenTheLatestSampleIsOlderThanTheThresholdAndStillFillsIt() {
        long sampledAtNs = 7_000_000_000L;
        writer.publish(Samples.everyFieldDistinct().timeNs(sampledAtNs));

        assertThat(reader.readLatest(read, sampledAtNs + STALE_AFTER_NS)).isEqualTo(ReadStatus.OK);

        read.timeNs(0);
        ReadStatus status = reader.readLatest(read, sampledAtNs + STALE_AFTER_NS + 1);
        assertThat(status).isEqualTo(ReadStatus.STALE);
        assertThat(status.hasSample()).isTrue();
        assertThat(read.timeNs()).isEqualTo(sampledAtNs);
        assertThat(read.sequence()).isEqualTo(1);

        assertThat(reader.readLatest(read)).as("no clock, no staleness check").isEqualTo(ReadStatus.OK);
    }

    @Test
    void aFreshSampleReplacesAStaleOne() {
        writer.publish(Samples.everyFieldDistinct().timeNs(1_000));
        long nowNs = 1_000 + STALE_AFTER_NS * 3;
        assertThat(reader.readLatest(read, nowNs)).isEqualTo(ReadStatus.STALE);

        writer.publish(Samples.everyFieldDistinct().timeNs(nowNs - 1));

        assertThat(reader.readLatest(read, nowNs)).isEqualTo(ReadStatus.OK);
    }
}
