package org.pneuma.safety.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.pneuma.safety.settings.SettingsFixtures.between;
import static org.pneuma.safety.settings.SettingsFixtures.reasons;
import static org.pneuma.safety.settings.SettingsFixtures.with;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * What {@link SettingsValidator} promises for every input, not only the examples: in-range, consistent
 * settings pass; a single field out of range is blamed by name; each cross-field rule is named when
 * broken; nothing throws; the verdict depends on the settings alone.
 */
class SettingsValidatorPropertiesTest {

    @Provide
    Arbitrary<VentilationSettings> validSettings() {
        return SettingsFixtures.valid();
    }

    @Property(tries = 2000)
    void settingsWithinEveryRangeAndEveryCrossFieldRuleAreAccepted(@ForAll("validSettings") VentilationSettings s) {
        SettingsCheck check = SettingsValidator.check(s);
        assertThat(reasons(check)).isEmpty();
        assertThat(check).isEqualTo(new SettingsCheck.Accepted(s));
    }

    // ------------------------------------------------------------------ one field out of range

    record OutOfRange(String field, double value) {
    }

    @Provide
    Arbitrary<OutOfRange> outOfRange() {
        return Arbitraries.of(SettingsFixtures.FIELDS).flatMap(field -> {
            SettingsValidator.Limit l = SettingsFixtures.limit(field);
            Arbitrary<Double> below = Arbitraries.oneOf(
                    Arbitraries.just(Math.nextDown(l.min())),
                    Arbitraries.doubles().between(1e-6, 1e6).ofScale(9).map(d -> l.min() - d),
                    Arbitraries.just(-Double.MAX_VALUE));
            Arbitrary<Double> above = Arbitraries.oneOf(
                    Arbitraries.just(Math.nextUp(l.max())),
                    Arbitraries.doubles().between(1e-6, 1e6).ofScale(9).map(d -> l.max() + d),
                    Arbitraries.just(Double.MAX_VALUE));
            Arbitrary<Double> notFinite = Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
            return Arbitraries.oneOf(below, above, notFinite).map(v -> new OutOfRange(field, v));
        });
    }

