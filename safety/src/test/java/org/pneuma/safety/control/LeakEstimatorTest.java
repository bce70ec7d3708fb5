package org.pneuma.safety.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The leak as an orifice, Q = k·√P, sized from each breath's volume balance. The synthetic breaths
 * here are built from a known orifice: the net inflow is the leak plus what the circuit stores
 * (C·ΔP between breath starts) plus a patient flow that sums to zero over the breath.
 */
class LeakEstimatorTest {
    private static final double CIRCUIT_C = 2.0;
    private static final double DT_S = 0.001;
    private static final double PEEP = 5;
    private static final double PIP = 20;

    private final LeakEstimator estimator = new LeakEstimator(CIRCUIT_C);

    /**
     * One 4 s breath (1 s at PIP, 3 s at PEEP), in and out of the patient 400 mL, with a leak of
     * orifice {@code k}; it starts at {@code startP} and the next breath starts at {@code endP}.
     */
    private static void breath(LeakEstimator e, double k, double startP, double endP) {
        double storedMl = CIRCUIT_C * (endP - startP);
        for (int i = 0; i < 4_000; i++) {
            double p = i < 1_000 ? PIP : PEEP;
            double patient = i < 1_000 ? 400.0 : -400.0 / 3;
            double circuit = i == 3_999 ? storedMl / DT_S : 0; // the circuit fills on the last tick
            e.sample(k * Math.sqrt(p) + patient + circuit, p, DT_S);
        }
    }

    @Test
    void sizesTheOrificeFromWhatWentInAndDidNotComeOut() {
        estimator.breathStarted(PEEP, false);

        breath(estimator, 10, PEEP, PEEP);
        estimator.breathStarted(PEEP, true);

        // smoothing 0.5: the first measured breath moves the estimate half way
        assertThat(estimator.leakFlowMlPerS(9)).isCloseTo(0.5 * 10 * 3, within(1e-6));
    }

    @Test
    void convergesOnTheOrificeOverBreaths() {
        estimator.breathStarted(PEEP, false);

        for (int n = 1; n <= 12; n++) {
            breath(estimator, 10, PEEP, PEEP);
            estimator.breathStarted(PEEP, true);
            double expectedK = 10 * (1 - Math.pow(0.5, n));
            assertThat(estimator.leakFlowMlPerS(16)).as("after breath %d", n).isCloseTo(expectedK * 4, within(1e-6));
        }
        assertThat(estimator.leakFlowMlPerS(16)).isCloseTo(40, within(0.01));
        assertThat(estimator.leakAt10Lpm()).isCloseTo(10 * Math.sqrt(10) * 0.06, within(0.001));
    }

    @Property(tries = 100)
    void findsAnyOrificeWhateverTheCircuitStoredBetweenBreaths(
            @ForAll @DoubleRange(min = 0, max = 50) double k,
            @ForAll @DoubleRange(min = 0, max = 15) double firstStartP,
            @ForAll @DoubleRange(min = 0, max = 15) double secondStartP,
            @ForAll @DoubleRange(min = 0, max = 15) double thirdStartP) {
        LeakEstimator e = new LeakEstimator(CIRCUIT_C);
        e.breathStarted(firstStartP, false);
        breath(e, k, firstStartP, secondStartP);
        e.breathStarted(secondStartP, true);
        breath(e, k, secondStartP, thirdStartP);
        e.breathStarted(thirdStartP, true);

        assertThat(e.leakFlowMlPerS(1)).isCloseTo(0.75 * k, within(1e-6));
    }

    @Test
    void shrinksFasterThanItGrows() {
        estimator.breathStarted(PEEP, false);
        for (int n = 0; n < 40; n++) {
            breath(estimator, 10, PEEP, PEEP);
            estimator.breathStarted(PEEP, true);
        }
        assertThat(estimator.leakFlowMlPerS(1)).isCloseTo(10, within(1e-6));

        breath(estimator, 2, PEEP, PEEP); // the mask was refitted
        estimator.breathStarted(PEEP, true);

        // an over-estimated leak pumps PEEP up: three quarters of the way down in one breath
        assertThat(estimator.leakFlowMlPerS(1)).isCloseTo(10 - 0.75 * 8, within(1e-6));
    }

