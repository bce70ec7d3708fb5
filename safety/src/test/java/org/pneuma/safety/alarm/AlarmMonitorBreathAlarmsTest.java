package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.alarm.AlarmId.DISCONNECTION;
import static org.pneuma.safety.alarm.AlarmId.HIGH_MV;
import static org.pneuma.safety.alarm.AlarmId.HIGH_PEEP;
import static org.pneuma.safety.alarm.AlarmId.HIGH_RATE;
import static org.pneuma.safety.alarm.AlarmId.HIGH_VTE;
import static org.pneuma.safety.alarm.AlarmId.LOW_MV;
import static org.pneuma.safety.alarm.AlarmId.LOW_PEEP;
import static org.pneuma.safety.alarm.AlarmId.LOW_VTE;
import static org.pneuma.safety.alarm.AlarmId.OCCLUSION;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pneuma.safety.breath.BreathPhase;

/**
 * Per-breath alarms, judged on the monitor's own measurement of each breath when the next one begins:
 * raised after exactly two offending breaths in a row, never after one. Default settings (PC-AC,
 * PEEP 5, ΔP 15, 15/min, Vt 500) and their default limits: Vte 250–1000 mL, minute volume 3.75–15
 * L/min, rate 40/min, PEEP 2–10 cmH2O. A normal breath takes and returns 500 mL in 1 + 3 s at 20 cmH2O
 * over a PEEP of 5.
 */
class AlarmMonitorBreathAlarmsTest {
    private static final Set<AlarmId> PER_BREATH = EnumSet.of(
            DISCONNECTION, OCCLUSION, HIGH_VTE, LOW_VTE, HIGH_MV, LOW_MV, HIGH_RATE, HIGH_PEEP, LOW_PEEP);

    private final MonitorRig rig = new MonitorRig();

    @BeforeEach
    void atPeep() {
        rig.phase(BreathPhase.EXPIRATION, 500, 5, 0, 0);
    }

    @Test
    void theDefaultLimitsAreTheOnesTheseBreathsAreMadeFor() {
        assertThat(rig.limits.lowVteMl()).isEqualTo(250);
        assertThat(rig.limits.highVteMl()).isEqualTo(1000);
        assertThat(rig.limits.lowMvLpm()).isEqualTo(3.75);
        assertThat(rig.limits.highMvLpm()).isEqualTo(15);
        assertThat(rig.limits.highRateBpm()).isEqualTo(40);
        assertThat(rig.limits.highPeepCmH2O()).isEqualTo(10);
        assertThat(rig.limits.lowPeepCmH2O()).isEqualTo(2);
    }