    @Property(tries = 2000)
    void aSingleFieldOutOfItsRangeIsRejectedWithAReasonNamingThatField(
            @ForAll("validSettings") VentilationSettings valid, @ForAll("outOfRange") OutOfRange bad) {
        SettingsCheck check = SettingsValidator.check(with(valid, bad.field(), bad.value()));
        assertThat(check.accepted()).isFalse();
        List<String> reasons = reasons(check);
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith(bad.field() + " ").contains("out of range"));
        // No other field is blamed for it.
        for (String other : SettingsFixtures.FIELDS) {
            if (!other.equals(bad.field())) {
                assertThat(reasons).noneSatisfy(r -> assertThat(r).startsWith(other + " "));
            }
        }
    }

    @Property(tries = 200)
    void aMissingModeOrTriggerIsRejectedByName(@ForAll("validSettings") VentilationSettings valid) {
        VentilationSettings.Builder noMode = valid.toBuilder();
        noMode.mode = null;
        VentilationSettings.Builder noTrigger = valid.toBuilder();
        noTrigger.trigger = null;
        assertThat(reasons(SettingsValidator.check(noMode.build()))).anySatisfy(r -> assertThat(r).contains("mode"));
        assertThat(reasons(SettingsValidator.check(noTrigger.build()))).anySatisfy(r -> assertThat(r).contains("trigger"));
    }

    // ------------------------------------------------------------------ cross-field rules

    @Property(tries = 500)
    void aTiThatLeavesLessThanTwoTenthsOfASecondToExhaleIsRejectedNamingTheExpiratoryTime(
            @ForAll("validSettings") VentilationSettings valid,
            @ForAll @DoubleRange(min = 12, max = 150) double rate,
            @ForAll @DoubleRange(min = 0, max = 1) double u) {
        double period = 60 / rate;
        double ti = between(Math.max(0.1, period - SettingsValidator.MIN_TE_S) * (1 + 1e-9), 5, u);
        VentilationSettings s = valid.toBuilder().rate(rate).ti(ti).riseTime(0).build();
        assertThat(reasons(SettingsValidator.check(s)))
                .anySatisfy(r -> assertThat(r).startsWith("ti_s").contains("expiratory time"));
    }

    @Property(tries = 500)
    void anInspiratoryToExpiratoryRatioBeyondFourToOneIsRejectedNamingTheRatio(
            @ForAll("validSettings") VentilationSettings valid,
            @ForAll @DoubleRange(min = 10, max = 59) double rate,
            @ForAll @DoubleRange(min = 0, max = 1) double u) {
        double period = 60 / rate;
        // Te stays at or above 0.2 s, so it is the ratio and not the expiratory time that is wrong.
        double ti = between(period * 0.8 * (1 + 1e-9), Math.min(5, (period - SettingsValidator.MIN_TE_S) * (1 - 1e-9)), u);
        VentilationSettings s = valid.toBuilder().rate(rate).ti(ti).riseTime(0).build();
        assertThat(reasons(SettingsValidator.check(s))).anySatisfy(r -> assertThat(r).startsWith("I:E").contains("4:1"));
    }

    @Property(tries = 500)
    void aRiseTimeNotShorterThanTiIsRejectedNamingBoth(
            @ForAll("validSettings") VentilationSettings valid, @ForAll @DoubleRange(min = 0, max = 1) double u) {
        double ti = Math.min(valid.tiS(), 2);
        VentilationSettings s = valid.toBuilder().ti(ti).riseTime(between(ti, 2, u)).build();
        assertThat(reasons(SettingsValidator.check(s)))
                .anySatisfy(r -> assertThat(r).startsWith("rise_time_s").contains("shorter than ti_s"));
    }

    @Property(tries = 500)
    void peepPlusDrivingPressureAboveSeventyIsRejectedNamingTheSum(
            @ForAll("validSettings") VentilationSettings valid,
            @ForAll @DoubleRange(min = 0.5, max = 35) double peep,
            @ForAll @DoubleRange(min = 0, max = 1) double u) {
        double dp = between(70 - peep + 1e-6, 70, u);
        VentilationSettings s = valid.toBuilder().peep(peep).dp(dp).ps(0).build();
        assertThat(reasons(SettingsValidator.check(s)))
                .anySatisfy(r -> assertThat(r).startsWith("peep_cmh2o + dp_cmh2o").contains("maximum pressure target"));
    }

    @Property(tries = 500)
    void peepPlusPressureSupportAboveSeventyIsRejectedNamingTheSum(
            @ForAll("validSettings") VentilationSettings valid,
            @ForAll @DoubleRange(min = 0.5, max = 35) double peep,
            @ForAll @DoubleRange(min = 0, max = 1) double u) {
        double ps = between(70 - peep + 1e-6, 70, u);
        VentilationSettings s = valid.toBuilder().peep(peep).dp(2).ps(ps).build();
        assertThat(reasons(SettingsValidator.check(s)))
                .anySatisfy(r -> assertThat(r).startsWith("peep_cmh2o + ps_cmh2o").contains("maximum pressure target"));
    }

    @Provide
    Arbitrary<Mode> volumeModes() {
        return Arbitraries.of(Mode.VC_CMV, Mode.VC_AC);
    }

    @Provide
    Arbitrary<Mode> pressureModes() {
        return Arbitraries.of(Mode.PC_CMV, Mode.PC_AC);
    }

    /** Vt and Ti (under 1 s, so that Vt ≤ 2500 mL can be too much) asking for more than 150 L/min. */
    @Provide
    Arbitrary<double[]> tooFastVolumes() {
        Arbitrary<Double> ti = Arbitraries.doubles().between(0.1, 0.99);
        Arbitrary<Double> u = Arbitraries.doubles().between(0, 1);
        return Combinators.combine(ti, u).as((t, f) -> new double[] {t, between(2500 * t * (1 + 1e-9), 2500, f)});
    }

    @Property(tries = 500)
    void aVolumeControlBreathNeedingMoreThanTheValvesCanDeliverIsRejectedNamingTheFlow(
            @ForAll("validSettings") VentilationSettings valid, @ForAll("volumeModes") Mode mode,
            @ForAll("tooFastVolumes") double[] tiAndVt) {
        VentilationSettings s = valid.toBuilder().mode(mode).rate(10).ti(tiAndVt[0]).riseTime(0).vt(tiAndVt[1]).build();
        assertThat(reasons(SettingsValidator.check(s)))
                .anySatisfy(r -> assertThat(r).startsWith("vt_ml").contains("L/min").contains("valves deliver"));
    }

    @Property(tries = 500)
    void pressureControlIgnoresTheVolumeSettingsFlow(
            @ForAll("validSettings") VentilationSettings valid, @ForAll("pressureModes") Mode mode,
            @ForAll("tooFastVolumes") double[] tiAndVt) {
        VentilationSettings s = valid.toBuilder().mode(mode).rate(10).ti(tiAndVt[0]).riseTime(0).vt(tiAndVt[1]).build();
        assertThat(reasons(SettingsValidator.check(s))).isEmpty();
    }

    @Property(tries = 500)
    void aPsvApneaIntervalNoLongerThanOneBackupBreathIsRejectedNamingIt(
            @ForAll("validSettings") VentilationSettings valid,
            @ForAll @DoubleRange(min = 1, max = 12) double rate,
            @ForAll @DoubleRange(min = 0, max = 1) double u) {
        double period = 60 / rate;
        double apnea = between(5, Math.min(60, period), u);
        VentilationSettings.Builder b = valid.toBuilder().mode(Mode.PSV).rate(rate).ti(0.5).riseTime(0);
        b.apneaS = apnea;
        assertThat(reasons(SettingsValidator.check(b.build())))
                .anySatisfy(r -> assertThat(r).startsWith("apnea_s").contains("backup breath"));
    }

    // ------------------------------------------------------------------ for every input

    @Provide
    Arbitrary<Double> anyNumber() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-10, 200),
                Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                        Double.MIN_VALUE, Double.MAX_VALUE));
    }

    @Provide
    Arbitrary<VentilationSettings> anySettings() {
        Arbitrary<Mode> mode = Arbitraries.of(Mode.class).injectNull(0.05);
        Arbitrary<TriggerType> trigger = Arbitraries.of(TriggerType.class).injectNull(0.05);
        return Combinators.combine(mode, trigger, anyNumber().list().ofSize(12)).as((m, t, v) ->
                new VentilationSettings(m, v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), t,
                        v.get(6), v.get(7), v.get(8), v.get(9), v.get(10), v.get(11)));
    }

    @Property(tries = 3000)
    void checkingNeverThrowsAndARejectionAlwaysGivesAtLeastOneReason(@ForAll("anySettings") VentilationSettings s) {
        assertThatCode(() -> SettingsValidator.check(s)).doesNotThrowAnyException();
        SettingsCheck check = SettingsValidator.check(s);
        if (check instanceof SettingsCheck.Rejected r) {
            assertThat(r.reasons()).isNotEmpty().allSatisfy(reason -> assertThat(reason).isNotBlank());
        } else {
            assertThat(((SettingsCheck.Accepted) check).settings()).isSameAs(s);
        }
    }

    @Property(tries = 3000)
    void whateverIsAcceptedIsFiniteInRangeAndConsistent(@ForAll("anySettings") VentilationSettings s) {
        if (!SettingsValidator.check(s).accepted()) return;
        double[] values = {s.peepCmH2O(), s.dpCmH2O(), s.vtMl(), s.rateBpm(), s.tiS(), s.riseTimeS(),
                s.flowTriggerLpm(), s.pressureTriggerCmH2O(), s.psCmH2O(), s.cycleOffPct(), s.fio2Pct(), s.apneaS()};
        for (int i = 0; i < values.length; i++) {
            SettingsValidator.Limit l = SettingsValidator.LIMITS.get(i);
            assertThat(values[i]).as(l.field()).isFinite().isBetween(l.min(), l.max());
        }
        assertThat(s.mode()).isNotNull();
        assertThat(s.trigger()).isNotNull();
        assertThat(s.peepCmH2O() + s.dpCmH2O()).isLessThanOrEqualTo(70);
        assertThat(s.peepCmH2O() + s.psCmH2O()).isLessThanOrEqualTo(70);
        assertThat(s.teS()).isGreaterThanOrEqualTo(0.2);
        assertThat(s.tiS() / s.teS()).isLessThanOrEqualTo(4);
        assertThat(s.riseTimeS()).isLessThan(s.tiS());
        if (s.mode().volumeTargeted()) assertThat(s.vtMl() / s.tiS() * 0.06).isLessThanOrEqualTo(150);
        if (s.mode() == Mode.PSV) assertThat(s.apneaS()).isGreaterThan(s.breathPeriodS());
    }

    @Property(tries = 1000)
    void theVerdictDependsOnTheSettingsAlone(@ForAll("anySettings") VentilationSettings s) {
        SettingsCheck first = SettingsValidator.check(s);
        SettingsValidator.check(SettingsVerdictNoise.OTHER);
        SettingsCheck second = SettingsValidator.check(s);
        SettingsCheck ofACopy = SettingsValidator.check(s.toBuilder().build());
        assertThat(second).isEqualTo(first);
        assertThat(reasons(ofACopy)).isEqualTo(reasons(first));
        assertThat(ofACopy.accepted()).isEqualTo(first.accepted());
    }

    /** A different verdict in between, to show that nothing carries over from one check to the next. */
    private static final class SettingsVerdictNoise {
        static final VentilationSettings OTHER = VentilationSettings.DEFAULTS.toBuilder().peep(-1).ti(9).build();
    }
}
