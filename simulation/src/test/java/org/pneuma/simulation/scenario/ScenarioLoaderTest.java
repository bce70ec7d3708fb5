package org.pneuma.simulation.scenario;

import org.pneuma.safety.settings.AlarmLimitField;

import org.junit.jupiter.api.Test;
import org.pneuma.plant.OcclusionSite;
import org.pneuma.plant.PlantConfig;
import org.pneuma.plant.PlantFault;
import org.pneuma.plant.SensorId;
import org.pneuma.plant.SpontaneousEffort;
import org.pneuma.plant.ValveId;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.TriggerType;
import org.pneuma.safety.settings.VentilationSettings;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

class ScenarioLoaderTest {

    static final String MINIMAL = """
            name: minimal
            duration_s: 30
            patient:
              compliance_ml_per_cmh2o: 50
              resistance_cmh2o_s_per_l: 10
            settings:
              mode: pc_ac
            """;

    static Scenario parse(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(yaml, "test.yaml");
    }

    @Test
    void fieldsLeftOutTakeTheDefaults() throws Exception {
        Scenario s = parse(MINIMAL);

        assertThat(s.name()).isEqualTo("minimal");
        assertThat(s.source()).isEqualTo("test.yaml");
        assertThat(s.durationS()).isEqualTo(30);
        assertThat(s.settings()).isEqualTo(VentilationSettings.DEFAULTS);
        assertThat(s.patient().circuitComplianceMlPerCmH2O()).isEqualTo(1.0);
        assertThat(s.patient().effort()).isEqualTo(SpontaneousEffort.NONE);
        assertThat(s.plant()).isEqualTo(PlantConfig.standard());
        assertThat(s.events()).isEmpty();
        assertThat(s.expectations()).isEmpty();
    }

    @Test
    void readsEverySettingByItsSnakeCaseName() throws Exception {
        Scenario s = parse("""
                name: all settings
                duration_s: 30
                seed: 99
                o2_sensor_lag_s: 2.5
                patient: {compliance_ml_per_cmh2o: 30, resistance_cmh2o_s_per_l: 15, circuit_compliance_ml_per_cmh2o: 2}
                settings:
                  mode: PSV
                  peep_cmh2o: 8
                  dp_cmh2o: 20
                  vt_ml: 400
                  rate_bpm: 12
                  ti_s: 1.2
                  rise_time_s: 0.2
                  trigger: pressure
                  flow_trigger_lpm: 3
                  pressure_trigger_cmh2o: 1.5
                  ps_cmh2o: 12
                  cycle_off_pct: 30
                  fio2_pct: 60
                  apnea_s: 25
                """);

        assertThat(s.settings()).isEqualTo(new VentilationSettings(Mode.PSV, 8, 20, 400, 12, 1.2, 0.2,
                TriggerType.PRESSURE, 3, 1.5, 12, 30, 60, 25));
        assertThat(s.seed()).isEqualTo(99);
        assertThat(s.plant().oxygenSensor().lagS()).isEqualTo(2.5);
        assertThat(s.patient().circuitComplianceMlPerCmH2O()).isEqualTo(2);
    }