    /** The offending breath of each alarm. */
    static Stream<Arguments> offendingBreaths() {
        return Stream.of(
                Arguments.of(DISCONNECTION, "nothing comes back and no pressure builds",
                        (Consumer<MonitorRig>) r -> r.breath(1_000, 0, 500, 3_000, 0, 0)),
                Arguments.of(OCCLUSION, "cannot exhale: end-expiratory pressure PEEP + 6",
                        (Consumer<MonitorRig>) r -> r.breath(1_000, 20, 500, 3_000, 11, 500)),
                Arguments.of(HIGH_VTE, "1100 mL",
                        (Consumer<MonitorRig>) r -> r.breath(1_000, 20, 1_100, 3_000, 5, 1_100)),
                Arguments.of(LOW_VTE, "200 mL",
                        (Consumer<MonitorRig>) r -> r.breath(1_000, 20, 200, 3_000, 5, 200)),
                Arguments.of(HIGH_MV, "700 mL at 30/min: 21 L/min",
                        (Consumer<MonitorRig>) r -> r.breath(500, 20, 700, 1_500, 5, 700)),
                Arguments.of(LOW_MV, "300 mL at 10/min: 3 L/min",
                        (Consumer<MonitorRig>) r -> r.breath(1_000, 20, 300, 5_000, 5, 300)),
                Arguments.of(HIGH_RATE, "48/min",
                        (Consumer<MonitorRig>) r -> r.breath(400, 20, 300, 850, 5, 300)),
                Arguments.of(HIGH_PEEP, "PEEP 10.5",
                        (Consumer<MonitorRig>) r -> r.breath(1_000, 20, 500, 3_000, 10.5, 500)),
                Arguments.of(LOW_PEEP, "PEEP 1.5",
                        (Consumer<MonitorRig>) r -> r.breath(1_000, 20, 500, 3_000, 1.5, 500)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("offendingBreaths")
    void raisedWhenTheSecondOffendingBreathInARowEnds(AlarmId id, String what, Consumer<MonitorRig> offending) {
        offending.accept(rig);
        offending.accept(rig);
        assertThat(rig.log.raised(id)).as("before the second breath is judged").isFalse();

        rig.judgeLastBreath();

        assertThat(rig.active(id)).isTrue();
        assertThat(rig.log.firstRaisedAtNs(id)).as("when the third breath begins").isEqualTo(rig.lastTickNs);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("offendingBreaths")
    void oneOffendingBreathAtATimeIsNeverRaised(AlarmId id, String what, Consumer<MonitorRig> offending) {
        for (int i = 0; i < 4; i++) {
            offending.accept(rig);
            rig.normalBreath();
        }
        rig.judgeLastBreath();

        assertThat(rig.log.raised(id)).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("offendingBreaths")
    void clearsWhenABreathNoLongerOffends(AlarmId id, String what, Consumer<MonitorRig> offending) {
        offending.accept(rig);
        offending.accept(rig);
        rig.normalBreath();
        for (int i = 0; i < 8; i++) rig.normalBreath();
        rig.judgeLastBreath();

        assertThat(rig.active(id)).isFalse();
        assertThat(rig.manager.signalling(id)).as("latching").isEqualTo(id.latching());
    }

    @Test
    void normalBreathsRaiseNoPerBreathAlarm() {
        for (int i = 0; i < 20; i++) rig.normalBreath();
        rig.judgeLastBreath();

        assertThat(rig.log.entries).noneMatch(e -> PER_BREATH.contains(e.id()));
        assertThat(rig.monitor.lastBreath().number).isEqualTo(20);
    }

    @Test
    void breathsJustInsideTheHighLimitsRaiseNothing() {
        for (int i = 0; i < 10; i++) rig.breath(1_000, 20, 990, 3_000, 9.9, 990); // 14.85 L/min
        for (int i = 0; i < 10; i++) rig.breath(500, 20, 300, 1_038, 5, 300); // 39.0/min
        rig.judgeLastBreath();

        assertThat(rig.log.entries).noneMatch(e -> PER_BREATH.contains(e.id()));
    }

    @Test
    void breathsJustInsideTheLowLimitsRaiseNothing() {
        for (int i = 0; i < 10; i++) rig.breath(1_000, 20, 260, 3_000, 2.1, 260); // 3.9 L/min

        rig.judgeLastBreath();

        assertThat(rig.log.entries).noneMatch(e -> PER_BREATH.contains(e.id()));
    }

    @Test
    void aBreathWhoseVolumeComesBackPartlyIsNoDisconnection() {
        rig.normalBreath();
        rig.normalBreath();
        for (int i = 0; i < 4; i++) rig.breath(1_000, 0, 500, 3_000, 0, 80); // 16 % back

        rig.judgeLastBreath();

        assertThat(rig.log.raised(DISCONNECTION)).isFalse();
    }

    @Test
    void aBreathThatBuildsPressureIsNoDisconnection() {
        // PEEP + half the 15 cmH2O swing: 12.5 cmH2O is pressure building.
        for (int i = 0; i < 4; i++) rig.breath(1_000, 12.5, 500, 3_000, 5, 0);

        rig.judgeLastBreath();

        assertThat(rig.log.raised(DISCONNECTION)).isFalse();
    }

    @Test
    void aDisconnectionAfterNormalBreathsIsRaisedAfterTwoBreaths() {
        for (int i = 0; i < 5; i++) rig.normalBreath();
        rig.breath(1_000, 0, 500, 3_000, 0, 0);
        rig.breath(1_000, 0, 500, 3_000, 0, 0);

        rig.judgeLastBreath();

        assertThat(rig.active(DISCONNECTION)).isTrue();
    }

    @Test
    void breathsThatTakeAlmostNoVolumeAtFullPressureAreAnOcclusion() {
        for (int i = 0; i < 3; i++) rig.normalBreath();
        rig.breath(1_000, 20, 90, 3_000, 5, 90); // 18 % of the usual 500 mL at PEEP + ΔP
        assertThat(rig.log.raised(OCCLUSION)).isFalse();
        rig.breath(1_000, 20, 90, 3_000, 5, 90);

        rig.judgeLastBreath();

        assertThat(rig.active(OCCLUSION)).isTrue();
    }

    @Test
    void smallBreathsThatDoNotReachFullPressureAreNoOcclusion() {
        for (int i = 0; i < 3; i++) rig.normalBreath();
        for (int i = 0; i < 4; i++) rig.breath(1_000, 17.9, 90, 3_000, 5, 90); // below PEEP + ΔP − 2

        rig.judgeLastBreath();

        assertThat(rig.log.raised(OCCLUSION)).isFalse();
    }

    @Test
    void breathsOfAFifthOfTheUsualVolumeAreNoOcclusion() {
        for (int i = 0; i < 3; i++) rig.normalBreath();
        for (int i = 0; i < 4; i++) rig.breath(1_000, 20, 105, 3_000, 5, 105); // 21 %

        rig.judgeLastBreath();

        assertThat(rig.log.raised(OCCLUSION)).isFalse();
    }

    @Test
    void endExpiratoryPressureOfPeepPlusFiveIsNoOcclusion() {
        for (int i = 0; i < 4; i++) rig.breath(1_000, 20, 500, 3_000, 9.9, 500);

        rig.judgeLastBreath();

        assertThat(rig.log.raised(OCCLUSION)).isFalse();
    }

    @Test
    void breathsAreNotJudgedAfterAControlFailure() {
        rig.normalBreath();
        rig.control.throwing = true;
        rig.tick();
        rig.control.throwing = false;
        for (int i = 0; i < 5; i++) rig.breath(1_000, 20, 1_100, 3_000, 5, 1_100);

        assertThat(rig.log.raised(HIGH_VTE)).isFalse();
        assertThat(rig.monitor.lastBreath().number).isZero();
    }
}
