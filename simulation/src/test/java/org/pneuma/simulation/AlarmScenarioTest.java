package org.pneuma.simulation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pneuma.hal.Indicator.LampColour;
import org.pneuma.plant.SimulatedIndicator;
import org.pneuma.plant.SimulatedSounder;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.alarm.AlarmSignalGenerator;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioLoader;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The alarm system as a scenario sees it, on the whole partition and plant: control-step failures end
 * in CONTROL_FAILURE and the safe state, audio pause, latching and acknowledge, checked on the alarm
 * log and on the sounder's and light's recorded edges.
 */
class AlarmScenarioTest {
    /** The bound from a control-step fault to CONTROL_FAILURE and the safe state. */
    private static final double SAFE_STATE_WITHIN_S = 0.050;

    static Scenario scenario(double durationS, String events) throws Exception {
        return ScenarioLoader.parse("""
                name: alarm test
                duration_s: %s
                seed: 3
                patient: {compliance_ml_per_cmh2o: 50, resistance_cmh2o_s_per_l: 10}
                settings: {mode: pc_ac, peep_cmh2o: 5, dp_cmh2o: 15, rate_bpm: 15, ti_s: 1, fio2_pct: 40}
                events:
                %s""".formatted(durationS, events.indent(2)), "alarm-test.yaml");
    }

    static List<AlarmRecord> raises(SimulationResult r, AlarmId id) {
        return r.alarms().stream().filter(a -> a.id() == id).toList();
    }

    /** The sounder's pulse starts in [fromS, toS). */
    static List<SimulatedSounder.Edge> sounderOnEdges(ScenarioRunner runner, double fromS, double toS) {
        return runner.sounder().edges().stream().filter(e -> e.on() && e.atNs() >= fromS * 1e9 && e.atNs() < toS * 1e9).toList();
    }

