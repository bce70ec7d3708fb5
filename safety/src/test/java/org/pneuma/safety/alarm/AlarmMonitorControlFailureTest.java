package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.alarm.AlarmId.CONTROL_FAILURE;
import static org.pneuma.safety.alarm.MonitorRig.MS;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathPhase;

/**
 * The monitor raises CONTROL_FAILURE when the control step stalls, throws or commands something
 * implausible, and from that tick on holds the valve command in the safe state: safety valve open to
 * ambient, inspiratory valves shut, expiratory pilot 0.
 */
class AlarmMonitorControlFailureTest {
    private final MonitorRig rig = new MonitorRig();

    private void assertSafeState(ValveCommand c) {
        assertThat(c.safetyValveOpen).as("safety valve open").isTrue();
        assertThat(c.airOpening).as("air valve").isZero();
        assertThat(c.oxygenOpening).as("O2 valve").isZero();
        assertThat(c.expiratoryPilotCmH2O).as("expiratory pilot").isZero();
    }

    @Test
    void aWellBehavedControlStepKeepsItsCommandAndRaisesNothing() {
        rig.control.phase = BreathPhase.INSPIRATION;
        rig.control.airOpening = 0.4;
        rig.control.expiratoryPilotCmH2O = 21;

        rig.runMs(1_000);

        assertThat(rig.active(CONTROL_FAILURE)).isFalse();
        assertThat(rig.monitor.controlFailed()).isFalse();
        assertThat(rig.command.airOpening).isEqualTo(0.4);
        assertThat(rig.command.expiratoryPilotCmH2O).isEqualTo(21);
        assertThat(rig.command.safetyValveOpen).isFalse();
    }

    @Test
    void aStalledHeartbeatRaisesControlFailureExactlyTwentyMsAfterTheLastBeatAndPutsTheSafeState() {
        rig.control.phase = BreathPhase.INSPIRATION;
        rig.control.airOpening = 0.5;
        rig.runMs(100);
        long lastBeat = rig.lastTickNs;
        rig.control.stalled = true;

        rig.runMs(19);
        assertThat(rig.active(CONTROL_FAILURE)).as("19 ms after the last beat").isFalse();
        assertThat(rig.command.airOpening).as("the stale command stands until then").isEqualTo(0.5);

        rig.tick();
        assertThat(rig.lastTickNs - lastBeat).isEqualTo(20 * MS);
        assertThat(rig.active(CONTROL_FAILURE)).as("20 ms after the last beat").isTrue();
        assertThat(rig.log.firstRaisedAtNs(CONTROL_FAILURE)).isEqualTo(lastBeat + 20 * MS);
        assertSafeState(rig.command);
    }

    @Test
    void aThrowRaisesControlFailureOnThatTickWithTheSafeState() {
        rig.runMs(100);
        rig.control.throwing = true;
        rig.control.airOpening = 1; // written before the throw: half a command must not reach the valves

        rig.tick();

        assertThat(rig.active(CONTROL_FAILURE)).isTrue();
        assertThat(rig.log.firstRaisedAtNs(CONTROL_FAILURE)).isEqualTo(rig.lastTickNs);
        assertSafeState(rig.command);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"air NaN", "oxygen 1.5", "pilot 121", "safety valve"})
    void anImplausibleCommandForFiveMsRaisesControlFailureWithTheSafeState(String what) {
        rig.runMs(100);
        spoil(what);

        rig.runMs(5);
        assertThat(rig.active(CONTROL_FAILURE)).as("after 4 ms of %s", what).isFalse();

        rig.tick();
        assertThat(rig.active(CONTROL_FAILURE)).as("after 5 ms of %s", what).isTrue();
        assertSafeState(rig.command);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"air NaN", "oxygen 1.5", "pilot 121", "safety valve"})
    void aSingleImplausibleTickRaisesNothing(String what) {
        rig.runMs(100);
        spoil(what);
        rig.tick();
        rig.control.airOpening = 0.1;
        rig.control.oxygenOpening = 0;
        rig.control.expiratoryPilotCmH2O = 5;
        rig.control.safetyValveOpen = false;

        rig.runMs(1_000);

        assertThat(rig.log.raised(CONTROL_FAILURE)).isFalse();
    }

    private void spoil(String what) {
        switch (what) {
            case "air NaN" -> rig.control.airOpening = Double.NaN;
            case "oxygen 1.5" -> rig.control.oxygenOpening = 1.5;
            case "pilot 121" -> rig.control.expiratoryPilotCmH2O = 121;
            case "safety valve" -> rig.control.safetyValveOpen = true;
            default -> throw new IllegalArgumentException(what);
        }
    }

    @Test
    void onceFailedTheControlStepStaysFailedAndTheSafeStateIsHeldEveryTick() {
        rig.runMs(100);
        rig.control.throwing = true;
        rig.tick();
        rig.control.throwing = false;
        rig.control.phase = BreathPhase.INSPIRATION;
        rig.control.airOpening = 0.6;

        for (int i = 0; i < 5_000; i++) {
            rig.tick();
            assertSafeState(rig.command);
        }
        assertThat(rig.active(CONTROL_FAILURE)).isTrue();
        assertThat(rig.monitor.controlFailed()).isTrue();
        assertThat(rig.log.eventsOf(CONTROL_FAILURE)).containsExactly(AlarmListener.Event.RAISED);
    }

    @Test
    void acknowledgingAControlFailureSilencesItButTheConditionAndTheSafeStateRemain() {
        rig.control.throwing = true;
        rig.tick();

        rig.manager.acknowledge(rig.nowNs);
        rig.runMs(1_000);

        assertThat(rig.manager.audible(rig.nowNs)).isNull();
        assertThat(rig.manager.signalling(CONTROL_FAILURE)).isTrue();
        assertSafeState(rig.command);
    }
}
