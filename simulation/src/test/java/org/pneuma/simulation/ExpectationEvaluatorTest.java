package org.pneuma.simulation;

import org.junit.jupiter.api.Test;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.simulation.scenario.Expectation;
import org.pneuma.simulation.scenario.Metric;
import org.pneuma.simulation.scenario.Statistic;
import org.pneuma.simulation.scenario.Window;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExpectationEvaluatorTest {

    /** Breaths of 4 s from t = 0 with the given true Vt; vti is true Vt + 10; every third patient-triggered. */
    static List<Breath> breaths(double... trueVt) {
        List<Breath> list = new ArrayList<>();
        for (int i = 0; i < trueVt.length; i++) {
            double start = 4.0 * i;
            ReportedBreath r = new ReportedBreath(i + 1, start, 1, 3, 20, 5, 19, trueVt[i] + 10, trueVt[i], 15, 7.5, 1 / 3.0,
                    40, 0, i % 3 == 2, false, false);
            list.add(new Breath(r, new BreathTruth(start, trueVt[i], 20, 19.5, 5.1, 40.2)));
        }
        return list;
    }

    static ExpectationOutcome judge(Expectation e, List<Breath> breaths) {
        return ExpectationEvaluator.evaluate(e, breaths, List.of(), null);
    }

    static Expectation.OnBreaths on(Metric m, Statistic s, double from, double to, double min, double max) {
        return new Expectation.OnBreaths(m, s, new Window(from, to), min, max, 0);
    }

    @Test
    void theMeanIsTakenOverTheBreathsWhollyInsideTheWindow() {
        List<Breath> b = breaths(100, 200, 300, 400, 500); // breaths 0–4, 4–8, 8–12, 12–16, 16–20 s

        ExpectationOutcome o = judge(on(Metric.TRUE_VT_ML, Statistic.MEAN, 4, 15, 0, 1000), b);

        assertThat(o.measured()).isEqualTo(250); // 4–8 and 8–12; 12–16 ends after 15
        assertThat(o.breaths()).isEqualTo(2);
        assertThat(o.firstBreath()).isEqualTo(2);
        assertThat(o.lastBreath()).isEqualTo(3);
        assertThat(o.pass()).isTrue();
    }

    @Test
    void aMeanOutsideTheRangeFails() {
        ExpectationOutcome o = judge(on(Metric.VTI_ML, Statistic.MEAN, 0, 20, 400, 500), breaths(100, 200, 300, 400, 500));

        assertThat(o.measured()).isEqualTo(310);
        assertThat(o.pass()).isFalse();
    }

    @Test
    void minAndMaxJudgeTheExtremes() {
        List<Breath> b = breaths(450, 520, 480);

        assertThat(judge(on(Metric.TRUE_VT_ML, Statistic.MIN, 0, 12, 440, 1000), b).measured()).isEqualTo(450);
        assertThat(judge(on(Metric.TRUE_VT_ML, Statistic.MAX, 0, 12, 0, 500), b))
                .satisfies(o -> assertThat(o.measured()).isEqualTo(520))
                .satisfies(o -> assertThat(o.pass()).isFalse());
    }

    @Test
    void allPassesOnlyWhenEveryBreathIsInRangeAndShowsTheWorst() {
        List<Breath> b = breaths(480, 530, 390, 505);

        ExpectationOutcome failing = judge(on(Metric.TRUE_VT_ML, Statistic.ALL, 0, 16, 425, 575), b);
        ExpectationOutcome passing = judge(on(Metric.TRUE_VT_ML, Statistic.ALL, 0, 8, 425, 575), b);

        assertThat(failing.pass()).isFalse();
        assertThat(failing.measured()).isEqualTo(390);
        assertThat(failing.detail()).startsWith("1 of 4 breaths #1–#4 outside; worst #3 at 8 s");
        assertThat(passing.pass()).isTrue();
        assertThat(passing.measured()).isEqualTo(530); // 45 mL from the upper bound; 480 is 55 from the lower
    }

    @Test
    void countCountsBreathsOrThoseWithTheFlagSet() {
        List<Breath> b = breaths(1, 2, 3, 4, 5, 6); // breaths 3 and 6 are patient-triggered

        assertThat(judge(new Expectation.OnBreaths(null, Statistic.COUNT, new Window(0, 24), 6, 6, 0), b).pass()).isTrue();
        ExpectationOutcome triggered = judge(on(Metric.PATIENT_TRIGGERED, Statistic.COUNT, 0, 24, 0, 1), b);
        assertThat(triggered.measured()).isEqualTo(2);
        assertThat(triggered.pass()).isFalse();
    }

    @Test
    void aFlagMeansItsShareOfBreaths() {
        assertThat(judge(on(Metric.PATIENT_TRIGGERED, Statistic.MEAN, 0, 24, 0, 1), breaths(1, 2, 3, 4, 5, 6)).measured())
                .isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void aStatisticOverNoBreathsFailsAndSaysWhy() {
        ExpectationOutcome o = judge(on(Metric.VTE_ML, Statistic.MAX, 0, 3, 0, 50), breaths(500, 500));

        assertThat(o.pass()).isFalse();
        assertThat(o.measured()).isNaN();
        assertThat(o.detail()).isEqualTo("no breaths in 0–3 s");
    }

    @Test
    void aCountOverNoBreathsIsZero() {
        ExpectationOutcome o = judge(new Expectation.OnBreaths(null, Statistic.COUNT, new Window(0, 3), 0, 0, 0), breaths(500));

        assertThat(o.pass()).isTrue();
        assertThat(o.measured()).isZero();
    }

    @Test
    void breathsWithoutAKnownTruthAreLeftOutAndSaidSo() {
        List<Breath> b = new ArrayList<>(breaths(500, 600));
        b.set(1, new Breath(b.get(1).reported(), BreathTruth.unknown(4)));

        ExpectationOutcome o = judge(on(Metric.TRUE_VT_ML, Statistic.MEAN, 0, 8, 0, 1000), b);

        assertThat(o.measured()).isEqualTo(500);
        assertThat(o.detail()).endsWith("; 1 without a value of true_vt_ml");
    }

    @Test
    void alarmExpectationsAreJudgedAgainstTheRaisedAlarms() {
        List<AlarmRecord> alarms = List.of(AlarmRecord.raised(AlarmId.HIGH_PRESSURE, 21.5));
        var raised = new Expectation.AlarmRaised(AlarmId.HIGH_PRESSURE, new Window(20, 25), 0);
        var early = new Expectation.AlarmRaised(AlarmId.HIGH_PRESSURE, new Window(0, 20), 0);
        var other = new Expectation.AlarmRaised(AlarmId.APNEA, new Window(0, 30), 0);
        var none = new Expectation.NoAlarm(AlarmId.HIGH_PRESSURE, new Window(0, 20), 0);
        var noneAtAll = new Expectation.NoAlarm(AlarmId.HIGH_PRESSURE, new Window(0, 30), 0);

        List<ExpectationOutcome> outcomes = ExpectationEvaluator.evaluate(List.of(raised, early, other, none, noneAtAll),
                List.of(), alarms, null);

        assertThat(outcomes).extracting(ExpectationOutcome::pass).containsExactly(true, false, false, true, false);
        assertThat(outcomes).extracting(ExpectationOutcome::detail).containsExactly("raised at 21.5 s",
                "not raised within 0–20 s; raised at 21.5 s", "never raised", "not raised", "raised at 21.5 s");
    }

    @Test
    void anAlarmRaisedTwiceMeetsAWindowThatHoldsEitherRaise() {
        List<AlarmRecord> alarms = List.of(AlarmRecord.raised(AlarmId.LOW_VTE, 5), AlarmRecord.raised(AlarmId.LOW_VTE, 25));

        assertThat(ExpectationEvaluator.evaluate(new Expectation.AlarmRaised(AlarmId.LOW_VTE, new Window(20, 30), 0),
                List.of(), alarms, null).pass()).isTrue();
        assertThat(ExpectationEvaluator.evaluate(new Expectation.NoAlarm(AlarmId.LOW_VTE, new Window(6, 24), 0),
                List.of(), alarms, null).pass()).isTrue();
    }

    @Test
    void theSafeStateMustComeWithinItsWindow() {
        var within = new Expectation.SafeState(new Window(10, 10.05), 0);

        assertThat(ExpectationEvaluator.evaluate(within, List.of(), List.of(), 10.021).pass()).isTrue();
        assertThat(ExpectationEvaluator.evaluate(within, List.of(), List.of(), 10.051).pass()).isFalse();
        ExpectationOutcome never = ExpectationEvaluator.evaluate(within, List.of(), List.of(), null);
        assertThat(never.pass()).isFalse();
        assertThat(never.detail()).isEqualTo("the safety valve never opened");
    }
}
