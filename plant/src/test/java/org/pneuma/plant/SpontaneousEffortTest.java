package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pneuma.plant.SpontaneousEffort.EffortShape;

/** The patient's own breathing, as a muscle pressure over time. */
class SpontaneousEffortTest {
    /** 15 efforts/min: a 4 s cycle, of which 30 % (1.2 s) is effort; the first starts at 0.5 s. */
    private static final SpontaneousEffort QUIET = new SpontaneousEffort(15, 8, EffortShape.HALF_SINE, 0.3, 0.5);

    @Test
    void aHalfSineEffortPeaksAtItsAmplitudeHalfwayThroughTheEffort() {
        assertThat(QUIET.muscleCmH2O(0.5 + 0.6)).isCloseTo(8, within(1e-12));
        assertThat(QUIET.muscleCmH2O(0.5 + 0.3)).isCloseTo(8 * Math.sin(Math.PI / 4), within(1e-12));
    }

    @Test
    void thereIsNoEffortBeforeTheStartNorBetweenEfforts() {
        assertThat(QUIET.muscleCmH2O(0.0)).isZero();
        assertThat(QUIET.muscleCmH2O(0.49)).isZero();
        assertThat(QUIET.muscleCmH2O(0.5 + 1.2)).isZero();
        assertThat(QUIET.muscleCmH2O(0.5 + 3.99)).isZero();
    }

    @Test
    void aPassivePatientNeverPulls() {
        assertThat(SpontaneousEffort.NONE.breathes()).isFalse();
        assertThat(SpontaneousEffort.NONE.muscleCmH2O(1.23)).isZero();
    }

    @Property
    void anEffortRepeatsEverySixtyOverTheRateSeconds(
            @ForAll @DoubleRange(min = 1, max = 80) double rateBpm,
            @ForAll @DoubleRange(min = 0.1, max = 0.6) double fraction,
            @ForAll @DoubleRange(min = 0, max = 1) double phase,
            @ForAll @DoubleRange(min = 1, max = 20) double cycles) {
        SpontaneousEffort effort = new SpontaneousEffort(rateBpm, 10, EffortShape.HALF_SINE, fraction, 0);
        double period = 60 / rateBpm;
        double t = phase * period;
        double later = t + Math.floor(cycles) * period;
        // The phase is recovered with a floating-point remainder; near an effort's ends the sine is
        // steep (π·A/effort) and a rounding of 1e-12 s there is worth about 1e-9 cmH2O.
        assertThat(effort.muscleCmH2O(later)).isCloseTo(effort.muscleCmH2O(t), within(1e-6));
    }

    @Property
    void aHalfSineEffortIsPositiveDuringTheEffortAndZeroForTheRestOfTheCycle(
            @ForAll @DoubleRange(min = 1, max = 80) double rateBpm,
            @ForAll @DoubleRange(min = 0.1, max = 0.6) double fraction,
            @ForAll @DoubleRange(min = 0.001, max = 0.999) @Scale(4) double phase) {
        SpontaneousEffort effort = new SpontaneousEffort(rateBpm, 10, EffortShape.HALF_SINE, fraction, 0);
        double muscle = effort.muscleCmH2O(phase * 60 / rateBpm);
        if (phase < fraction * 0.999) {
            assertThat(muscle).isPositive().isLessThanOrEqualTo(10);
        } else if (phase > fraction * 1.001) {
            assertThat(muscle).isZero();
        }
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of("rate_bpm", (Supplier<?>) () -> new SpontaneousEffort(81, 5, EffortShape.HALF_SINE, 0.3, 0)),
                Arguments.of("rate_bpm", (Supplier<?>) () -> new SpontaneousEffort(-1, 5, EffortShape.HALF_SINE, 0.3, 0)),
                Arguments.of("rate_bpm", (Supplier<?>) () -> new SpontaneousEffort(Double.NaN, 5, EffortShape.HALF_SINE, 0.3, 0)),
                Arguments.of("amplitude_cmh2o", (Supplier<?>) () -> new SpontaneousEffort(15, 41, EffortShape.HALF_SINE, 0.3, 0)),
                Arguments.of("amplitude_cmh2o", (Supplier<?>) () -> new SpontaneousEffort(15, -0.1, EffortShape.HALF_SINE, 0.3, 0)),
                Arguments.of("amplitude_cmh2o", (Supplier<?>) () -> new SpontaneousEffort(15, Double.POSITIVE_INFINITY, EffortShape.HALF_SINE, 0.3, 0)),
                Arguments.of("inspiratory_fraction", (Supplier<?>) () -> new SpontaneousEffort(15, 5, EffortShape.HALF_SINE, 0.09, 0)),
                Arguments.of("inspiratory_fraction", (Supplier<?>) () -> new SpontaneousEffort(15, 5, EffortShape.HALF_SINE, 0.61, 0)),
                Arguments.of("inspiratory_fraction", (Supplier<?>) () -> new SpontaneousEffort(15, 5, EffortShape.HALF_SINE, Double.NaN, 0)),
                Arguments.of("start_s", (Supplier<?>) () -> new SpontaneousEffort(15, 5, EffortShape.HALF_SINE, 0.3, -1)),
                Arguments.of("start_s", (Supplier<?>) () -> new SpontaneousEffort(15, 5, EffortShape.HALF_SINE, 0.3, Double.NaN)),
                Arguments.of("shape", (Supplier<?>) () -> new SpontaneousEffort(15, 5, null, 0.3, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void anOutOfRangeEffortIsRejectedWithAMessageNamingTheField(String field, Supplier<?> construction) {
        assertThatThrownBy(construction::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
    }

    @Test
    void anEffortAgainstASealedCircuitPullsTheYPieceBelowAmbientByTheMusclePressureSharedWithTheCircuit() {
        double c = 50, cc = PatientModel.DEFAULT_CIRCUIT_COMPLIANCE_ML_PER_CMH2O;
        PlantRig rig = PlantRig.ideal(PatientModel.passive(c, 10).withEffort(QUIET)).expiratoryValveShut();
        // The effort peaks at 0.5 + 0.6 s. With every valve shut the gas in lung and circuit is fixed,
        // V + Cc·P = 0, and at equilibrium P = V/C − Pmus, so P = −Pmus·C/(C + Cc). Equilibrium lags
        // by τ = R·(C‖Cc) ≈ 10 ms, and at the peak the muscle pressure is flat.
        rig.ticks(1100);
        assertThat(rig.plant.trueMuscleCmH2O()).isCloseTo(8, within(1e-9));
        assertThat(rig.plant.trueCircuitCmH2O()).isCloseTo(-8 * c / (c + cc), within(0.02));
        assertThat(rig.plant.trueLungVolumeMl()).isCloseTo(8 * c * cc / (c + cc), within(0.02));
    }
}
