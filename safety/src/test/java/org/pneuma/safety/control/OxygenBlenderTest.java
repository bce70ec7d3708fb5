package org.pneuma.safety.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Air is 20.9 % O2, the O2 supply 100 %. */
class OxygenBlenderTest {
    private static final double FLOW = 500;
    private static final double DT_S = 0.001;

    private final OxygenBlender blender = new OxygenBlender();

    /** O2 percentage of the gas the two valves give together. */
    private static double mixPct(OxygenBlender b) {
        double total = b.airFlowMlPerS() + b.oxygenFlowMlPerS();
        return 100 * (0.209 * b.airFlowMlPerS() + 1.0 * b.oxygenFlowMlPerS()) / total;
    }

    @Property(tries = 500)
    void theSplitMixesExactlyTheSetFio2AndAddsUpToTheTotalFlow(
            @ForAll @DoubleRange(min = 21, max = 100) double fio2,
            @ForAll @DoubleRange(min = 1, max = 6_000) double totalFlow) {
        OxygenBlender b = new OxygenBlender();

        b.blend(totalFlow, fio2, fio2, DT_S);

        assertThat(b.airFlowMlPerS()).isGreaterThanOrEqualTo(0);
        assertThat(b.oxygenFlowMlPerS()).isGreaterThanOrEqualTo(0);
        assertThat(b.airFlowMlPerS() + b.oxygenFlowMlPerS()).isCloseTo(totalFlow, within(1e-9 * totalFlow));
        assertThat(mixPct(b)).isCloseTo(fio2, within(1e-9));
    }

    @ParameterizedTest(name = "FiO2 {0} %")
    @ValueSource(doubles = {21, 30, 40, 60.5, 80, 99, 100})
    void givesTheSetFio2(double fio2) {
        blender.blend(FLOW, fio2, fio2, DT_S);

        assertThat(mixPct(blender)).isCloseTo(fio2, within(1e-9));
    }

    @Test
    void at100PercentAllFlowIsOxygen() {
        blender.blend(FLOW, 100, 100, DT_S);

        assertThat(blender.oxygenFlowMlPerS()).isCloseTo(FLOW, within(1e-9));
        assertThat(blender.airFlowMlPerS()).isCloseTo(0, within(1e-9));
    }

    @Test
    void at21PercentAlmostAllFlowIsAir() {
        blender.blend(FLOW, 21, 21, DT_S);

        // 21 % is a hair above air's 20.9 %: one part in 791 is oxygen
        assertThat(blender.oxygenFlowMlPerS()).isCloseTo(FLOW * 0.001 / 0.791, within(1e-9));
    }

    @Test
    void noFlowGivesNoFlowOfEither() {
        blender.blend(0, 60, 60, DT_S);

        assertThat(blender.airFlowMlPerS()).isZero();
        assertThat(blender.oxygenFlowMlPerS()).isZero();
    }

    @Test
    void trimsUpWhenTheSensorReadsLowAndTheMixFollowsTheTrim() {
        for (int i = 0; i < 10_000; i++) { // 10 s reading 2 points low
            blender.blend(FLOW, 40, 38, DT_S);
        }

        // 0.05 points/s per point of error: 2 · 0.05 · 10 s = 1 point
        assertThat(blender.trimPoints()).isCloseTo(1.0, within(1e-6));
        assertThat(mixPct(blender)).isCloseTo(41.0, within(1e-6));
    }

    @Test
    void trimsDownWhenTheSensorReadsHigh() {
        for (int i = 0; i < 10_000; i++) {
            blender.blend(FLOW, 40, 43, DT_S);
        }

        assertThat(blender.trimPoints()).isCloseTo(-1.5, within(1e-6));
        assertThat(mixPct(blender)).isCloseTo(38.5, within(1e-6));
    }

    @ParameterizedTest(name = "sensor reads {0} % at 60 %")
    @ValueSource(doubles = {56.9, 63.1, 40, 80})
    void doesNotTrimOnAnErrorLargerThanThreePoints(double measured) {
        for (int i = 0; i < 10_000; i++) { // a slow cell still settling after a change, or a failing one
            blender.blend(FLOW, 60, measured, DT_S);
        }

        assertThat(blender.trimPoints()).isZero();
        assertThat(mixPct(blender)).isCloseTo(60, within(1e-9));
    }

    @Test
    void trimsOnAnErrorOfExactlyThreePoints() {
        blender.blend(FLOW, 60, 57, 1.0);

        assertThat(blender.trimPoints()).isCloseTo(0.15, within(1e-9));
    }

    @Test
    void neverTrimsMoreThanTenPoints() {
        for (int i = 0; i < 200; i++) { // 200 s at 3 points low would be 30 points
            blender.blend(FLOW, 50, 47, 1.0);
        }
        assertThat(blender.trimPoints()).isEqualTo(10.0);
        assertThat(mixPct(blender)).isCloseTo(60, within(1e-9));

        for (int i = 0; i < 500; i++) {
            blender.blend(FLOW, 50, 53, 1.0);
        }
        assertThat(blender.trimPoints()).isEqualTo(-10.0);
        assertThat(mixPct(blender)).isCloseTo(40, within(1e-9));
    }

    @ParameterizedTest(name = "FiO2 {0} %")
    @ValueSource(doubles = {21, 100})
    void doesNotTrimAtAirOrPureOxygen(double fio2) {
        for (int i = 0; i < 10_000; i++) {
            blender.blend(FLOW, fio2, fio2 - 2, 0.01);
        }

        assertThat(blender.trimPoints()).isZero();
        assertThat(mixPct(blender)).isCloseTo(fio2, within(1e-9));
    }

    @Test
    void aTrimLearnedEarlierIsNotAppliedAtAirOrPureOxygen() {
        for (int i = 0; i < 100; i++) {
            blender.blend(FLOW, 40, 37, 1.0);
        }
        assertThat(blender.trimPoints()).isPositive();

        blender.blend(FLOW, 21, 15, DT_S);
        assertThat(mixPct(blender)).isCloseTo(21, within(1e-9));
        blender.blend(FLOW, 100, 95, DT_S);
        assertThat(mixPct(blender)).isCloseTo(100, within(1e-9));
    }

    @Test
    void doesNotTrimWithoutFlowBecauseTheSensorSeesStaleGas() {
        for (int i = 0; i < 10_000; i++) {
            blender.blend(10, 40, 38, 0.01); // 10 mL/s is not more than the minimum
            blender.blend(0, 40, 38, 0.01);
        }

        assertThat(blender.trimPoints()).isZero();
    }

    @Test
    void theTrimStaysWithinTheO2SupplyRange() {
        for (int i = 0; i < 500; i++) {
            blender.blend(FLOW, 95, 92, 1.0);
        }
        assertThat(blender.trimPoints()).isEqualTo(10.0);

        blender.blend(FLOW, 95, 95, DT_S);

        assertThat(blender.oxygenFlowMlPerS()).isCloseTo(FLOW, within(1e-9));
        assertThat(blender.airFlowMlPerS()).isCloseTo(0, within(1e-9));
    }
}
