package org.pneuma.safety.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.settings.SettingsFixtures.reasons;

import org.junit.jupiter.api.Test;

/** The validator's rules, one readable example each. */
class SettingsValidatorTest {
    private static final VentilationSettings ADULT = VentilationSettings.DEFAULTS;

    @Test
    void acceptsThePowerOnDefaults() {
        assertThat(SettingsValidator.check(ADULT)).isEqualTo(new SettingsCheck.Accepted(ADULT));
    }

    @Test
    void rejectsRiseTimeLongerThanInspiration() {
        SettingsCheck check = SettingsValidator.check(ADULT.toBuilder().ti(1.0).riseTime(1.2).build());
        assertThat(reasons(check)).containsExactly("rise_time_s 1.2 must be shorter than ti_s 1");
    }

    @Test
    void rejectsRiseTimeEqualToInspiration() {
        assertThat(reasons(SettingsValidator.check(ADULT.toBuilder().ti(0.8).riseTime(0.8).build())))
                .singleElement().asString().startsWith("rise_time_s");
    }

    @Test
    void rejectsAnInspirationThatLeavesTooLittleTimeToBreatheOut() {
        // 30 breaths/min is 2 s a breath; Ti 1.9 s leaves 0.1 s.
        assertThat(reasons(SettingsValidator.check(ADULT.toBuilder().rate(30).ti(1.9).build())))
                .singleElement().asString().contains("expiratory time of 0.1 s").contains("at least 0.2 s");
    }

    @Test
    void acceptsFourToOneAndRejectsFiveToOne() {
        // 12 breaths/min is 5 s a breath: Ti 4 s is 4:1, Ti 4.2 s is 5.25:1 with Te still 0.8 s.
        assertThat(SettingsValidator.check(ADULT.toBuilder().rate(12).ti(4).build()).accepted()).isTrue();
        assertThat(reasons(SettingsValidator.check(ADULT.toBuilder().rate(12).ti(4.2).build())))
                .singleElement().asString().startsWith("I:E of 5.25:1");
    }

    @Test
    void acceptsPeepPlusDrivingPressureOfSeventyAndRejectsMore() {
        assertThat(SettingsValidator.check(ADULT.toBuilder().peep(10).dp(60).build()).accepted()).isTrue();
        assertThat(reasons(SettingsValidator.check(ADULT.toBuilder().peep(15).dp(70).build())))
                .containsExactly("peep_cmh2o + dp_cmh2o = 85 exceeds the maximum pressure target 70 cmH2O");
    }

    @Test
    void rejectsPeepPlusPressureSupportAboveSeventyEvenOutsidePsvBecauseItIsTheBackupSetting() {
        assertThat(reasons(SettingsValidator.check(ADULT.toBuilder().mode(Mode.PC_CMV).peep(20).ps(65).build())))
                .containsExactly("peep_cmh2o + ps_cmh2o = 85 exceeds the maximum pressure target 70 cmH2O");
    }

    @Test
    void rejectsAVolumeControlBreathFasterThanTheValvesAndAcceptsTheSameNumbersInPressureControl() {
        VentilationSettings.Builder fast = ADULT.toBuilder().vt(2000).ti(0.5).riseTime(0);
        // 2 L in 0.5 s is 240 L/min.
        assertThat(reasons(SettingsValidator.check(fast.mode(Mode.VC_CMV).build())))
                .containsExactly("vt_ml 2000 in ti_s 0.5 needs 240 L/min; the valves deliver at most 150 L/min");
        assertThat(SettingsValidator.check(fast.mode(Mode.PC_CMV).build()).accepted()).isTrue();
    }

    @Test
    void rejectsAPsvApneaIntervalThatIsNoLongerThanOneBackupBreath() {
        VentilationSettings.Builder psv = ADULT.toBuilder().mode(Mode.PSV).rate(3);
        psv.apneaS = 20;
        assertThat(reasons(SettingsValidator.check(psv.build())))
                .containsExactly("apnea_s 20 must be longer than one backup breath (20 s at rate_bpm 3)");
        psv.apneaS = 21;
        assertThat(SettingsValidator.check(psv.build()).accepted()).isTrue();
    }

    @Test
    void namesEveryBrokenCrossFieldRuleAtOnce() {
        VentilationSettings s = ADULT.toBuilder().peep(20).dp(65).ps(65).rate(30).ti(1.9).riseTime(1.9).build();
        assertThat(reasons(SettingsValidator.check(s))).hasSize(4)
                .anySatisfy(r -> assertThat(r).startsWith("peep_cmh2o + dp_cmh2o"))
                .anySatisfy(r -> assertThat(r).startsWith("peep_cmh2o + ps_cmh2o"))
                .anySatisfy(r -> assertThat(r).contains("expiratory time"))
                .anySatisfy(r -> assertThat(r).startsWith("rise_time_s"));
    }

    @Test
    void rejectsATidalVolumeThatIsNotANumber() {
        assertThat(reasons(SettingsValidator.check(ADULT.toBuilder().vt(Double.NaN).build())))
                .containsExactly("vt_ml NaN is out of range 5–2500 mL");
    }

    @Test
    void rejectsAnInfiniteOxygenPercentage() {
        assertThat(reasons(SettingsValidator.check(ADULT.toBuilder().fio2(Double.POSITIVE_INFINITY).build())))
                .singleElement().asString().startsWith("fio2_pct Infinity is out of range 21–100");
    }
}
