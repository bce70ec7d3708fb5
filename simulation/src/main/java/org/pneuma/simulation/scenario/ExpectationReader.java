package org.pneuma.simulation.scenario;

import org.pneuma.safety.alarm.AlarmId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code expect} list. Four forms:
 * <pre>
 * - {metric: vti_ml, stat: mean, window_s: [10, 30], between: [450, 550]}   # or at_least / at_most
 * - {alarm: HIGH_PRESSURE, raised_within_s: [20, 25]}
 * - {no_alarm: APNEA, window_s: [0, 60]}
 * - {safe_state_within_s: [20, 20.05]}
 * </pre>
 * {@code stat} defaults to mean and {@code window_s} to the whole scenario; {@code stat: count} may
 * go without a metric. Alarm IDs are those of {@link AlarmId}, in any case.
 */
final class ExpectationReader {
    private static final List<String> ON_BREATHS = List.of("metric", "stat", "window_s", "between", "at_least", "at_most");
    private static final List<String> ALARM = List.of("alarm", "raised_within_s");
    private static final List<String> NO_ALARM = List.of("no_alarm", "window_s");
    private static final List<String> SAFE_STATE = List.of("safe_state_within_s");
    private static final List<String> ALARM_IDS = Arrays.stream(AlarmId.values()).map(Enum::name).toList();

    private ExpectationReader() {
    }