    /** The light's colour changes in [fromS, toS). */
    static List<SimulatedIndicator.Edge> lightEdges(ScenarioRunner runner, double fromS, double toS) {
        return runner.indicator().edges().stream().filter(e -> e.atNs() >= fromS * 1e9 && e.atNs() < toS * 1e9).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"control_stall", "control_exception"})
    void aFailingControlStepEndsInControlFailureAndTheSafeStateWithinFiftyMillisecondsAndTheAlarmKeepsSounding(String fault)
            throws Exception {
        double faultS = 10.3;
        ScenarioRunner runner = ScenarioRunner.recording(scenario(40, "- {at_s: %s, fault: %s}\n".formatted(faultS, fault)));
        SimulationResult r = runner.run();

        assertThat(raises(r, AlarmId.CONTROL_FAILURE)).singleElement().satisfies(a -> {
            assertThat(a.raisedAtS()).isBetween(faultS, faultS + SAFE_STATE_WITHIN_S);
            assertThat(a.clearedAtS()).as("a failed control step is never trusted again").isNull();
        });
        assertThat(r.safeStateAtS()).isNotNull().isBetween(faultS, faultS + SAFE_STATE_WITHIN_S);
        assertThat(runner.plant().safetyValveOpen()).as("still in the safe state at the end").isTrue();
        assertThat(r.alarms()).as("nothing before the fault").allSatisfy(a -> assertThat(a.raisedAtS()).isGreaterThanOrEqualTo(faultS));
        // HIGH bursts repeat every 8 s: pulses still start well after the first burst is over.
        double lateS = faultS + 2.0 * AlarmSignalGenerator.HIGH_BURST_REPEAT_MS / 1000;
        assertThat(sounderOnEdges(runner, lateS, r.durationS())).isNotEmpty();
        assertThat(sounderOnEdges(runner, 0, faultS)).isEmpty();
    }

    @Test
    void clearingAControlStallDoesNotBringTheControlStepBack() throws Exception {
        ScenarioRunner runner = ScenarioRunner.recording(scenario(20, """
                - {at_s: 5.2, fault: control_stall}
                - {at_s: 8, clear: control_stall}
                """));
        SimulationResult r = runner.run();

        assertThat(raises(r, AlarmId.CONTROL_FAILURE)).singleElement()
                .satisfies(a -> assertThat(a.clearedAtS()).isNull());
        assertThat(runner.plant().safetyValveOpen()).isTrue();
        assertThat(runner.partition().monitor().controlFailed()).isTrue();
        assertThat(r.breaths()).as("no breath is delivered after the stall").allSatisfy(b -> assertThat(b.startS()).isLessThan(5.2));
        assertThat(r.events()).contains(new AppliedEvent(8, "clear",
                "control_stall (the failed control step is not trusted again: the safe state stays)"));
    }

    @Test
    void aNewAlarmEndsAnAudioPause() throws Exception {
        // A frozen O2 reading raises SENSOR_FAULT (HIGH, technical: it sounds while the sensor is stuck);
        // the operator pauses the sound; then the control step throws, a new alarm.
        ScenarioRunner runner = ScenarioRunner.recording(scenario(20, """
                - {at_s: 3, fault: sensor_stuck, sensor: oxygen}
                - {at_s: 6, audio_pause: true}
                - {at_s: 12, fault: control_exception}
                """));
        SimulationResult r = runner.run();

        assertThat(raises(r, AlarmId.SENSOR_FAULT)).singleElement().satisfies(a -> assertThat(a.raisedAtS()).isLessThan(6));
        assertThat(r.alarms()).as("no other alarm comes during the pause").noneMatch(a -> a.raisedAtS() > 6 && a.raisedAtS() < 12);
        assertThat(sounderOnEdges(runner, 3, 6)).as("sounding before the pause").isNotEmpty();
        assertThat(sounderOnEdges(runner, 6, 12)).as("silent during the pause").isEmpty();
        assertThat(runner.sounder().edges().stream().filter(e -> e.atNs() / 1e9 <= 6.0005).toList().getLast().on())
                .as("the sound stops on the pause").isFalse();

        double newAlarmS = raises(r, AlarmId.CONTROL_FAILURE).getFirst().raisedAtS();
        assertThat(sounderOnEdges(runner, 12, r.durationS())).first()
                .satisfies(e -> assertThat(e.atNs() / 1e9).as("first pulse after the new alarm").isEqualTo(newAlarmS));
    }

    @Test
    void aLatchedHighAlarmSignalsAfterItsConditionClearsUntilAcknowledged() throws Exception {
        ScenarioRunner runner = ScenarioRunner.recording(scenario(70, """
                - {at_s: 21.5, fault: disconnection}
                - {at_s: 41.5, clear: disconnection}
                - {at_s: 60, acknowledge: true}
                """));
        SimulationResult r = runner.run();

        AlarmRecord disconnection = raises(r, AlarmId.DISCONNECTION).getFirst();
        assertThat(disconnection.clearedAtS()).as("the condition ends after reconnection").isBetween(41.5, 50.0);
        assertThat(disconnection.acknowledgedAtS()).isEqualTo(60);
        assertThat(disconnection.signalEndedAtS()).as("the signal outlasts the condition up to the acknowledge").isEqualTo(60);
        assertThat(r.alarms()).as("every other alarm is over before the acknowledge")
                .filteredOn(a -> a.id() != AlarmId.DISCONNECTION)
                .allSatisfy(a -> assertThat(a.signalEndedAtS()).isNotNull().isLessThan(59.0));

        // Between the last other alarm's end and the acknowledge only DISCONNECTION signals: red flashing.
        double quietS = r.alarms().stream().filter(a -> a.id() != AlarmId.DISCONNECTION)
                .mapToDouble(AlarmRecord::signalEndedAtS).max().orElse(disconnection.clearedAtS());
        assertThat(lightEdges(runner, Math.max(quietS, disconnection.clearedAtS()), 60))
                .isNotEmpty().allSatisfy(e -> assertThat(e.colour()).isIn(LampColour.RED, LampColour.OFF));
        assertThat(sounderOnEdges(runner, Math.max(quietS, disconnection.clearedAtS()), 60)).isNotEmpty();
        // After the acknowledge: dark and silent.
        assertThat(lightEdges(runner, 60.001, 70)).isEmpty();
        assertThat(runner.indicator().colour()).isEqualTo(LampColour.OFF);
        assertThat(sounderOnEdges(runner, 60, 70)).isEmpty();
    }

    @Test
    void acknowledgingAnActiveAlarmSilencesTheSounderButTheLightKeepsFlashing() throws Exception {
        ScenarioRunner runner = ScenarioRunner.recording(scenario(25, """
                - {at_s: 3, fault: sensor_stuck, sensor: oxygen}
                - {at_s: 10, acknowledge: true}
                """));
        SimulationResult r = runner.run();

        assertThat(r.alarms()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(AlarmId.SENSOR_FAULT);
            assertThat(a.acknowledgedAtS()).isEqualTo(10);
            assertThat(a.clearedAtS()).as("the sensor is still stuck").isNull();
            assertThat(a.signalEndedAtS()).as("the alarm still shows").isNull();
        });
        assertThat(sounderOnEdges(runner, 3, 10)).isNotEmpty();
        assertThat(sounderOnEdges(runner, 10, 25)).isEmpty();
        assertThat(runner.sounder().isOn()).isFalse();
        // HIGH: red, on for 250 ms in every 500 ms, from before the acknowledge to the end.
        List<SimulatedIndicator.Edge> after = lightEdges(runner, 10, 25);
        assertThat(after).hasSizeGreaterThanOrEqualTo((int) (14 * 1000 / AlarmSignalGenerator.HIGH_FLASH_PERIOD_MS * 2))
                .allSatisfy(e -> assertThat(e.colour()).isIn(LampColour.RED, LampColour.OFF));
    }

    @Test
    void theAlarmLogRecordsWhenAnAlarmClearsAndItsSignalEnds() throws Exception {
        // SENSOR_FAULT is technical: it does not latch, so its signal ends with its condition.
        SimulationResult r = ScenarioRunner.recording(scenario(15, """
                - {at_s: 3, fault: sensor_stuck, sensor: oxygen}
                - {at_s: 8, clear: sensor_stuck}
                """)).run();

        assertThat(r.alarms()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(AlarmId.SENSOR_FAULT);
            assertThat(a.raisedAtS()).isCloseTo(3.25, within(0.002));
            assertThat(a.clearedAtS()).isCloseTo(8, within(0.002));
            assertThat(a.signalEndedAtS()).isEqualTo(a.clearedAtS());
            assertThat(a.acknowledgedAtS()).isNull();
        });
        assertThat(r.signals().sounderEdges()).isPositive();
        assertThat(r.signals().indicatorEdges()).isPositive();
    }
}
