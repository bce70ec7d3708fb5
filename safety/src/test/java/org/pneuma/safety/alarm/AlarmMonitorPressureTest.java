package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.alarm.AlarmId.CONTINUOUS_PRESSURE;
import static org.pneuma.safety.alarm.AlarmId.HIGH_PRESSURE;
import static org.pneuma.safety.alarm.MonitorRig.S;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pneuma.safety.breath.BreathPhase;

/**
 * HIGH_PRESSURE (raised on the tick the pressure reaches the limit, cleared 3 cmH2O below it; ends
 * the inspiration at once and relieves to PEEP, and opens the safety valve if that has not brought
 * the pressure down within 200 ms) and CONTINUOUS_PRESSURE (above PEEP + 15 cmH2O without a break for
 * 15 s). Default settings: PEEP 5, ΔP 15, high-pressure limit 30 cmH2O.
 */
class AlarmMonitorPressureTest {
    private final MonitorRig rig = new MonitorRig();

    @BeforeEach
    void inspiring() {
        rig.runMs(100);
        rig.control.phase = BreathPhase.INSPIRATION;
        rig.control.airOpening = 0.4;
        rig.control.oxygenOpening = 0;
        rig.control.expiratoryPilotCmH2O = 21;
        rig.runMs(100);
        assertThat(rig.limits.highPressureCmH2O()).isEqualTo(30);
    }

    @Test
    void raisesHighPressureOnTheFirstTickThePressureReachesTheLimitAndOverrulesTheInspiration() {
        rig.sensors.dither = false;
        rig.sensors.pressure(30);

        rig.tick();

        assertThat(rig.active(HIGH_PRESSURE)).isTrue();
        assertThat(rig.log.firstRaisedAtNs(HIGH_PRESSURE)).isEqualTo(rig.lastTickNs);
        assertThat(rig.command.airOpening).isZero();
        assertThat(rig.command.oxygenOpening).isZero();
        assertThat(rig.command.expiratoryPilotCmH2O).as("relief to PEEP").isEqualTo(5);
        assertThat(rig.command.safetyValveOpen).as("a relief, not the safe state").isFalse();
    }

    @Test
    void aPressureJustBelowTheLimitRaisesNothingAndLeavesTheInspirationAlone() {
        rig.sensors.pressure(29.99);

        rig.runMs(10_000);

        assertThat(rig.log.raised(HIGH_PRESSURE)).isFalse();
        assertThat(rig.command.airOpening).isEqualTo(0.4);
        assertThat(rig.command.expiratoryPilotCmH2O).isEqualTo(21);
    }

    @Test
    void aSingleTickAtTheLimitIsEnough() {
        rig.sensors.pressure(31);
        rig.tick();
        rig.sensors.pressure(20);
        rig.tick();

        assertThat(rig.log.eventsOf(HIGH_PRESSURE)).containsExactly(AlarmListener.Event.RAISED, AlarmListener.Event.CLEARED);
        assertThat(rig.manager.signalling(HIGH_PRESSURE)).as("latched").isTrue();
    }

    @Test
    void theReliefHoldsUntilTheControlStepReportsExpirationThenTheControlStepHasTheValvesBack() {
        rig.sensors.pressure(31);
        rig.tick();
        rig.sensors.pressure(20);

        rig.runMs(500);
        assertThat(rig.command.airOpening).as("still inspiring by the control step's clock").isZero();
        assertThat(rig.command.expiratoryPilotCmH2O).isEqualTo(5);

        rig.control.phase = BreathPhase.EXPIRATION;
        rig.control.airOpening = 0.05;
        rig.control.expiratoryPilotCmH2O = 5.5;
        rig.tick();

        assertThat(rig.command.airOpening).isEqualTo(0.05);
        assertThat(rig.command.expiratoryPilotCmH2O).isEqualTo(5.5);

        rig.control.phase = BreathPhase.INSPIRATION;
        rig.control.airOpening = 0.4;
        rig.control.expiratoryPilotCmH2O = 21;
        rig.tick();
        assertThat(rig.command.airOpening).as("the next breath is the control step's").isEqualTo(0.4);
    }

    @Test
    void highPressureLatchesAfterThePressureFalls() {
        rig.sensors.pressure(31);
        rig.tick();
        rig.sensors.pressure(20);
        rig.runMs(10);

        assertThat(rig.active(HIGH_PRESSURE)).isFalse();
        assertThat(rig.manager.signalling(HIGH_PRESSURE)).isTrue();
    }

    @Test
    void aNewLimitTakesEffectWithNewSettings() {
        rig.monitor.changeSettings(rig.settings, rig.limits.toBuilder().highPressure(25).build());
        rig.sensors.pressure(25.5);

        rig.tick();

        assertThat(rig.active(HIGH_PRESSURE)).isTrue();
    }

