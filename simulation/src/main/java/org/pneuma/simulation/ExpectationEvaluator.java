package org.pneuma.simulation;

import org.pneuma.simulation.scenario.Expectation;
import org.pneuma.simulation.scenario.Metric;
import org.pneuma.simulation.scenario.ScenarioText;
import org.pneuma.simulation.scenario.Statistic;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges expectations against a run's breaths and alarms. A breath belongs to a window when it lies
 * wholly inside it (see {@link org.pneuma.simulation.scenario.Window#containsBreath}). Breaths whose
 * value of the metric is unknown (NaN) are left out and said so. A statistic over no breaths fails:
 * an expectation about breaths that never came is not met. Pure; any thread.
 */
public final class ExpectationEvaluator {
    private ExpectationEvaluator() {
    }

    /**
     * @param alarms       every raise of the run
     * @param safeStateAtS when the safety valve first opened, s; null if it never did
     */
    public static List<ExpectationOutcome> evaluate(List<Expectation> expectations, List<Breath> breaths, List<AlarmRecord> alarms,
                                                    Double safeStateAtS) {
        List<ExpectationOutcome> outcomes = new ArrayList<>(expectations.size());
        for (Expectation e : expectations) outcomes.add(evaluate(e, breaths, alarms, safeStateAtS));
        return outcomes;
    }

    public static ExpectationOutcome evaluate(Expectation expectation, List<Breath> breaths, List<AlarmRecord> alarms,
                                              Double safeStateAtS) {
        return switch (expectation) {
            case Expectation.OnBreaths e -> onBreaths(e, breaths);
            case Expectation.AlarmRaised e -> {
                List<AlarmRecord> raises = alarms.stream().filter(a -> a.id() == e.alarm()).toList();
                AlarmRecord hit = raises.stream().filter(a -> e.within().containsInstant(a.raisedAtS())).findFirst().orElse(null);
                String detail = hit != null ? "raised at " + seconds(hit.raisedAtS())
                        : raises.isEmpty() ? "never raised" : "not raised within " + e.within() + "; raised at " + times(raises);
                yield new ExpectationOutcome(e, hit != null, hit != null ? hit.raisedAtS()
                        : raises.isEmpty() ? Double.NaN : raises.getFirst().raisedAtS(), 0, 0, 0, detail);
            }
            case Expectation.NoAlarm e -> {
                List<AlarmRecord> hits = alarms.stream()
                        .filter(a -> a.id() == e.alarm() && e.window().containsInstant(a.raisedAtS())).toList();
                yield new ExpectationOutcome(e, hits.isEmpty(), hits.isEmpty() ? Double.NaN : hits.getFirst().raisedAtS(), 0, 0, 0,
                        hits.isEmpty() ? "not raised" : "raised at " + times(hits));
            }
            case Expectation.SafeState e -> {
                boolean pass = safeStateAtS != null && e.within().containsInstant(safeStateAtS);
                yield new ExpectationOutcome(e, pass, safeStateAtS == null ? Double.NaN : safeStateAtS, 0, 0, 0,
                        safeStateAtS == null ? "the safety valve never opened" : "safety valve opened at " + seconds(safeStateAtS));
            }
        };
    }

    private static String seconds(double s) {
        return ScenarioText.number(round(s, 3)) + " s";
    }

    private static String times(List<AlarmRecord> raises) {
        return String.join(", ", raises.stream().map(a -> ScenarioText.number(round(a.raisedAtS(), 3))).toList()) + " s";
    }

    private static ExpectationOutcome onBreaths(Expectation.OnBreaths e, List<Breath> breaths) {
        List<Breath> inWindow = breaths.stream().filter(b -> e.window().containsBreath(b.startS(), b.endS())).toList();
        long first = inWindow.isEmpty() ? 0 : inWindow.getFirst().number();
        long last = inWindow.isEmpty() ? 0 : inWindow.getLast().number();
        String span = inWindow.isEmpty() ? "no breaths in " + e.window()
                : inWindow.size() + (inWindow.size() == 1 ? " breath" : " breaths") + " #" + first + "–#" + last;

        if (e.stat() == Statistic.COUNT) {
            long count = e.metric() == null ? inWindow.size()
                    : inWindow.stream().filter(b -> { double v = b.value(e.metric()); return v != 0 && !Double.isNaN(v); }).count();
            return new ExpectationOutcome(e, e.admits(count), count, inWindow.size(), first, last, span);
        }

        Metric metric = e.metric();
        List<Breath> known = inWindow.stream().filter(b -> !Double.isNaN(b.value(metric))).toList();
        String unknown = known.size() < inWindow.size() ? "; " + (inWindow.size() - known.size()) + " without a value of " + metric.key() : "";
        if (known.isEmpty()) {
            return new ExpectationOutcome(e, false, Double.NaN, inWindow.size(), first, last,
                    (inWindow.isEmpty() ? span : "no breath in " + e.window() + " has a value of " + metric.key()) + unknown);
        }
        double[] values = known.stream().mapToDouble(b -> b.value(metric)).toArray();
        return switch (e.stat()) {
            case MEAN -> judged(e, mean(values), known, first, last, span + unknown);
            case MIN -> judged(e, min(values), known, first, last, span + unknown);
            case MAX -> judged(e, max(values), known, first, last, span + unknown);
            case ALL -> all(e, known, first, last, span + unknown);
            case COUNT -> throw new IllegalStateException("handled above");
        };
    }

    private static ExpectationOutcome judged(Expectation.OnBreaths e, double value, List<Breath> known, long first, long last, String detail) {
        return new ExpectationOutcome(e, e.admits(value), value, known.size(), first, last, detail);
    }

    /** Every breath in range; the measured value is the worst breath's (furthest outside, else closest to a bound). */
    private static ExpectationOutcome all(Expectation.OnBreaths e, List<Breath> known, long first, long last, String span) {
        Breath worst = null;
        double worstScore = Double.NEGATIVE_INFINITY;
        int outside = 0;
        for (Breath b : known) {
            double v = b.value(e.metric());
            double score = Math.max(e.min() - v, v - e.max()); // > 0 outside, <= 0 inside (minus the margin)
            if (score > 0) outside++;
            if (score > worstScore) {
                worstScore = score;
                worst = b;
            }
        }
        double value = worst.value(e.metric());
        String detail = outside == 0
                ? "all " + span
                : outside + " of " + span + " outside; worst #" + worst.number() + " at "
                  + ScenarioText.number(round(worst.startS(), 3)) + " s";
        return new ExpectationOutcome(e, outside == 0, value, known.size(), first, last, detail);
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) sum += x;
        return sum / v.length;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
