package org.pneuma.safety.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class PressureRegulatorTest {
    private static final double MAX_FLOW_ML_PER_S = 3_000;
    private static final double DT_S = 0.001;
    private static final double TARGET = 20;

    private final PressureRegulator regulator = new PressureRegulator(MAX_FLOW_ML_PER_S);

    @Property(tries = 500)
    void theCommandedFlowStaysBetweenZeroAndTheValvesMaximum(
            @ForAll @DoubleRange(min = 0, max = 80) double target,
            @ForAll @DoubleRange(min = -20, max = 120) double pressure,
            @ForAll @DoubleRange(min = 0, max = 5_000) double feedForward,
            @ForAll @DoubleRange(min = 0, max = 5_000) double vented,
            @ForAll @DoubleRange(min = 0, max = 0.01) double dt) {
        PressureRegulator r = new PressureRegulator(MAX_FLOW_ML_PER_S);
        for (int i = 0; i < 50; i++) {
            assertThat(r.flowMlPerS(target, pressure, feedForward, vented, dt)).isBetween(0.0, MAX_FLOW_ML_PER_S);
        }
    }

    @Test
    void aLargePressureDeficitAsksForFullFlowAndAnExcessForNone() {
        assertThat(regulator.flowMlPerS(60, 0, 0, 0, DT_S)).isEqualTo(MAX_FLOW_ML_PER_S);
        regulator.reset();
        assertThat(regulator.flowMlPerS(TARGET, 40, 0, 0, DT_S)).isZero();
    }

    @Test
    void aPersistentSmallDeficitRaisesTheFlowTickByTick() {
        double previous = regulator.flowMlPerS(TARGET, TARGET - 0.5, 0, 0, DT_S);
        for (int i = 0; i < 100; i++) {
            double flow = regulator.flowMlPerS(TARGET, TARGET - 0.5, 0, 0, DT_S);
            assertThat(flow).isGreaterThan(previous);
            previous = flow;
        }
    }

    @Test
    void holdsItsFlowOnceThePressureIsOnTarget() {
        for (int i = 0; i < 200; i++) {
            regulator.flowMlPerS(TARGET, TARGET - 1, 50, 0, DT_S);
        }
        double settled = regulator.flowMlPerS(TARGET, TARGET, 50, 0, DT_S);
        assertThat(settled).isGreaterThan(50); // the integral carries the flow the lung needs

        for (int i = 0; i < 5_000; i++) {
            assertThat(regulator.flowMlPerS(TARGET, TARGET, 50, 0, DT_S)).isEqualTo(settled);
        }
    }

    @Test
    void passesTheFeedForwardThroughWhenThereIsNoError() {
        assertThat(regulator.flowMlPerS(TARGET, TARGET, 123.0, 0, DT_S)).isEqualTo(123.0);
    }

    @Test
    void doesNotWindUpWhileSaturatedAtFullFlow() {
        // 5 cmH2O short: the proportional term alone does not saturate, the integral takes it there
        PressureRegulator briefly = new PressureRegulator(MAX_FLOW_ML_PER_S);
        saturateHigh(briefly, 200);
        saturateHigh(regulator, 5_000); // 5 s short of target, e.g. filling a big lung

        double afterLongSaturation = regulator.flowMlPerS(TARGET, TARGET + 0.5, 0, 0, DT_S);
        double afterBriefSaturation = briefly.flowMlPerS(TARGET, TARGET + 0.5, 0, 0, DT_S);

        // a wound-up integral would keep the valves wide open for seconds after reaching the target
        assertThat(afterLongSaturation).isEqualTo(afterBriefSaturation).isLessThan(MAX_FLOW_ML_PER_S);
    }

    private static void saturateHigh(PressureRegulator r, int ticks) {
        for (int i = 0; i < ticks; i++) {
            r.flowMlPerS(TARGET, TARGET - 5, 0, 0, DT_S);
        }
        assertThat(r.flowMlPerS(TARGET, TARGET - 5, 0, 0, DT_S)).isEqualTo(MAX_FLOW_ML_PER_S);
    }

    @Test
    void doesNotWindDownWhileSaturatedAtZeroFlowWithNothingVented() {
        for (int i = 0; i < 2_000; i++) {
            assertThat(regulator.flowMlPerS(TARGET, TARGET + 10, 0, 0, DT_S)).isZero();
        }

        double afterSaturation = regulator.flowMlPerS(TARGET, TARGET - 0.2, 0, 0, DT_S);

        double fresh = new PressureRegulator(MAX_FLOW_ML_PER_S).flowMlPerS(TARGET, TARGET - 0.2, 0, 0, DT_S);
        assertThat(afterSaturation).isEqualTo(fresh).isPositive();
    }

    @Test
    void ventingWhileAlreadyAskingForNoFlowDoesNotDelayTheNextFlow() {
        // the patient breathes out against the inspiration for 300 ms: pressure 2 above target, the
        // relief vents the patient's gas, the regulator already asks for nothing
        for (int i = 0; i < 300; i++) {
            assertThat(regulator.flowMlPerS(TARGET, TARGET + 2, 0, 300, DT_S)).isZero();
        }

        // the patient relaxes and the pressure falls below target: flow resumes at once
        double flow = regulator.flowMlPerS(TARGET, TARGET - 2, 0, 0, DT_S);

        double fresh = new PressureRegulator(MAX_FLOW_ML_PER_S).flowMlPerS(TARGET, TARGET - 2, 0, 0, DT_S);
        assertThat(flow).isEqualTo(fresh).isPositive();
    }

    @Test
    void ventedFlowIsTakenBackOutOfTheIntegralWithinTwentyMilliseconds() {
        for (int i = 0; i < 300; i++) {
            regulator.flowMlPerS(TARGET, TARGET - 1, 0, 0, DT_S);
        }
        double before = regulator.flowMlPerS(TARGET, TARGET, 0, 0, DT_S);
        assertThat(before).isGreaterThan(1_000);

        double afterOneTick = regulator.flowMlPerS(TARGET, TARGET, 0, 400, DT_S);
        assertThat(afterOneTick).isCloseTo(before - 400 * DT_S / 0.02, within(1e-9));
        for (int i = 1; i < 20; i++) {
            regulator.flowMlPerS(TARGET, TARGET, 0, 400, DT_S);
        }

        // 20 ms of venting 400 mL/s took those 400 mL/s off the supply, although the error is zero
        assertThat(regulator.flowMlPerS(TARGET, TARGET, 0, 0, DT_S)).isCloseTo(before - 400, within(1e-6));
    }

    @Test
    void aLongTickTakesTheWholeVentedFlowAtOnceButNoMore() {
        for (int i = 0; i < 300; i++) {
            regulator.flowMlPerS(TARGET, TARGET - 1, 0, 0, DT_S);
        }
        double before = regulator.flowMlPerS(TARGET, TARGET, 0, 0, DT_S);

        assertThat(regulator.flowMlPerS(TARGET, TARGET, 0, 250, 0.05)).isCloseTo(before - 250, within(1e-9));
    }

    @Test
    void resetForgetsTheLastInspiration() {
        for (int i = 0; i < 300; i++) {
            regulator.flowMlPerS(TARGET, TARGET - 1, 0, 0, DT_S);
        }
        assertThat(regulator.flowMlPerS(TARGET, TARGET, 0, 0, 0)).isPositive();

        regulator.reset();

        assertThat(regulator.flowMlPerS(TARGET, TARGET, 0, 0, 0)).isZero();
    }
}