    @Test
    void aDisconnectionIsNoLeakAndTeachesTheEstimateNothing() {
        estimator.breathStarted(PEEP, false);
        breath(estimator, 10, PEEP, PEEP);
        estimator.breathStarted(PEEP, true);
        double before = estimator.leakFlowMlPerS(10);

        // more than 60 L/min at 10 cmH2O: k = 1000 / √10 ≈ 316 mL/s per √cmH2O
        breath(estimator, 400, PEEP, PEEP);
        estimator.breathStarted(PEEP, true);

        assertThat(estimator.leakFlowMlPerS(10)).isEqualTo(before);
    }

    @Test
    void learnsALeakJustBelowSixtyLitresPerMinute() {
        estimator.breathStarted(PEEP, false);
        for (int n = 0; n < 40; n++) {
            breath(estimator, 310, PEEP, PEEP);
            estimator.breathStarted(PEEP, true);
        }

        assertThat(estimator.leakAt10Lpm()).isCloseTo(310 * Math.sqrt(10) * 0.06, within(1e-3)).isLessThan(60);
    }

    @Test
    void aTightCircuitHasNoLeakEvenWhenItsPressureChangedOverTheBreath() {
        estimator.breathStarted(PEEP, false);

        breath(estimator, 0, PEEP, 8); // the 6 mL more in the circuit are stored, not leaked
        estimator.breathStarted(8, true);

        assertThat(estimator.leakFlowMlPerS(20)).isCloseTo(0, within(1e-9));
        assertThat(estimator.leakAt10Lpm()).isCloseTo(0, within(1e-9));
    }

    @Test
    void moreOutThanInIsNoNegativeLeak() {
        estimator.breathStarted(PEEP, false);
        breath(estimator, 10, PEEP, PEEP);
        estimator.breathStarted(PEEP, true);
        double before = estimator.leakFlowMlPerS(9);

        for (int i = 0; i < 10; i++) { // the patient breathes out 50 mL more than in, every breath
            for (int t = 0; t < 1_000; t++) {
                estimator.sample(-50, 10, DT_S);
            }
            estimator.breathStarted(PEEP, true);
            double now = estimator.leakFlowMlPerS(9);
            assertThat(now).isGreaterThanOrEqualTo(0).isLessThan(before);
            before = now;
        }
        assertThat(estimator.leakFlowMlPerS(9)).isCloseTo(0, within(1e-3));
    }

    @Test
    void aBreathNotMarkedForMeasurementOnlyResetsTheBalance() {
        // start-up: the circuit and lung fill to PEEP, 300 mL that went nowhere but the lung
        for (int t = 0; t < 2_000; t++) {
            estimator.sample(150, PEEP, DT_S);
        }
        estimator.breathStarted(PEEP, false);
        assertThat(estimator.leakFlowMlPerS(PEEP)).isZero();

        breath(estimator, 0, PEEP, PEEP);
        estimator.breathStarted(PEEP, true);

        assertThat(estimator.leakFlowMlPerS(PEEP)).isCloseTo(0, within(1e-9));
    }

    @Test
    void aBreathShorterThan200MillisecondsSaysNothing() {
        estimator.breathStarted(PEEP, false);
        for (int t = 0; t < 199; t++) {
            estimator.sample(500, PIP, DT_S);
        }
        estimator.breathStarted(PEEP, true);

        assertThat(estimator.leakFlowMlPerS(PIP)).isZero();
    }

    @Test
    void aBreathWithoutPositivePressureSaysNothing() {
        estimator.breathStarted(0, false);
        for (int t = 0; t < 1_000; t++) {
            estimator.sample(100, -1, DT_S);
        }
        estimator.breathStarted(0, true);

        assertThat(estimator.leakFlowMlPerS(10)).isZero();
        assertThat(estimator.leakAt10Lpm()).isFinite().isZero();
    }

    @Property(tries = 100)
    void theEstimatedFlowIsNeverNegativeAndIsZeroAtZeroPressure(
            @ForAll @IntRange(min = 0, max = 5) int breaths,
            @ForAll @DoubleRange(min = -500, max = 500) double netInflow,
            @ForAll @DoubleRange(min = -10, max = 60) double pressure) {
        LeakEstimator e = new LeakEstimator(CIRCUIT_C);
        e.breathStarted(PEEP, false);
        for (int b = 0; b < breaths; b++) {
            for (int t = 0; t < 500; t++) {
                e.sample(netInflow, pressure, DT_S);
            }
            e.breathStarted(pressure, true);
        }

        assertThat(e.leakFlowMlPerS(pressure)).isGreaterThanOrEqualTo(0);
        assertThat(e.leakFlowMlPerS(0)).isZero();
        assertThat(e.leakFlowMlPerS(-3)).isZero();
    }
}
