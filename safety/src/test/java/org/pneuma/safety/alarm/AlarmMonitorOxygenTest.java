package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.alarm.AlarmId.HIGH_FIO2;
import static org.pneuma.safety.alarm.AlarmId.LOW_FIO2;
import static org.pneuma.safety.alarm.AlarmId.O2_SUPPLY_FAILURE;
import static org.pneuma.safety.alarm.MonitorRig.MS;
import static org.pneuma.safety.alarm.MonitorRig.ORIGIN_NS;
import static org.pneuma.safety.alarm.MonitorRig.S;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * HIGH_FIO2 / LOW_FIO2: the 5 s average of the O2 cell outside its limit for 10 s, never in the 30 s
 * after the start or an FiO2 change. O2_SUPPLY_FAILURE: less than half the O2 flow asked of the O2
 * valve (when more than 20 mL/s is asked) for 0.5 s. Default settings: FiO2 40 %, limits 33–47 %.
 */
class AlarmMonitorOxygenTest {
    private final MonitorRig rig = new MonitorRig();

    @Test
    void theDefaultFio2LimitsAreSevenPointsEitherSide() {
        assertThat(rig.limits.highFio2Pct()).isEqualTo(47);
        assertThat(rig.limits.lowFio2Pct()).isEqualTo(33);
    }

    @Test
    void raisesHighFio2TenSecondsAfterTheThirtySecondsOfSettlingNotBefore() {
        rig.sensors.oxygenPercent = 60;

        rig.runMs(39_999);
        assertThat(rig.log.raised(HIGH_FIO2)).as("at 39.998 s").isFalse();
        rig.tick();
        assertThat(rig.log.raised(HIGH_FIO2)).as("at 39.999 s").isFalse();

        rig.tick();
        assertThat(rig.log.firstRaisedAtNs(HIGH_FIO2)).isEqualTo(ORIGIN_NS + 40 * S);
    }

    @Test
    void raisesLowFio2TenSecondsAfterTheThirtySecondsOfSettlingNotBefore() {
        rig.sensors.oxygenPercent = 25;

        long raisedAt = rig.runUntilRaisedMs(LOW_FIO2, 60_000);

        assertThat(raisedAt).isEqualTo(ORIGIN_NS + 40 * S);
    }

    @Test
    void anOxygenCellOutOfLimitsOnlyInTheFirstThirtySecondsRaisesNothing() {
        rig.sensors.oxygenPercent = 80;
        rig.runMs(20_000);
        rig.sensors.oxygenPercent = 40;

        rig.runMs(60_000);

        assertThat(rig.log.raised(HIGH_FIO2)).isFalse();
    }

    @Test
    void afterSettlingAStepOutOfLimitsRaisesTenSecondsAfterTheFiveSecondAverageCrosses() {
        rig.runMs(60_000);
        rig.sensors.oxygenPercent = 60;
        long step = rig.nowNs;

        long raisedAt = rig.runUntilRaisedMs(HIGH_FIO2, 60_000);

        // A 5 s average of a step from 40 to 60 crosses 47 after 5·ln(20/13) = 2.15 s.
        double averageCrossesS = 5 * Math.log(20.0 / 13.0);
        assertThat((raisedAt - step) * 1e-9).isCloseTo(averageCrossesS + 10, Offset.offset(0.01));
    }

    @Test
    void aFiveSecondBurstOfPureOxygenIsAveragedAwayAndRaisesNothing() {
        rig.runMs(60_000);
        rig.sensors.oxygenPercent = 100;
        rig.runMs(1_000);
        rig.sensors.oxygenPercent = 40;

        rig.runMs(60_000);

        assertThat(rig.log.raised(HIGH_FIO2)).isFalse();
    }

    /**
     * How long the 5 s average of a reading stepped from 40 to 60 % for {@code forS}, then back, stays
     * above 47 %: from 5·ln(20/13) s after the step until 5·ln(20·(1 − e^(−forS/5))/7) s after it ends.
     */
    private static double averageAboveFortySevenS(double forS) {
        double rises = 5 * Math.log(20.0 / 13.0);
        double falls = 5 * Math.log(20 * (1 - Math.exp(-forS / 5)) / 7);
        return forS - rises + falls;
    }

    @Test
    void anAverageOutsideTheLimitForLessThanTenSecondsRaisesNothing() {
        assertThat(averageAboveFortySevenS(7.8)).isCloseTo(9.72, Offset.offset(0.01));
        rig.runMs(60_000);
        rig.sensors.oxygenPercent = 60;
        rig.runMs(7_800);
        rig.sensors.oxygenPercent = 40;

        rig.runMs(60_000);

        assertThat(rig.log.raised(HIGH_FIO2)).isFalse();
    }

    @Test
    void theAverageOutsideTheLimitForTenSecondsRaisesEvenWhenTheReadingWasOutsideForLess() {
        assertThat(averageAboveFortySevenS(8.3)).isCloseTo(10.34, Offset.offset(0.01));
        rig.runMs(60_000);
        rig.sensors.oxygenPercent = 60;
        long step = rig.nowNs;
        rig.runMs(8_300);
        rig.sensors.oxygenPercent = 40;

        long raisedAt = rig.runUntilRaisedMs(HIGH_FIO2, 60_000);

        assertThat((raisedAt - step) * 1e-9).isCloseTo(5 * Math.log(20.0 / 13.0) + 10,
                Offset.offset(0.01));
    }

