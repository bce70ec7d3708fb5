package org.pneuma.simulation.scenario;

import org.pneuma.safety.settings.AlarmLimits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every kind of bad scenario file gets an error naming the line and the field. */
class ScenarioErrorTest {

    private static final String HEAD = """
            name: bad
            duration_s: 30
            patient:
              compliance_ml_per_cmh2o: 50
              resistance_cmh2o_s_per_l: 10
            settings:
              mode: pc_ac
            """; // settings.mode is on line 7; the next line is 8

    private static ScenarioException error(String yaml) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.parse(yaml, "scenario.yaml"));
        assertThat(e).as("expected the scenario to be rejected").isNotNull();
        return e;
    }

    @Test
    void anUnknownTopLevelKeyIsAnErrorWithASuggestion() {
        ScenarioException e = error(HEAD + "duraton_s: 40\n");

        assertThat(e.getMessage()).startsWith("scenario.yaml:8: duraton_s: unknown key; did you mean duration_s?");
        assertThat(e.problems()).singleElement().extracting(ScenarioException.Problem::line).isEqualTo(8);
    }

    @Test
    void anUnknownSettingIsAnError() {
        assertThat(error(HEAD + "  peep: 5\n").getMessage())
                .startsWith("scenario.yaml:8: settings.peep: unknown key; did you mean peep_cmh2o?");
    }

    @Test
    void anUnknownKeyInAnEventIsAnError() {
        assertThat(error(HEAD + """
                events:
                  - {at_s: 5, fault: leak, flow_at_10_cmh2o_ml_min: 1000, site: patient}
                """).getMessage())
                .startsWith("scenario.yaml:9: events[0].site: unknown key (allowed here: at_s, fault, flow_at_10_cmh2o_ml_min)");
    }

    @Test
    void anUnknownPatientOrEffortKeyIsAnError() {
        String yaml = HEAD.replace("resistance_cmh2o_s_per_l: 10", "resistance_cmh2o_s_per_l: 10\n  effort: {rate_bpm: 10, amplitude_cmh2o: 3, amplitude: 4}");

        assertThat(error(yaml).getMessage()).startsWith("scenario.yaml:6: patient.effort.amplitude: unknown key");
    }

    @Test
    void aValueOfTheWrongTypeIsAnError() {
        assertThat(error(HEAD + "  peep_cmh2o: five\n").getMessage())
                .isEqualTo("scenario.yaml:8: settings.peep_cmh2o: expected a number, got the text \"five\"");
        assertThat(error(HEAD.replace("duration_s: 30", "duration_s: [30]")).getMessage())
                .startsWith("scenario.yaml:2: duration_s: expected a number, got a list");
    }

    @Test
    void anOutOfRangeSettingIsReportedWithTheValidatorsRange() {
        assertThat(error(HEAD + "  peep_cmh2o: 50\n").getMessage())
                .isEqualTo("scenario.yaml:8: settings.peep_cmh2o: 50 is out of range 0–35 cmH2O");
    }

    @Test
    void anInconsistentSettingIsReportedAtTheFirstFieldItNames() {
        String message = error(HEAD + "  rate_bpm: 30\n  ti_s: 1.9\n").getMessage();

        assertThat(message).startsWith("scenario.yaml:9: settings.ti_s: 1.9").contains("leaves an expiratory time of");
    }

    @Test
    void tiAndIeRatioTogetherAreAnError() {
        assertThat(error(HEAD + "  ti_s: 1\n  ie_ratio: \"1:2\"\n").getMessage())
                .isEqualTo("scenario.yaml:9: settings.ie_ratio: give ti_s or ie_ratio, not both (ti_s is on line 8)");
    }

    @Test
    void aMalformedIeRatioIsAnError() {
        assertThat(error(HEAD + "  ie_ratio: 1-2\n").getMessage())
                .startsWith("scenario.yaml:8: settings.ie_ratio: expected I:E as a ratio such as \"1:2\"");
    }

    @Test
    void aSettingsChangeTheValidatorRejectsIsAnErrorAtItsLine() {
        String message = error(HEAD + """
                events:
                  - {at_s: 10, settings: {peep_cmh2o: 30}}
                  - at_s: 20
                    settings:
                      dp_cmh2o: 60
                """).getMessage();

        // peep 30 is accepted on its own; at 20 s, 30 + 60 exceeds the maximum pressure target.
        assertThat(message).isEqualTo("scenario.yaml:12: events[1].settings.dp_cmh2o: peep_cmh2o + dp_cmh2o = 90 exceeds"
                + " the maximum pressure target 70 cmH2O (rejected at 20 s, over the settings then in force)");
    }

    @Test
    void anUnknownFaultNameIsAnError() {
        assertThat(error(HEAD + "events:\n  - {at_s: 5, fault: kink}\n").getMessage())
                .startsWith("scenario.yaml:9: events[0].fault: unknown fault \"kink\" (expected one of disconnection, occlusion, leak,");
    }

    @Test
    void anUnknownSensorIsAnError() {
        assertThat(error(HEAD + "events:\n  - {at_s: 5, fault: sensor_stuck, sensor: thermometer}\n").getMessage())
                .startsWith("scenario.yaml:9: events[0].sensor: unknown sensor \"thermometer\" (expected one of air_flow,");
    }

    @Test
    void aFaultWithoutItsParameterIsAnError() {
        assertThat(error(HEAD + "events:\n  - {at_s: 5, fault: sensor_drift, sensor: oxygen}\n").getMessage())
                .isEqualTo("scenario.yaml:9: events[0].rate_per_s: is required: a sensor_drift fault needs sensor and rate_per_s");
    }

    @Test
    void aFaultParameterOutOfItsRangeIsReportedAtItsLine() {
        assertThat(error(HEAD + "events:\n  - at_s: 5\n    fault: leak\n    flow_at_10_cmh2o_ml_min: 90000\n").getMessage())
                .startsWith("scenario.yaml:11: events[0].flow_at_10_cmh2o_ml_min: must be 0–60000").contains("90000");
    }

    @Test
    void clearingAFaultThatIsNotActiveIsAnError() {
        assertThat(error(HEAD + "events:\n  - {at_s: 5, clear: leak}\n").getMessage())
                .isEqualTo("scenario.yaml:9: events[0].clear: no leak fault is active at 5 s, so there is nothing to clear");
    }

    @Test
    void anEventOutsideTheScenarioIsAnError() {
        assertThat(error(HEAD + "events:\n  - {at_s: 45, fault: disconnection}\n").getMessage())
                .isEqualTo("scenario.yaml:9: events[0].at_s: 45 is outside the scenario (0 to below duration_s 30)");
    }

    @Test
    void anEventThatSaysTwoThingsIsAnError() {
        assertThat(error(HEAD + "events:\n  - {at_s: 5, fault: disconnection, clear: leak}\n").getMessage())
                .startsWith("scenario.yaml:9: events[0]: has fault and clear; an event needs exactly one of");
    }

    @Test
    void aPatientOutOfThePlantsRangeIsReportedAtItsField() {
        assertThat(error(HEAD.replace("compliance_ml_per_cmh2o: 50", "compliance_ml_per_cmh2o: 500")).getMessage())
                .startsWith("scenario.yaml:4: patient.compliance_ml_per_cmh2o: must be 0.2–200").contains("500");
        assertThat(error(HEAD.replace("resistance_cmh2o_s_per_l: 10", "resistance_cmh2o_s_per_l: 10\n  effort: {rate_bpm: 90, amplitude_cmh2o: 3}")).getMessage())
                .startsWith("scenario.yaml:6: patient.effort.rate_bpm: must be 0–80").contains("90");
    }

    @Test
    void aMissingRequiredFieldIsAnError() {
        assertThat(error(HEAD.replace("  resistance_cmh2o_s_per_l: 10\n", "")).getMessage())
                .isEqualTo("scenario.yaml:4: patient.resistance_cmh2o_s_per_l: is required: the airway resistance, cmH2O·s/L");
    }

    @Test
    void anUnknownMetricOrStatIsAnError() {
        assertThat(error(HEAD + "expect:\n  - {metric: vt_ml, between: [1, 2]}\n").getMessage())
                .startsWith("scenario.yaml:9: expect[0].metric: unknown metric \"vt_ml\"; did you mean");
        assertThat(error(HEAD + "expect:\n  - {metric: vti_ml, stat: median, between: [1, 2]}\n").getMessage())
                .startsWith("scenario.yaml:9: expect[0].stat: unknown stat \"median\" (expected one of mean, min, max, all, count)");
    }

    @Test
    void anExpectationWindowOutsideTheScenarioIsAnError() {
        assertThat(error(HEAD + "expect:\n  - {metric: vti_ml, window_s: [10, 40], between: [1, 2]}\n").getMessage())
                .isEqualTo("scenario.yaml:9: expect[0].window_s: [10, 40] must lie within the scenario, 0 to duration_s 30, and not be empty");
    }

    @Test
    void anExpectationWithoutBoundsIsAnError() {
        assertThat(error(HEAD + "expect:\n  - {metric: vti_ml}\n").getMessage())
                .isEqualTo("scenario.yaml:9: expect[0]: needs the allowed values: between: [lo, hi], at_least: lo or at_most: hi");
    }

    @Test
    void anUnknownAlarmIsAnErrorWithASuggestion() {
        ScenarioException e = error(HEAD + """
                expect:
                  - {alarm: HIGH_PRESURE, raised_within_s: [10, 15]}
                  - {no_alarm: SNORING}
                """);

        assertThat(e.problems()).extracting(ScenarioException.Problem::line).containsExactly(9, 10);
        assertThat(e.getMessage())
                .contains("scenario.yaml:9: expect[0].alarm: unknown alarm \"HIGH_PRESURE\"; did you mean HIGH_PRESSURE? (expected one of HIGH_PRESSURE, DISCONNECTION,")
                .contains("scenario.yaml:10: expect[1].no_alarm: unknown alarm \"SNORING\" (expected one of ");
    }

    @Test
    void anAlarmExpectationWithoutItsWindowIsAnError() {
        assertThat(error(HEAD + "expect:\n  - {alarm: APNEA}\n").getMessage())
                .isEqualTo("scenario.yaml:9: expect[0].raised_within_s: is required: [from, to] seconds within which the alarm must be raised");
    }

    @Test
    void aSafeStateWindowOutsideTheScenarioIsAnError() {
        assertThat(error(HEAD + "expect:\n  - {safe_state_within_s: [20, 31]}\n").getMessage())
                .isEqualTo("scenario.yaml:9: expect[0].safe_state_within_s: [20, 31] must lie within the scenario, 0 to duration_s 30, and not be empty");
        assertThat(error(HEAD + "expect:\n  - {safe_state_within_s: [20, 21], alarm: APNEA}\n").getMessage())
                .startsWith("scenario.yaml:9: expect[0].safe_state_within_s: unknown key");
    }

    @Test
    void aMalformedAlarmExpectationSaysWhatIsWrongFirst() {
        assertThat(error(HEAD + "expect:\n  - {alarm: HIGH_PRESSURE, raised_within_s: 10}\n").getMessage())
                .startsWith("scenario.yaml:9: expect[0].raised_within_s: expected the time window in seconds as a list of two numbers");
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertThat(error(HEAD + "  mode: vc_ac\n").getMessage())
                .isEqualTo("scenario.yaml:8: mode: duplicate key (first given on line 7)");
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        assertThat(error(HEAD + "events: [\n  {at_s: 1\n").getMessage()).startsWith("scenario.yaml:").contains("not valid YAML");
    }

    @Test
    void anEmptyFileIsAnError() {
        assertThat(error("").getMessage()).startsWith("scenario.yaml:1: the file is empty");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceInLineOrder() {
        ScenarioException e = error("""
                name: many
                duration_s: 30
                colour: blue
                patient:
                  compliance_ml_per_cmh2o: 50
                  resistance_cmh2o_s_per_l: 10
                settings:
                  mode: pc_sometimes
                  peep_cmh2o: 5
                events:
                  - {at_s: 5, fault: sensor_stuck, sensor: thermometer}
                """);

        assertThat(e.problems()).extracting(ScenarioException.Problem::line).containsExactly(3, 8, 11);
        assertThat(e.problems()).extracting(ScenarioException.Problem::path)
                .containsExactly("colour", "settings.mode", "events[0].sensor");
    }

    @Test
    void aMissingFileIsReportedByName() {
        assertThatThrownBy(() -> ScenarioLoader.load(java.nio.file.Path.of("no-such-scenario.yaml")))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("no-such-scenario.yaml: cannot read the file: no such file");
    }

    @Test
    void anUnknownAlarmLimitIsAnErrorWithASuggestion() {
        assertThat(error(HEAD + "alarm_limits: {high_presure_cmh2o: 35}\n").getMessage())
                .startsWith("scenario.yaml:8: alarm_limits.high_presure_cmh2o: unknown key; did you mean high_pressure_cmh2o?");
        assertThat(error(HEAD + "alarm_limits: 35\n").getMessage())
                .startsWith("scenario.yaml:8: alarm_limits: expected a mapping of keys (high_pressure_cmh2o, low_vte_ml,");
    }

    @Test
    void anAlarmLimitThatIsNotANumberIsAnError() {
        assertThat(error(HEAD + "alarm_limits: {high_pressure_cmh2o: high}\n").getMessage())
                .isEqualTo("scenario.yaml:8: alarm_limits.high_pressure_cmh2o: expected a number, got the text \"high\"");
    }

    @Test
    void anAlarmLimitOutOfItsRangeIsReportedWithTheValidatorsRange() {
        assertThat(error(HEAD + "alarm_limits:\n  low_vte_ml: 100\n  high_pressure_cmh2o: 90\n").getMessage())
                .isEqualTo("scenario.yaml:10: alarm_limits.high_pressure_cmh2o: 90 is out of range 10–80 cmH2O");
    }

    @Test
    void anAlarmLimitOnTheWrongSideOfTheSettingsIsReportedAtItsLine() {
        assertThat(error(HEAD + "alarm_limits:\n  high_pressure_cmh2o: 21\n").getMessage())
                .isEqualTo("scenario.yaml:9: alarm_limits.high_pressure_cmh2o: 21 must be at least 2 cmH2O above the pressure target 20");
        assertThat(error(HEAD + "alarm_limits: {low_peep_cmh2o: 6}\n").getMessage())
                .isEqualTo("scenario.yaml:8: alarm_limits.low_peep_cmh2o: peep_cmh2o 5 must lie between alarm limits"
                        + " low_peep_cmh2o 6 and high_peep_cmh2o 10");
    }

    @Test
    void aLimitThatClashesWithADefaultLimitSaysTheDefaultIsTheOtherHalf() {
        assertThat(error(HEAD + "alarm_limits: {high_vte_ml: 200}\n").getMessage())
                .isEqualTo("scenario.yaml:8: alarm_limits.high_vte_ml: alarm limit low_vte_ml 250 must be below high_vte_ml 200;"
                        + " low_vte_ml is the default for these settings: set it under alarm_limits");
    }

    @Test
    void settingsWhoseDefaultLimitWouldBeOutOfRangeGetTheNearestLimitInRange() throws Exception {
        // 120/min of 500 mL is 60 L/min: twice that, the usual high minute-volume limit, is beyond 100.
        Scenario scenario = ScenarioLoader.parse(HEAD + "  rate_bpm: 120\n  ti_s: 0.25\n", "s.yaml");

        assertThat(AlarmLimits.defaultsFor(scenario.settings()).highMvLpm()).isEqualTo(100);
        assertThatCode(() -> ScenarioLoader.parse(HEAD + "  rate_bpm: 120\n  ti_s: 0.25\nalarm_limits: {high_mv_lpm: 90}\n", "s.yaml"))
                .doesNotThrowAnyException();
    }

    @Test
    void aSettingsChangeThatClashesWithAFixedLimitNamesTheLineOfTheLimit() {
        String message = error(HEAD + """
                alarm_limits: {high_pressure_cmh2o: 25}
                events:
                  - {at_s: 10, settings: {dp_cmh2o: 25}}
                """).getMessage();

        assertThat(message).isEqualTo("scenario.yaml:10: events[0].settings.dp_cmh2o: alarm limit high_pressure_cmh2o 25 must be"
                + " at least 2 cmH2O above the pressure target 30 (rejected at 10 s, over the settings then in force);"
                + " high_pressure_cmh2o was set on line 8");
    }

    @Test
    void anAlarmLimitsChangeTheValidatorRejectsIsAnErrorAtItsField() {
        assertThat(error(HEAD + "events:\n  - {at_s: 10, alarm_limits: {high_rate_bpm: 10}}\n").getMessage())
                .isEqualTo("scenario.yaml:9: events[0].alarm_limits.high_rate_bpm: 10 must be above rate_bpm 15"
                        + " (rejected at 10 s, with the settings then in force)");
        assertThat(error(HEAD + "events:\n  - {at_s: 10, alarm_limits: {}}\n").getMessage())
                .startsWith("scenario.yaml:9: events[0].alarm_limits: changes nothing: name at least one of high_pressure_cmh2o,");
    }

    @Test
    void anOperatorActionMustSayTrue() {
        assertThat(error(HEAD + "events:\n  - {at_s: 10, acknowledge: false}\n").getMessage())
                .isEqualTo("scenario.yaml:9: events[0].acknowledge: false does nothing: write acknowledge: true, or leave the event out");
        assertThat(error(HEAD + "events:\n  - {at_s: 10, audio_pause: 120}\n").getMessage())
                .isEqualTo("scenario.yaml:9: events[0].audio_pause: expected true, got the number 120");
        assertThat(error(HEAD + "events:\n  - {at_s: 10, acknowledge: true, alarm: APNEA}\n").getMessage())
                .startsWith("scenario.yaml:9: events[0].alarm: unknown key (allowed here: at_s, acknowledge)");
    }

    @Test
    void aControlFaultTakesNoParametersAndIsClearedOnlyWhenActive() {
        assertThat(error(HEAD + "events:\n  - {at_s: 5, fault: control_stall, sensor: oxygen}\n").getMessage())
                .isEqualTo("scenario.yaml:9: events[0].sensor: unknown key (allowed here: at_s, fault)");
        assertThat(error(HEAD + "events:\n  - {at_s: 5, fault: control_exception}\n  - {at_s: 6, clear: control_stall}\n").getMessage())
                .isEqualTo("scenario.yaml:10: events[1].clear: no control_stall fault is active at 6 s, so there is nothing to clear");
        assertThat(error(HEAD + "events:\n  - {at_s: 5, fault: kink}\n").getMessage())
                .endsWith("o2_supply_loss, valve_stuck, control_stall, control_exception)");
    }

    @Test
    void anOnsetOutsideTheScenarioIsAnError() {
        assertThat(error(HEAD + "onset_s: 30\n").getMessage())
                .isEqualTo("scenario.yaml:8: onset_s: 30 is outside the scenario (0 to below duration_s 30)");
        assertThat(error(HEAD + "onset_s: soon\n").getMessage())
                .isEqualTo("scenario.yaml:8: onset_s: expected a number, got the text \"soon\"");
    }
}