    @Test
    void raisesContinuousPressureAfterFifteenSecondsAbovePeepPlusFifteen() {
        rig.sensors.pressure(20.5);
        rig.tick();
        long onset = rig.lastTickNs;

        rig.runMs(14_999);
        assertThat(rig.active(CONTINUOUS_PRESSURE)).as("at 14.999 s").isFalse();

        rig.tick();
        assertThat(rig.active(CONTINUOUS_PRESSURE)).as("at 15 s").isTrue();
        assertThat(rig.log.firstRaisedAtNs(CONTINUOUS_PRESSURE)).isEqualTo(onset + 15 * S);
    }

    @Test
    void aBreakInTheContinuousPressureRestartsTheFifteenSeconds() {
        rig.sensors.pressure(20.5);
        rig.runMs(10_000);
        rig.sensors.pressure(19.5);
        rig.tick();
        rig.sensors.pressure(20.5);
        rig.tick();
        long onset = rig.lastTickNs;

        rig.runMs(14_999);
        assertThat(rig.log.raised(CONTINUOUS_PRESSURE)).isFalse();

        rig.tick();
        assertThat(rig.log.firstRaisedAtNs(CONTINUOUS_PRESSURE)).isEqualTo(onset + 15 * S);
    }

    @Test
    void pressureHeldJustUnderPeepPlusFifteenRaisesNoContinuousPressure() {
        rig.sensors.pressure(19.99);

        rig.runMs(60_000);

        assertThat(rig.log.raised(CONTINUOUS_PRESSURE)).isFalse();
    }

    @Test
    void continuousPressureIsJudgedAgainstTheCurrentPeep() {
        rig.monitor.changeSettings(rig.settings.toBuilder().peep(10).build(), rig.limits);
        rig.sensors.pressure(24);

        rig.runMs(20_000);

        assertThat(rig.log.raised(CONTINUOUS_PRESSURE)).isFalse();
        assertThat(rig.command.airOpening).as("no relief below the high-pressure limit").isEqualTo(0.4);
    }

    @Test
    void continuousPressureClearsWhenThePressureFallsButItsSignalLatches() {
        rig.sensors.pressure(20.5);
        rig.runMs(15_001);
        rig.sensors.pressure(5);
        rig.tick();

        assertThat(rig.active(CONTINUOUS_PRESSURE)).isFalse();
        assertThat(rig.manager.signalling(CONTINUOUS_PRESSURE)).isTrue();
    }

    @Test
    void aPressureTheReliefDoesNotBringDownWithin200MsOpensTheSafetyValveUntilNearPeepAndTheNextBreath() {
        rig.sensors.pressure(35);
        rig.tick();
        long raised = rig.lastTickNs;
        rig.runMs(199);
        assertThat(rig.lastTickNs - raised).isEqualTo(199 * MonitorRig.MS);
        assertThat(rig.command.safetyValveOpen).as("199 ms into the relief").isFalse();

        rig.tick();
        assertThat(rig.command.safetyValveOpen).as("200 ms into the relief").isTrue();
        assertThat(rig.command.airOpening).isZero();
        assertThat(rig.command.oxygenOpening).isZero();

        rig.sensors.pressure(6.5);
        rig.runMs(100);
        rig.control.phase = BreathPhase.EXPIRATION;
        rig.runMs(3_000);
        assertThat(rig.command.safetyValveOpen).as("near PEEP, but no new breath yet").isTrue();

        rig.control.phase = BreathPhase.INSPIRATION;
        rig.tick();
        assertThat(rig.command.safetyValveOpen).as("the next breath").isFalse();
        assertThat(rig.command.airOpening).isEqualTo(0.4);
    }

    @Test
    void theSafetyValveStaysOpenIntoTheNextBreathWhileThePressureIsNotBackNearPeep() {
        rig.sensors.pressure(35);
        rig.runMs(201);
        rig.sensors.pressure(7.5); // 2.5 cmH2O above PEEP
        rig.control.phase = BreathPhase.EXPIRATION;
        rig.runMs(1_000);
        rig.control.phase = BreathPhase.INSPIRATION;

        rig.runMs(100);

        assertThat(rig.command.safetyValveOpen).isTrue();
    }

    @Test
    void highPressureClearsOnlyThreeCmH2OBelowTheLimit() {
        rig.sensors.pressure(31);
        rig.tick();
        rig.sensors.pressure(27.5);
        rig.runMs(100);
        assertThat(rig.active(HIGH_PRESSURE)).as("at 27.5 cmH2O").isTrue();

        rig.sensors.pressure(26.5);
        rig.tick();
        assertThat(rig.active(HIGH_PRESSURE)).as("at 26.5 cmH2O").isFalse();
    }

    @Test
    void continuousPressureOpensTheSafetyValve() {
        rig.sensors.pressure(20.5);
        rig.runMs(15_000);
        assertThat(rig.command.safetyValveOpen).as("at 14.999 s").isFalse();

        rig.tick();

        assertThat(rig.command.safetyValveOpen).isTrue();
        assertThat(rig.command.airOpening).isZero();
    }
}
