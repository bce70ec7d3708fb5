package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;

/** Sample fixtures shared by the tests: every field distinct, or every field derived from one number. */
final class Samples {
    private Samples() {
    }

    /** A sample whose fields all hold different, non-default values. */
    static SensorSample everyFieldDistinct() {
        return new SensorSample()
            .sequence(-1)
            .timeNs(123_456_789_012L)
            .airwayPressureCmH2O(21.5)
            .patientFlowMlPerS(-310.25)
            .volumeMl(412.75)
            .oxygenPercent(40.5)
            .inspiratoryFlowMlPerS(650.0)
            .expiratoryFlowMlPerS(12.125)
            .airValveOpening(0.625)
            .oxygenValveOpening(0.1875)
            .expiratoryPilotCmH2O(5.25)
            .safetyValveOpen(true)
            .phase(SensorSample.PHASE_INSPIRATION)
            .alarmBits(0x8000_0000_0000_0005L)
            .breathNumber(98_765L)
            .pipCmH2O(24.5)
            .peepCmH2O(5.5)
            .vtiMl(455.0)
            .vteMl(448.5)
            .rateBpm(14.0)
            .minuteVolumeLpm(6.279)
            .ieRatio(0.5)
            .fio2Pct(40.25);
    }

    /**
     * Fills {@code into} with values that are a function of {@code n} alone, so a reader can tell a
     * sample whose fields came from different writes.
     */
    static SensorSample derivedFrom(long n, SensorSample into) {
        return into
            .timeNs(n * 1_000_000L)
            .airwayPressureCmH2O(n + 0.5)
            .patientFlowMlPerS(n * 2.0)
            .volumeMl(n * 3.0)
            .oxygenPercent(n * 4.0)
            .inspiratoryFlowMlPerS(n * 5.0)
            .expiratoryFlowMlPerS(n * 6.0)
            .airValveOpening(n * 7.0)
            .oxygenValveOpening(n * 8.0)
            .expiratoryPilotCmH2O(n * 9.0)
            .safetyValveOpen(n % 3 == 0)
            .phase((int) (n & 1))
            .alarmBits(n * 0x9E37_79B9_7F4A_7C15L)
            .breathNumber(n ^ 0x5555_5555_5555L)
            .pipCmH2O(n * 10.0)
            .peepCmH2O(n * 11.0)
            .vtiMl(n * 12.0)
            .vteMl(n * 13.0)
            .rateBpm(n * 14.0)
            .minuteVolumeLpm(n * 15.0)
            .ieRatio(n * 16.0)
            .fio2Pct(n * 17.0);
    }

    /** Whether every field of {@code sample} is what {@link #derivedFrom} gives for its sequence. */
    static boolean isDerivedFromItsSequence(SensorSample sample, SensorSample scratch) {
        derivedFrom(sample.sequence(), scratch).sequence(sample.sequence());
        return sameBits(sample, scratch);
    }

    /** Field-by-field equality, doubles compared by their raw bits (so NaN payloads count). */
    static boolean sameBits(SensorSample a, SensorSample b) {
        return a.sequence() == b.sequence()
            && a.timeNs() == b.timeNs()
            && bits(a.airwayPressureCmH2O()) == bits(b.airwayPressureCmH2O())
            && bits(a.patientFlowMlPerS()) == bits(b.patientFlowMlPerS())
            && bits(a.volumeMl()) == bits(b.volumeMl())
            && bits(a.oxygenPercent()) == bits(b.oxygenPercent())
            && bits(a.inspiratoryFlowMlPerS()) == bits(b.inspiratoryFlowMlPerS())
            && bits(a.expiratoryFlowMlPerS()) == bits(b.expiratoryFlowMlPerS())
            && bits(a.airValveOpening()) == bits(b.airValveOpening())
            && bits(a.oxygenValveOpening()) == bits(b.oxygenValveOpening())
            && bits(a.expiratoryPilotCmH2O()) == bits(b.expiratoryPilotCmH2O())
            && a.safetyValveOpen() == b.safetyValveOpen()
            && a.phase() == b.phase()
            && a.alarmBits() == b.alarmBits()
            && a.breathNumber() == b.breathNumber()
            && bits(a.pipCmH2O()) == bits(b.pipCmH2O())
            && bits(a.peepCmH2O()) == bits(b.peepCmH2O())
            && bits(a.vtiMl()) == bits(b.vtiMl())
            && bits(a.vteMl()) == bits(b.vteMl())
            && bits(a.rateBpm()) == bits(b.rateBpm())
            && bits(a.minuteVolumeLpm()) == bits(b.minuteVolumeLpm())
            && bits(a.ieRatio()) == bits(b.ieRatio())
            && bits(a.fio2Pct()) == bits(b.fio2Pct());
    }

    /** Asserts {@link #sameBits}, showing both samples field by field when they differ. */
    static void assertSameBits(SensorSample actual, SensorSample expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(sameBits(actual, expected)).as("raw bits of every field equal").isTrue();
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }
}
