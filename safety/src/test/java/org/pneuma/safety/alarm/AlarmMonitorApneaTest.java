package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.alarm.AlarmId.APNEA;
import static org.pneuma.safety.alarm.MonitorRig.S;

import org.junit.jupiter.api.Test;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.VentilationSettings;

/** APNEA: no breath other than a backup breath began for apnea_s (20 s by default). */
class AlarmMonitorApneaTest {
    private final MonitorRig rig = new MonitorRig(VentilationSettings.DEFAULTS.toBuilder().mode(Mode.PSV).build());

    @Test
    void raisesApneaTwentySecondsAfterTheStartWithoutABreath() {
        rig.runMs(20_000);
        assertThat(rig.active(APNEA)).as("at 19.999 s").isFalse();

        rig.tick();

        assertThat(rig.active(APNEA)).as("at 20 s").isTrue();
        assertThat(rig.log.firstRaisedAtNs(APNEA)).isEqualTo(MonitorRig.ORIGIN_NS + 20 * S);
    }

    @Test
    void raisesApneaTwentySecondsAfterTheLastBreathBegan() {
        rig.runMs(5_000);
        long breathBegan = rig.nowNs;
        rig.phase(BreathPhase.INSPIRATION, 1_000, 15, 400, 0);
        rig.phase(BreathPhase.EXPIRATION, 1, 5, 0, 0);

        long raisedAt = rig.runUntilRaisedMs(APNEA, 60_000);

        assertThat(raisedAt - breathBegan).isEqualTo(20 * S);
    }

    @Test
    void aBreathEveryNineteenSecondsRaisesNoApnea() {
        for (int i = 0; i < 10; i++) {
            rig.phase(BreathPhase.EXPIRATION, 18_000, 5, 0, 100);
            rig.phase(BreathPhase.INSPIRATION, 1_000, 15, 400, 0);
        }

        assertThat(rig.log.raised(APNEA)).isFalse();
    }

    @Test
    void backupBreathsDoNotEndAnApnea() {
        rig.runMs(20_001);
        assertThat(rig.active(APNEA)).isTrue();
        rig.control.backup = true;

        for (int i = 0; i < 10; i++) {
            rig.phase(BreathPhase.INSPIRATION, 1_000, 20, 500, 0);
            rig.phase(BreathPhase.EXPIRATION, 3_000, 5, 0, 500 / 3.0);
        }

        assertThat(rig.active(APNEA)).isTrue();
        assertThat(rig.log.eventsOf(APNEA)).containsExactly(AlarmListener.Event.RAISED);
    }

    @Test
    void backupBreathsFromTheStartDoNotPreventApnea() {
        rig.control.backup = true;
        for (int i = 0; i < 8; i++) {
            rig.phase(BreathPhase.INSPIRATION, 1_000, 20, 500, 0);
            rig.phase(BreathPhase.EXPIRATION, 3_000, 5, 0, 500 / 3.0);
        }

        assertThat(rig.log.firstRaisedAtNs(APNEA)).isEqualTo(MonitorRig.ORIGIN_NS + 20 * S);
    }

    @Test
    void thePatientsOwnBreathClearsApneaButItsSignalLatches() {
        rig.runMs(20_001);
        rig.control.backup = false;

        rig.phase(BreathPhase.INSPIRATION, 1, 15, 400, 0);

        assertThat(rig.active(APNEA)).isFalse();
        assertThat(rig.manager.signalling(APNEA)).isTrue();
    }

    @Test
    void theApneaIntervalComesFromTheSettings() {
        VentilationSettings.Builder eightSeconds = rig.settings.toBuilder();
        eightSeconds.apneaS = 8;
        rig.monitor.changeSettings(eightSeconds.build(), rig.limits);

        long raisedAt = rig.runUntilRaisedMs(APNEA, 60_000);

        assertThat(raisedAt).isEqualTo(MonitorRig.ORIGIN_NS + 8 * S);
    }
}