    static List<Expectation> read(YamlNode node, double durationS, Problems problems) {
        if (!(node instanceof YamlNode.Sequence seq)) {
            problems.add(node.line(), "expect", "expected a list of expectations, got " + node.describe());
            return List.of();
        }
        List<Expectation> expectations = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String path = "expect[" + i + "]";
            Expectation e = item instanceof YamlNode.Mapping m
                    ? m.fields().containsKey("alarm") ? alarm(m, path, durationS, problems)
                    : m.fields().containsKey("no_alarm") ? noAlarm(m, path, durationS, problems)
                    : m.fields().containsKey("safe_state_within_s") ? safeState(m, path, durationS, problems)
                    : onBreaths(m, path, durationS, problems)
                    : notAMapping(item, path, problems);
            if (e != null) expectations.add(e);
        }
        return expectations;
    }

    private static Expectation notAMapping(YamlNode item, String path, Problems problems) {
        problems.add(item.line(), path, "expected an expectation such as {metric: vti_ml, window_s: [10, 30], between: [450, 550]}, got "
                + item.describe());
        return null;
    }

    private static Expectation onBreaths(YamlNode.Mapping m, String path, double durationS, Problems problems) {
        int before = problems.count();
        MappingReader r = MappingReader.of(m, path, problems, ON_BREATHS);
        Statistic stat = Statistic.MEAN;
        String statName = r.text("stat");
        if (statName != null) {
            stat = Statistic.fromKey(statName);
            if (stat == null) {
                problems.add(r.lineOf("stat"), r.pathOf("stat"), "unknown stat \"" + statName + "\" (expected one of "
                        + String.join(", ", MappingReader.names(Statistic.values())) + ")");
            }
        }
        Metric metric = null;
        if (r.has("metric")) {
            String name = r.text("metric");
            if (name != null) {
                metric = Metric.fromKey(name);
                if (metric == null) {
                    String hint = MappingReader.closest(name, MappingReader.names(Metric.values()));
                    problems.add(r.lineOf("metric"), r.pathOf("metric"), "unknown metric \"" + name + "\""
                            + (hint != null ? "; did you mean " + hint + "?" : "")
                            + " (expected one of " + String.join(", ", MappingReader.names(Metric.values())) + ")");
                }
            }
        } else if (stat != Statistic.COUNT) {
            r.missing("metric", "the per-breath metric to judge, e.g. vti_ml or true_vt_ml");
        }
        Window window = window(r, "window_s", durationS, problems);
        double min = Double.NEGATIVE_INFINITY;
        double max = Double.POSITIVE_INFINITY;
        if (r.has("between")) {
            if (r.has("at_least") || r.has("at_most")) {
                problems.add(r.lineOf("between"), r.pathOf("between"), "give between, or at_least and/or at_most, not both");
            }
            double[] range = r.pair("between", "the allowed range");
            if (range != null) {
                min = range[0];
                max = range[1];
            }
        } else if (r.has("at_least") || r.has("at_most")) {
            Double lo = r.number("at_least");
            Double hi = r.number("at_most");
            if (lo != null) min = lo;
            if (hi != null) max = hi;
            if (lo != null && hi != null && lo > hi) {
                problems.add(r.lineOf("at_most"), r.pathOf("at_most"), "is below at_least " + MappingReader.fmt(lo));
            }
        } else {
            problems.add(r.line(), path, "needs the allowed values: between: [lo, hi], at_least: lo or at_most: hi");
        }
        if (problems.count() > before) return null;
        return new Expectation.OnBreaths(metric, stat, window, min, max, r.line());
    }

    private static Expectation alarm(YamlNode.Mapping m, String path, double durationS, Problems problems) {
        int before = problems.count();
        MappingReader r = MappingReader.of(m, path, problems, ALARM);
        AlarmId id = alarmId(r, "alarm", problems);
        Window within = null;
        if (!r.has("raised_within_s")) r.missing("raised_within_s", "[from, to] seconds within which the alarm must be raised");
        else within = window(r, "raised_within_s", durationS, problems);
        if (problems.count() > before) return null;
        return new Expectation.AlarmRaised(id, within, r.line());
    }

    private static Expectation noAlarm(YamlNode.Mapping m, String path, double durationS, Problems problems) {
        int before = problems.count();
        MappingReader r = MappingReader.of(m, path, problems, NO_ALARM);
        AlarmId id = alarmId(r, "no_alarm", problems);
        Window window = window(r, "window_s", durationS, problems);
        if (problems.count() > before) return null;
        return new Expectation.NoAlarm(id, window, r.line());
    }

    private static Expectation safeState(YamlNode.Mapping m, String path, double durationS, Problems problems) {
        int before = problems.count();
        MappingReader r = MappingReader.of(m, path, problems, SAFE_STATE);
        Window within = window(r, "safe_state_within_s", durationS, problems);
        if (problems.count() > before) return null;
        return new Expectation.SafeState(within, r.line());
    }

    /** The alarm named under {@code key}, or null (recorded) when it names none. */
    private static AlarmId alarmId(MappingReader r, String key, Problems problems) {
        String name = r.text(key);
        if (name == null) return null;
        AlarmId id = FaultNames.lookup(AlarmId.values(), name);
        if (id == null) {
            String hint = MappingReader.closest(name.replace('-', '_'), MappingReader.names(AlarmId.values()));
            if (hint != null) hint = hint.toUpperCase(Locale.ROOT);
            problems.add(r.lineOf(key), r.pathOf(key), "unknown alarm \"" + name + "\""
                    + (hint != null ? "; did you mean " + hint + "?" : "")
                    + " (expected one of " + String.join(", ", ALARM_IDS) + ")");
        }
        return id;
    }

    /** The window under {@code key}, the whole scenario when absent, or null (recorded) when wrong. */
    private static Window window(MappingReader r, String key, double durationS, Problems problems) {
        if (!r.has(key)) return new Window(0, durationS);
        double[] w = r.pair(key, "the time window in seconds");
        if (w == null) return null;
        if (!(w[0] >= 0 && w[1] <= durationS && w[1] > w[0])) {
            problems.add(r.lineOf(key), r.pathOf(key), "[%s, %s] must lie within the scenario, 0 to duration_s %s, and not be empty"
                    .formatted(MappingReader.fmt(w[0]), MappingReader.fmt(w[1]), MappingReader.fmt(durationS)));
            return null;
        }
        return new Window(w[0], w[1]);
    }
}