    @Test
    void anFio2JustInsideItsLimitsRaisesNothing() {
        rig.sensors.oxygenPercent = 46.99;
        rig.runMs(60_000);
        rig.sensors.oxygenPercent = 33.01;
        rig.runMs(60_000);

        assertThat(rig.log.raised(HIGH_FIO2)).isFalse();
        assertThat(rig.log.raised(LOW_FIO2)).isFalse();
    }

    @Test
    void anFio2ChangeGivesTheCellAnotherThirtySecondsToSettle() {
        rig.runMs(60_000);
        rig.monitor.changeSettings(rig.settings.toBuilder().fio2(60).build(),
                rig.limits.toBuilder().build());
        rig.sensors.oxygenPercent = 60; // above the old limits, which the test keeps
        long change = rig.lastTickNs;

        long raisedAt = rig.runUntilRaisedMs(HIGH_FIO2, 60_000);

        assertThat(raisedAt - change).isEqualTo(40 * S);
    }

    @Test
    void raisesO2SupplyFailureHalfASecondAfterTheO2StopsArriving() {
        rig.control.oxygenOpening = 0.1; // 300 mL/s asked
        rig.sensors.oxygenFlowMlPerS = 290;
        rig.runMs(1_000);
        rig.sensors.oxygenFlowMlPerS = 149;
        long onset = rig.nowNs;

        rig.runMs(500);
        assertThat(rig.active(O2_SUPPLY_FAILURE)).as("at 0.499 s").isFalse();

        rig.tick();
        assertThat(rig.log.firstRaisedAtNs(O2_SUPPLY_FAILURE)).isEqualTo(onset + 500 * MS);
    }

    @Test
    void halfTheO2AskedForIsEnough() {
        rig.control.oxygenOpening = 0.1;
        rig.sensors.oxygenFlowMlPerS = 150.001;

        rig.runMs(10_000);

        assertThat(rig.log.raised(O2_SUPPLY_FAILURE)).isFalse();
    }

    @Test
    void aShortageOfLessThanHalfASecondRaisesNothing() {
        rig.control.oxygenOpening = 0.1;
        for (int i = 0; i < 20; i++) {
            rig.sensors.oxygenFlowMlPerS = 0;
            rig.runMs(500);
            rig.sensors.oxygenFlowMlPerS = 300;
            rig.tick();
        }

        assertThat(rig.log.raised(O2_SUPPLY_FAILURE)).isFalse();
    }

    @Test
    void askingLessThanTwentyMlPerSecondIsNotJudged() {
        rig.control.oxygenOpening = 0.0065; // 19.5 mL/s
        rig.sensors.oxygenFlowMlPerS = 0;

        rig.runMs(10_000);

        assertThat(rig.log.raised(O2_SUPPLY_FAILURE)).isFalse();
    }

    @Test
    void o2SupplyFailureAddsUpOverBreathsWhoseO2DemandIsShorterThanTheDelay() {
        rig.sensors.oxygenFlowMlPerS = 0;
        for (int breath = 0; breath < 3; breath++) {
            rig.control.oxygenOpening = 0.1;   // 300 mL/s asked for 0.4 s: none arrives
            rig.runMs(400);
            rig.control.oxygenOpening = 0.005; // 15 mL/s: too little to judge
            rig.runMs(1100);
        }

        assertThat(rig.active(O2_SUPPLY_FAILURE)).as("1.2 s of shortage over three breaths").isTrue();
    }

    @Test
    void o2SupplyFailureClearsOverBreathsWhoseO2DemandIsShorterThanTheRestoringDelay() {
        rig.control.oxygenOpening = 0.1;
        rig.sensors.oxygenFlowMlPerS = 0;
        rig.runMs(2000);
        assertThat(rig.active(O2_SUPPLY_FAILURE)).isTrue();

        rig.sensors.oxygenFlowMlPerS = 300;
        for (int breath = 0; breath < 3; breath++) {
            rig.control.oxygenOpening = 0.1;
            rig.runMs(800);
            rig.control.oxygenOpening = 0.005;
            rig.runMs(3200);
        }

        assertThat(rig.active(O2_SUPPLY_FAILURE)).as("2.4 s of full supply over three breaths").isFalse();
    }

    @Test
    void o2SupplyFailureEndsOneSecondAfterTheO2ArrivesAgainAndDoesNotLatch() {
        rig.control.oxygenOpening = 0.1;
        rig.sensors.oxygenFlowMlPerS = 0;
        rig.runMs(501);
        assertThat(rig.active(O2_SUPPLY_FAILURE)).isTrue();
        rig.sensors.oxygenFlowMlPerS = 240.001;
        rig.tick();
        long firstSupplied = rig.lastTickNs;

        rig.runMs(999);
        assertThat(rig.active(O2_SUPPLY_FAILURE)).as("0.999 s after the O2 came back").isTrue();

        rig.tick();
        assertThat(rig.manager.signalling(O2_SUPPLY_FAILURE)).as("1 s after the O2 came back").isFalse();
        assertThat(rig.log.of(O2_SUPPLY_FAILURE).getLast().atNs()).isEqualTo(firstSupplied + S);
    }

    @Test
    void o2SupplyFailureHoldsWhileTheO2ArrivingIsBetweenHalfAndEightyPercent() {
        rig.control.oxygenOpening = 0.1;
        rig.sensors.oxygenFlowMlPerS = 0;
        rig.runMs(501);
        rig.sensors.oxygenFlowMlPerS = 230;

        rig.runMs(10_000);

        assertThat(rig.active(O2_SUPPLY_FAILURE)).isTrue();
    }
}
