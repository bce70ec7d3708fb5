package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.SettingsCheck;
import org.pneuma.safety.settings.SettingsValidator;
import org.pneuma.safety.settings.TriggerType;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * Alarm limits are validated with the settings they go with ({@link SettingsValidator#check(
 * VentilationSettings, AlarmLimits)}): each within its range, pairs in order, and every limit on the
 * right side of what is set. A rejection names the field at fault.
 */
class AlarmLimitsValidationTest {
    private static final VentilationSettings PC = VentilationSettings.DEFAULTS; // PC-AC, PEEP 5, ΔP 15, 15/min, FiO2 40

    private static AlarmLimits.Builder defaults(VentilationSettings s) {
        return AlarmLimits.defaultsFor(s).toBuilder();
    }

    private static List<String> reasons(SettingsCheck check) {
        return check instanceof SettingsCheck.Rejected r ? r.reasons() : List.of();
    }

    private static double between(double min, double max, double u) {
        return Math.max(min, Math.min(max, min + u * (max - min)));
    }

    /** Settings that pass every rule of the settings validator, across the whole of each range. */
    @Provide
    Arbitrary<VentilationSettings> validSettings() {
        Arbitrary<Double> u = Arbitraries.doubles().between(0, 1);
        return Combinators.combine(Arbitraries.of(Mode.class), Arbitraries.of(TriggerType.class), u.list().ofSize(12))
                .as((mode, trigger, f) -> {
                    double peep = between(0, 35, f.get(0));
                    double room = SettingsValidator.MAX_TARGET_PRESSURE_CMH2O - peep;
                    double dp = between(2, Math.max(2, room), f.get(1));
                    double ps = between(0, room, f.get(2));
                    double rate = between(mode == Mode.PSV ? 1.5 : 1, 150, f.get(3));
                    double period = 60 / rate;
                    double ti = between(0.1, 0.999 * Math.min(5, Math.min(period - 0.2, period * 0.8)), f.get(4));
                    double rise = f.get(5) * Math.min(2, 0.999 * ti);
                    double vtMax = mode.volumeTargeted() ? Math.min(2500, 0.999 * 2500 * ti) : 2500;
                    double vt = between(5, vtMax, f.get(6));
                    double apnea = mode == Mode.PSV ? between(Math.max(5, period * 1.001), 60, f.get(11)) : between(5, 60, f.get(11));
                    return new VentilationSettings(mode, peep, dp, vt, rate, ti, rise, trigger,
                            between(0.2, 20, f.get(7)), between(0.5, 20, f.get(8)), ps,
                            between(5, 80, f.get(9)), between(21, 100, f.get(10)), apnea);
                })
                .filter(s -> SettingsValidator.check(s).accepted());
    }

    @Property(tries = 2000)
    void theDefaultLimitsForValidSettingsAreAccepted(@ForAll("validSettings") VentilationSettings s) {
        SettingsCheck check = SettingsValidator.check(s, AlarmLimits.defaultsFor(s));

        assertThat(reasons(check)).as("%s", s).isEmpty();
    }

    @Test
    void theDefaultLimitsOfTheDefaultSettingsAreAccepted() {
        assertThat(SettingsValidator.check(PC, AlarmLimits.defaultsFor(PC)).accepted()).isTrue();
    }

