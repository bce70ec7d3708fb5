package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensorBusRoundTripTest {
    private static final long STALE_AFTER_NS = 50_000_000L;

    private final SensorBus bus = SensorBus.allocate(8);
    private final SingleWriterSensorBus writer = bus.writer();
    private final SensorBusReader reader = bus.newReader(STALE_AFTER_NS);
    private final SensorSample read = new SensorSample();

    @Test
    void everyFieldSurvivesAPublishAndAReadOfTheLatestSample() {
        SensorSample published = Samples.everyFieldDistinct();

        long sequence = writer.publish(published);

        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.OK);
        Samples.assertSameBits(read, new SensorSample().copyFrom(published).sequence(sequence));
    }

    @Test
    void everyFieldSurvivesAPublishAndACursorRead() {
        SensorSample published = Samples.everyFieldDistinct();

        long sequence = writer.publish(published);

        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
        Samples.assertSameBits(read, new SensorSample().copyFrom(published).sequence(sequence));
    }

    @Test
    void bothPhasesAndBothSafetyValveStatesSurviveARoundTrip() {
        for (int phase : new int[] {SensorSample.PHASE_EXPIRATION, SensorSample.PHASE_INSPIRATION}) {
            for (boolean safetyValveOpen : new boolean[] {false, true}) {
                writer.publish(Samples.everyFieldDistinct().phase(phase).safetyValveOpen(safetyValveOpen));

                assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.OK);
                assertThat(read.phase()).isEqualTo(phase);
                assertThat(read.safetyValveOpen()).isEqualTo(safetyValveOpen);
            }
        }
    }

    @Test
    void publishGivesConsecutiveSequencesFromOneAndLeavesTheSamplesOwnSequenceAlone() {
        SensorSample sample = Samples.everyFieldDistinct().sequence(777);

        assertThat(writer.publish(sample)).isEqualTo(1);
        assertThat(writer.publish(sample)).isEqualTo(2);
        assertThat(writer.publish(sample)).isEqualTo(3);
        assertThat(sample.sequence()).isEqualTo(777);
        assertThat(writer.lastSequence()).isEqualTo(3);
        assertThat(reader.latestSequence()).isEqualTo(3);
    }

    @Test
    void bothReadsReportNoDataBeforeTheFirstPublish() {
        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.NO_DATA);
        assertThat(reader.readLatest(read, 0L)).isEqualTo(ReadStatus.NO_DATA);
        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.NO_DATA);
        assertThat(reader.writerHeartbeatNs()).isZero();
    }

    @Test
    void readLatestReturnsTheNewestSampleAndLeavesTheCursorWhereItWas() {
        for (long n = 1; n <= 5; n++) {
            writer.publish(Samples.derivedFrom(n, new SensorSample()));
        }

        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(5);
        assertThat(Samples.isDerivedFromItsSequence(read, new SensorSample())).isTrue();
        assertThat(reader.nextSequence()).isEqualTo(1);
    }

    @Test
    void readNextDeliversEverySampleOnceInOrderThenReportsNoData() {
        SensorSample scratch = new SensorSample();
        for (long n = 1; n <= 6; n++) {
            writer.publish(Samples.derivedFrom(n, scratch));
        }

        for (long expected = 1; expected <= 6; expected++) {
            assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
            assertThat(read.sequence()).isEqualTo(expected);
            assertThat(Samples.isDerivedFromItsSequence(read, scratch)).isTrue();
        }
        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.NO_DATA);

        writer.publish(Samples.derivedFrom(7, scratch));
        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(7);
        assertThat(reader.lostSampleCount()).isZero();
    }

    @Test
    void readersHaveIndependentCursors() {
        SensorBusReader other = bus.newReader(STALE_AFTER_NS);
        writer.publish(Samples.derivedFrom(1, new SensorSample()));
        writer.publish(Samples.derivedFrom(2, new SensorSample()));

        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);

        assertThat(other.readNext(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(1);
    }

    @Test
    void aNewReaderStartsItsCursorAtTheOldestSampleTheRingStillHolds() {
        for (long n = 1; n <= 20; n++) {
            writer.publish(Samples.derivedFrom(n, new SensorSample()));
        }

        SensorBusReader late = bus.newReader(STALE_AFTER_NS);

        assertThat(late.nextSequence()).isEqualTo(20 - 8 + 1);
        assertThat(late.readNext(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(13);
    }

    @Test
    void theWriterHeartbeatIsTheTimeOfTheLatestSample() {
        writer.publish(Samples.everyFieldDistinct().timeNs(5_000));
        writer.publish(Samples.everyFieldDistinct().timeNs(6_000));

        assertThat(reader.writerHeartbeatNs()).isEqualTo(6_000);
    }

    @Test
    void aWriterWrappingABusThatHoldsSamplesContinuesItsSequence() {
        writer.publish(Samples.everyFieldDistinct());
        writer.publish(Samples.everyFieldDistinct());

        SingleWriterSensorBus restarted = new SingleWriterSensorBus(bus.buffer());

        assertThat(restarted.publish(Samples.everyFieldDistinct())).isEqualTo(3);
        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.OK);
        assertThat(read.sequence()).isEqualTo(3);
    }

    @Test
    void theHeaderCarriesTheSlotCountAndSamplePeriodToReaders() {
        SensorBus slow = SensorBus.allocate(16, 2_000_000L);

        SensorBusReader slowReader = slow.newReader(0);

        assertThat(slowReader.slotCount()).isEqualTo(16);
        assertThat(slowReader.samplePeriodNs()).isEqualTo(2_000_000L);
        assertThat(reader.samplePeriodNs()).isEqualTo(SensorBusLayout.DEFAULT_SAMPLE_PERIOD_NS);
    }
}
