package org.pneuma.simulation;

import org.pneuma.safety.settings.AlarmLimitField;

import org.junit.jupiter.api.Test;
import org.pneuma.plant.PlantFault;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;
import org.pneuma.simulation.report.ResultJsonWriter;
import org.pneuma.simulation.scenario.AlarmLimitOverrides;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioEvent;
import org.pneuma.simulation.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioRunnerTest {

    static String json(SimulationResult r) throws IOException {
        StringWriter w = new StringWriter();
        ResultJsonWriter.write(r, w);
        return w.toString();
    }

    static Scenario withFaults(long seed) {
        return Scenarios.pcAc(20, seed, List.of(
                new ScenarioEvent.InjectFault(5, new PlantFault.Leak(3000)),
                new ScenarioEvent.ChangeSettings(10, Scenarios.pcAc(1, 1, List.of(), List.of()).settings().toBuilder().peep(8).build()),
                new ScenarioEvent.ClearFault(15, PlantFault.Kind.LEAK)), List.of());
    }

    @Test
    void theSameScenarioAndSeedGiveTheSameResultToTheByte() throws Exception {
        String first = json(ScenarioRunner.recording(withFaults(7)).run());
        String second = json(ScenarioRunner.recording(withFaults(7)).run());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void theSameScenarioFileGivesTheSameResult() throws Exception {
        Scenario s = ScenarioLoader.parse("""
                name: noisy
                duration_s: 20
                seed: 12
                patient: {compliance_ml_per_cmh2o: 30, resistance_cmh2o_s_per_l: 10, effort: {rate_bpm: 20, amplitude_cmh2o: 4}}
                settings: {mode: vc_ac, vt_ml: 400}
                events:
                  - {at_s: 5.5, fault: sensor_noisy, sensor: expiratory_pressure, sd: 1.5}
                  - {at_s: 9.5, patient: {compliance_ml_per_cmh2o: 20}}
                """, "noisy.yaml");

        assertThat(ScenarioRunner.recording(s).run()).isEqualTo(ScenarioRunner.recording(s).run());
    }

    @Test
    void aDifferentSeedGivesDifferentSensorNoise() {
        double[] a = new double[1];
        double[] b = new double[1];
        ScenarioRunner.recording(withFaults(1), s -> a[0] += s.oxygenPercent() + s.airwayPressureCmH2O()).run();
        ScenarioRunner.recording(withFaults(2), s -> b[0] += s.oxygenPercent() + s.airwayPressureCmH2O()).run();

        assertThat(a[0]).isNotEqualTo(b[0]);
    }

    @Test
    void eventsAreAppliedOnTheirTickAndLogged() {
        SimulationResult r = ScenarioRunner.recording(withFaults(7)).run();

        assertThat(r.events()).containsExactly(
                new AppliedEvent(5, "fault", "leak flow_at_10_cmh2o_ml_min=3000"),
                new AppliedEvent(10, "settings", "peep_cmh2o 5→8"),
                new AppliedEvent(10, "alarm_limits", "high_pressure_cmh2o 30→33, high_peep_cmh2o 10→13, low_peep_cmh2o 2→5"
                        + " (following the settings)"),
                new AppliedEvent(15, "clear", "leak"));
    }

    @Test
    void aFaultIsInThePlantFromItsTick() {
        ScenarioRunner runner = ScenarioRunner.unrecorded(withFaults(7));
        while (runner.nowNs() < 5_000_000_000L) runner.stepOnce();
        assertThat(runner.plant().trueLeakFlowMlPerS()).isZero();

        for (int i = 0; i < 50; i++) runner.stepOnce();

        assertThat(runner.plant().trueLeakFlowMlPerS()).isPositive();
    }

    @Test
    void thePreUseCheckMeasuresTheCircuitBeforeScenarioTimeStarts() {
        ScenarioRunner runner = ScenarioRunner.recording(withFaults(7));

        assertThat(runner.preUseCheck().passed()).isTrue();
        assertThat(runner.preUseCheck().circuitComplianceMlPerCmH2O()).isBetween(0.8, 1.2);
        assertThat(runner.nowNs()).isZero();
        assertThat(runner.plant().timeS()).isZero();
    }

    @Test
    void theWaveformSinkSeesEveryTickOfTheScenario() {
        int[] ticks = new int[1];
        double[] last = new double[1];

        ScenarioRunner.recording(Scenarios.pcAc(2, 1, List.of(), List.of()), s -> {
            ticks[0]++;
            last[0] = s.timeS();
        }).run();

        assertThat(ticks[0]).isEqualTo(2000);
        assertThat(last[0]).isEqualTo(1.999);
    }

    @Test
    void aPassivePatientVentilatedAsSetRaisesNoAlarm() {
        SimulationResult r = ScenarioRunner.recording(Scenarios.pcAc(40, 1, List.of(), List.of())).run();

        assertThat(r.alarms()).isEmpty();
        assertThat(r.safeStateAtS()).isNull();
        assertThat(r.signals()).isEqualTo(new SimulationResult.SignalCounts(0, 0));
    }

    @Test
    void anUnrecordedRunnerHasNoResult() {
        assertThatThrownBy(() -> ScenarioRunner.unrecorded(Scenarios.pcAc(1, 1, List.of(), List.of())).run())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aScenarioRunsOnce() {
        ScenarioRunner runner = ScenarioRunner.recording(Scenarios.pcAc(1, 1, List.of(), List.of()));
        runner.run();

        assertThatThrownBy(runner::run).isInstanceOf(IllegalStateException.class);
    }

    // Waits on the controller: needs real breaths.
    @Test
    void everyReportedBreathIsPairedWithItsTruth() {
        SimulationResult r = ScenarioRunner.recording(Scenarios.pcAc(30, 1, List.of(), List.of())).run();

        assertThat(r.breaths()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(r.breaths()).allSatisfy(b -> {
            assertThat(b.truth().startS()).isEqualTo(b.startS());
            assertThat(b.truth().vtMl()).isPositive();
            assertThat(b.truth().fio2Pct()).isNotNaN();
        });
    }

    @Test
    void fixedAlarmLimitsStayWhileTheOthersFollowEverySettingsChange() throws Exception {
        Scenario s = ScenarioLoader.parse("""
                name: limits
                duration_s: 10
                patient: {compliance_ml_per_cmh2o: 50, resistance_cmh2o_s_per_l: 10}
                settings: {mode: pc_ac, peep_cmh2o: 5, dp_cmh2o: 15}
                alarm_limits: {high_pressure_cmh2o: 45}
                events:
                  - {at_s: 2, settings: {peep_cmh2o: 8}}
                  - {at_s: 4, alarm_limits: {high_peep_cmh2o: 20}}
                  - {at_s: 6, settings: {peep_cmh2o: 10}}
                """, "limits.yaml");
        ScenarioRunner runner = ScenarioRunner.unrecorded(s);
        VentilationSettings peep8 = s.settings().toBuilder().peep(8).build();
        VentilationSettings peep10 = s.settings().toBuilder().peep(10).build();

        assertThat(runner.alarmLimits()).isEqualTo(AlarmLimits.defaultsFor(s.settings()).toBuilder().highPressure(45).build());
        stepUntil(runner, 3);
        assertThat(runner.alarmLimits()).isEqualTo(AlarmLimits.defaultsFor(peep8).toBuilder().highPressure(45).build());
        stepUntil(runner, 5);
        AlarmLimits.Builder expected = AlarmLimits.defaultsFor(peep8).toBuilder().highPressure(45);
        expected.highPeepCmH2O = 20;
        assertThat(runner.alarmLimits()).isEqualTo(expected.build());
        stepUntil(runner, 7);
        expected = AlarmLimits.defaultsFor(peep10).toBuilder().highPressure(45);
        expected.highPeepCmH2O = 20;
        assertThat(runner.alarmLimits()).isEqualTo(expected.build());
        assertThat(runner.alarmLimits().lowPeepCmH2O()).as("the low PEEP limit followed PEEP").isEqualTo(7);
    }

    private static void stepUntil(ScenarioRunner runner, double timeS) {
        while (runner.nowNs() < timeS * 1e9) runner.stepOnce();
    }

    @Test
    void aScenarioBuiltInCodeWithLimitsTheValidatorRejectsIsRefused() {
        Scenario base = Scenarios.pcAc(10, 1, List.of(), List.of());
        Scenario bad = new Scenario(base.name(), base.source(), base.durationS(), base.plant(), base.patient(), base.settings(),
                new AlarmLimitOverrides(Map.of(AlarmLimitField.HIGH_PRESSURE_CMH2O, 15.0)), List.of(), List.of(), null);

        assertThatThrownBy(() -> ScenarioRunner.recording(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at 0 s are rejected: alarm limit high_pressure_cmh2o 15 must be at least 2 cmH2O above the pressure target 20");
    }
}