    @Test
    void anIeRatioBecomesTheInspiratoryTimeAtTheSetRate() throws Exception {
        Scenario text = parse(MINIMAL.replace("mode: pc_ac", "mode: pc_ac\n  rate_bpm: 15\n  ie_ratio: \"1:2\""));
        Scenario number = parse(MINIMAL.replace("mode: pc_ac", "mode: pc_ac\n  rate_bpm: 20\n  ie_ratio: 0.5"));

        assertThat(text.settings().tiS()).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(number.settings().tiS()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aRateChangeKeepsTheIeRatioInForce() throws Exception {
        Scenario s = parse(MINIMAL.replace("mode: pc_ac", "mode: pc_ac\n  rate_bpm: 15\n  ie_ratio: \"1:2\"") + """
                events:
                  - {at_s: 10, settings: {rate_bpm: 20}}
                  - {at_s: 20, settings: {ti_s: 0.8}}
                  - {at_s: 25, settings: {rate_bpm: 10}}
                """);

        assertThat(s.events()).extracting(e -> ((ScenarioEvent.ChangeSettings) e).settings().tiS())
                .containsExactly(1.0, 0.8, 0.8);
    }

    @Test
    void modesAndNamesAreCaseInsensitive() throws Exception {
        Scenario s = parse(MINIMAL.replace("pc_ac", "VC-CMV"));

        assertThat(s.settings().mode()).isEqualTo(Mode.VC_CMV);
    }

    @Test
    void readsAPatientWithSpontaneousEffort() throws Exception {
        Scenario s = parse(MINIMAL.replace("resistance_cmh2o_s_per_l: 10", """
                resistance_cmh2o_s_per_l: 10
                  effort: {rate_bpm: 20, amplitude_cmh2o: 5, shape: exponential, inspiratory_fraction: 0.4, start_s: 2}"""));

        assertThat(s.patient().effort()).isEqualTo(
                new SpontaneousEffort(20, 5, SpontaneousEffort.EffortShape.EXPONENTIAL, 0.4, 2));
    }

    @Test
    void readsEveryKindOfFaultWithItsParameters() throws Exception {
        Scenario s = parse(MINIMAL + """
                events:
                  - {at_s: 1, fault: disconnection}
                  - {at_s: 2, fault: occlusion, site: expiratory}
                  - {at_s: 3, fault: leak, flow_at_10_cmh2o_ml_min: 5000}
                  - {at_s: 4, fault: sensor_stuck, sensor: expiratory_flow}
                  - {at_s: 5, fault: sensor_drift, sensor: oxygen, rate_per_s: -0.2}
                  - {at_s: 6, fault: sensor_noisy, sensor: inspiratory_pressure, sd: 1.5}
                  - {at_s: 7, fault: o2_supply_loss}
                  - {at_s: 8, fault: valve_stuck, valve: air}
                  - {at_s: 9, clear: leak}
                """);

        assertThat(s.events()).containsExactly(
                new ScenarioEvent.InjectFault(1, new PlantFault.Disconnection()),
                new ScenarioEvent.InjectFault(2, new PlantFault.Occlusion(OcclusionSite.EXPIRATORY)),
                new ScenarioEvent.InjectFault(3, new PlantFault.Leak(5000)),
                new ScenarioEvent.InjectFault(4, new PlantFault.SensorStuck(SensorId.EXPIRATORY_FLOW)),
                new ScenarioEvent.InjectFault(5, new PlantFault.SensorDrift(SensorId.OXYGEN, -0.2)),
                new ScenarioEvent.InjectFault(6, new PlantFault.SensorNoisy(SensorId.INSPIRATORY_PRESSURE, 1.5)),
                new ScenarioEvent.InjectFault(7, new PlantFault.OxygenSupplyLoss()),
                new ScenarioEvent.InjectFault(8, new PlantFault.ValveStuck(ValveId.AIR)),
                new ScenarioEvent.ClearFault(9, PlantFault.Kind.LEAK));
    }

    @Test
    void eventsAreOrderedByTimeKeepingTheFileOrderForEqualTimes() throws Exception {
        Scenario s = parse(MINIMAL + """
                events:
                  - {at_s: 20, settings: {peep_cmh2o: 8}}
                  - {at_s: 5, fault: leak, flow_at_10_cmh2o_ml_min: 1000}
                  - {at_s: 20, settings: {peep_cmh2o: 10}}
                  - {at_s: 10, clear: leak}
                """);

        assertThat(s.events()).extracting(ScenarioEvent::atS).containsExactly(5.0, 10.0, 20.0, 20.0);
        assertThat(((ScenarioEvent.ChangeSettings) s.events().get(3)).settings().peepCmH2O()).isEqualTo(10);
    }

    @Test
    void aPatientEventChangesOnlyWhatItNames() throws Exception {
        Scenario s = parse(MINIMAL + """
                events:
                  - {at_s: 10, patient: {compliance_ml_per_cmh2o: 25}}
                  - {at_s: 20, patient: {effort: {rate_bpm: 18, amplitude_cmh2o: 4}}}
                  - {at_s: 25, patient: {effort: {amplitude_cmh2o: 6}}}
                  - {at_s: 29, patient: {effort: none}}
                """);

        var patients = s.events().stream().map(e -> ((ScenarioEvent.ChangePatient) e).patient()).toList();
        assertThat(patients.get(0).complianceMlPerCmH2O()).isEqualTo(25);
        assertThat(patients.get(0).resistanceCmH2OSPerL()).isEqualTo(10);
        assertThat(patients.get(1).complianceMlPerCmH2O()).isEqualTo(25);
        assertThat(patients.get(1).effort().rateBpm()).isEqualTo(18);
        assertThat(patients.get(2).effort().rateBpm()).isEqualTo(18);
        assertThat(patients.get(2).effort().amplitudeCmH2O()).isEqualTo(6);
        assertThat(patients.get(3).effort()).isEqualTo(SpontaneousEffort.NONE);
    }

    @Test
    void readsExpectationsWithTheirDefaultsAndLines() throws Exception {
        Scenario s = parse(MINIMAL + """
                expect:
                  - {metric: vti_ml, window_s: [10, 30], stat: mean, between: [450, 550]}
                  - {metric: true_peep_cmh2o, at_least: 3}
                  - metric: rate_bpm
                    stat: all
                    at_most: 16
                  - {stat: count, window_s: [0, 10], between: [2, 3]}
                """);

        assertThat(s.expectations()).containsExactly(
                new Expectation.OnBreaths(Metric.VTI_ML, Statistic.MEAN, new Window(10, 30), 450, 550, 9),
                new Expectation.OnBreaths(Metric.TRUE_PEEP_CMH2O, Statistic.MEAN, new Window(0, 30), 3,
                        Double.POSITIVE_INFINITY, 10),
                new Expectation.OnBreaths(Metric.RATE_BPM, Statistic.ALL, new Window(0, 30), Double.NEGATIVE_INFINITY, 16, 11),
                new Expectation.OnBreaths(null, Statistic.COUNT, new Window(0, 10), 2, 3, 14));
    }

    @Test
    void withoutAlarmLimitsEveryLimitFollowsTheSettings() throws Exception {
        Scenario s = parse(MINIMAL);

        assertThat(s.alarmLimits()).isEqualTo(AlarmLimitOverrides.NONE);
        assertThat(s.initialAlarmLimits()).isEqualTo(AlarmLimits.defaultsFor(VentilationSettings.DEFAULTS));
    }

    @Test
    void alarmLimitsFixTheLimitsTheyNameAndLeaveTheOthersAtTheDefaultsForTheSettings() throws Exception {
        Scenario s = parse(MINIMAL + """
                alarm_limits:
                  high_pressure_cmh2o: 35
                  low_vte_ml: 0
                  high_vte_ml: 900
                  low_mv_lpm: 2
                  high_mv_lpm: 20
                  high_rate_bpm: 30
                  high_peep_cmh2o: 9
                  low_peep_cmh2o: 3
                  high_fio2_pct: 50
                  low_fio2_pct: 30
                """);

        assertThat(s.initialAlarmLimits()).isEqualTo(new AlarmLimits(35, 0, 900, 2, 20, 30, 9, 3, 50, 30));
        Scenario partial = parse(MINIMAL + "alarm_limits: {high_pressure_cmh2o: 35}\n");
        assertThat(partial.alarmLimits().fixed()).containsExactly(entry(AlarmLimitField.HIGH_PRESSURE_CMH2O, 35.0));
        assertThat(partial.initialAlarmLimits())
                .isEqualTo(AlarmLimits.defaultsFor(VentilationSettings.DEFAULTS).toBuilder().highPressure(35).build());
    }

    @Test
    void anAlarmLimitsEventAddsToTheLimitsFixedBefore() throws Exception {
        Scenario s = parse(MINIMAL + """
                alarm_limits: {high_pressure_cmh2o: 35}
                events:
                  - {at_s: 10, alarm_limits: {high_rate_bpm: 25}}
                  - {at_s: 20, alarm_limits: {high_pressure_cmh2o: 40}}
                """);

        assertThat(s.events()).containsExactly(
                new ScenarioEvent.ChangeAlarmLimits(10, new AlarmLimitOverrides(Map.of(
                        AlarmLimitField.HIGH_PRESSURE_CMH2O, 35.0, AlarmLimitField.HIGH_RATE_BPM, 25.0))),
                new ScenarioEvent.ChangeAlarmLimits(20, new AlarmLimitOverrides(Map.of(
                        AlarmLimitField.HIGH_PRESSURE_CMH2O, 40.0, AlarmLimitField.HIGH_RATE_BPM, 25.0))));
    }

    @Test
    void readsTheOperatorsActionsAndTheControlStepsFaults() throws Exception {
        Scenario s = parse(MINIMAL + """
                events:
                  - {at_s: 1, acknowledge: true}
                  - {at_s: 2, audio_pause: true}
                  - {at_s: 3, fault: control_stall}
                  - {at_s: 4, clear: control_stall}
                  - {at_s: 5, fault: Control-Exception}
                """);

        assertThat(s.events()).containsExactly(
                new ScenarioEvent.Acknowledge(1),
                new ScenarioEvent.PauseAudio(2),
                new ScenarioEvent.InjectControlFault(3, ControlFault.CONTROL_STALL),
                new ScenarioEvent.ClearControlFault(4, ControlFault.CONTROL_STALL),
                new ScenarioEvent.InjectControlFault(5, ControlFault.CONTROL_EXCEPTION));
    }

    @Test
    void theOnsetIsGivenOrTakenFromTheFirstEventThatChangesSomething() throws Exception {
        assertThat(parse(MINIMAL + "onset_s: 12.5\n").conditionOnsetS()).isEqualTo(12.5);
        assertThat(parse(MINIMAL).conditionOnsetS()).isZero();
        assertThat(parse(MINIMAL + """
                events:
                  - {at_s: 2, alarm_limits: {high_rate_bpm: 25}}
                  - {at_s: 3, acknowledge: true}
                  - {at_s: 7, patient: {compliance_ml_per_cmh2o: 20}}
                  - {at_s: 9, fault: control_stall}
                """).conditionOnsetS()).isEqualTo(7);
        assertThat(parse(MINIMAL + """
                onset_s: 4
                events:
                  - {at_s: 7, fault: disconnection}
                """).conditionOnsetS()).isEqualTo(4);
    }

    @Test
    void readsAlarmAndSafeStateExpectations() throws Exception {
        Scenario s = parse(MINIMAL + """
                expect:
                  - {alarm: disconnection, raised_within_s: [20, 28]}
                  - {no_alarm: APNEA}
                  - {no_alarm: HIGH_PRESSURE, window_s: [0, 10]}
                  - {safe_state_within_s: [5, 5.05]}
                """);

        assertThat(s.expectations()).containsExactly(
                new Expectation.AlarmRaised(AlarmId.DISCONNECTION, new Window(20, 28), 9),
                new Expectation.NoAlarm(AlarmId.APNEA, new Window(0, 30), 10),
                new Expectation.NoAlarm(AlarmId.HIGH_PRESSURE, new Window(0, 10), 11),
                new Expectation.SafeState(new Window(5, 5.05), 12));
    }
}