    /** One limit spoiled against the default settings, and the field the rejection must name. */
    static Stream<Arguments> crossRules() {
        return Stream.of(
                Arguments.of("low Vte equal to high Vte", "low_vte_ml",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.lowVteMl = b.highVteMl; return b; }),
                Arguments.of("low Vte above high Vte", "low_vte_ml",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.lowVteMl = 800; b.highVteMl = 700; return b; }),
                Arguments.of("low MV equal to high MV", "low_mv_lpm",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.lowMvLpm = 10; b.highMvLpm = 10; return b; }),
                Arguments.of("high pressure 1.9 cmH2O above the target", "high_pressure_cmh2o",
                        (UnaryOperator<AlarmLimits.Builder>) b -> b.highPressure(21.9)),
                Arguments.of("PEEP at its low limit", "low_peep_cmh2o",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.lowPeepCmH2O = 5; return b; }),
                Arguments.of("PEEP at its high limit", "high_peep_cmh2o",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.highPeepCmH2O = 5; return b; }),
                Arguments.of("PEEP below its low limit", "low_peep_cmh2o",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.lowPeepCmH2O = 6; b.highPeepCmH2O = 10; return b; }),
                Arguments.of("FiO2 at its low limit", "low_fio2_pct",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.lowFio2Pct = 40; return b; }),
                Arguments.of("FiO2 at its high limit", "high_fio2_pct",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.highFio2Pct = 40; return b; }),
                Arguments.of("FiO2 above its high limit", "high_fio2_pct",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.highFio2Pct = 35; b.lowFio2Pct = 30; return b; }),
                Arguments.of("high rate equal to the rate", "high_rate_bpm",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.highRateBpm = 15; return b; }),
                Arguments.of("high rate below the rate", "high_rate_bpm",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.highRateBpm = 10; return b; }),
                Arguments.of("low FiO2 limit of 17.9 %", "low_fio2_pct",
                        (UnaryOperator<AlarmLimits.Builder>) b -> { b.lowFio2Pct = 17.9; return b; }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossRules")
    void rejectsALimitThatMakesNoSenseAgainstTheSettingsNamingTheField(String what, String field,
                                                                       UnaryOperator<AlarmLimits.Builder> spoil) {
        AlarmLimits limits = spoil.apply(defaults(PC)).build();

        SettingsCheck check = SettingsValidator.check(PC, limits);

        assertThat(check.accepted()).as(what).isFalse();
        assertThat(reasons(check)).as(what).hasSize(1).first().asString().contains(field);
    }

    @Test
    void aHighPressureLimitExactlyTwoAboveTheTargetIsAccepted() {
        assertThat(SettingsValidator.check(PC, defaults(PC).highPressure(22).build()).accepted()).isTrue();
    }

    @Test
    void aLowFio2LimitOfEighteenIsAccepted() {
        AlarmLimits.Builder b = defaults(PC);
        b.lowFio2Pct = 18;

        assertThat(SettingsValidator.check(PC, b.build()).accepted()).isTrue();
    }

    @Test
    void thePressureTargetOfPsvIsTheHigherOfSupportAndBackup() {
        for (VentilationSettings psv : List.of(
                PC.toBuilder().mode(Mode.PSV).ps(25).dp(15).build(),
                PC.toBuilder().mode(Mode.PSV).ps(10).dp(25).build())) { // target 30 either way
            assertThat(reasons(SettingsValidator.check(psv, defaults(psv).highPressure(31.9).build())))
                    .singleElement().asString().contains("high_pressure_cmh2o");
            assertThat(SettingsValidator.check(psv, defaults(psv).highPressure(32).build()).accepted()).isTrue();
        }
    }

    @Test
    void theTargetInVolumeControlIsPeep() {
        VentilationSettings vc = PC.toBuilder().mode(Mode.VC_AC).peep(20).build();

        assertThat(reasons(SettingsValidator.check(vc, defaults(vc).highPressure(21.9).build())))
                .singleElement().asString().contains("high_pressure_cmh2o");
        assertThat(SettingsValidator.check(vc, defaults(vc).highPressure(22).build()).accepted()).isTrue();
    }

    @Test
    void lowVolumeLimitsOfZeroAreOffAndAccepted() {
        AlarmLimits.Builder b = defaults(PC);
        b.lowVteMl = 0;
        b.lowMvLpm = 0;

        assertThat(SettingsValidator.check(PC, b.build()).accepted()).isTrue();
    }

    @Test
    void aLimitOutOfItsRangeIsRejectedNamingIt() {
        AlarmLimits.Builder b = defaults(PC);
        b.highPressureCmH2O = 81;
        b.highMvLpm = Double.NaN;

        assertThat(reasons(SettingsValidator.check(PC, b.build()))).satisfiesExactlyInAnyOrder(
                r -> assertThat(r).contains("high_pressure_cmh2o"),
                r -> assertThat(r).contains("high_mv_lpm"));
    }

    @Test
    void everyBrokenCrossRuleIsReportedAtOnce() {
        AlarmLimits.Builder b = defaults(PC);
        b.lowVteMl = 2000;
        b.highRateBpm = 10;
        b.lowFio2Pct = 45;

        assertThat(reasons(SettingsValidator.check(PC, b.build()))).hasSize(3);
    }

    @Test
    void rejectedSettingsAreReportedWithTheLimits() {
        VentilationSettings bad = PC.toBuilder().peep(40).build();

        assertThat(reasons(SettingsValidator.check(bad, AlarmLimits.defaultsFor(PC))))
                .anySatisfy(r -> assertThat(r).contains("peep_cmh2o"));
    }
}
