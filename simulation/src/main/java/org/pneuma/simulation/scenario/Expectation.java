package org.pneuma.simulation.scenario;

import org.pneuma.safety.alarm.AlarmId;

/**
 * What a scenario says the run must show. Judged after the run against the recorded breaths and
 * alarms.
 */
public sealed interface Expectation {

    /** Line in the scenario file, 0 when built in code. */
    int line();

    /** One line for a human: what is expected. */
    String describe();

    /**
     * A statistic of a per-breath metric over the breaths within a window must lie in
     * [{@code min}, {@code max}] (either bound may be infinite).
     *
     * @param metric the metric, or null for a plain {@link Statistic#COUNT} of breaths
     */
    record OnBreaths(Metric metric, Statistic stat, Window window, double min, double max, int line) implements Expectation {
        public OnBreaths {
            if (stat == null || window == null) throw new IllegalArgumentException("stat and window are required");
            if (metric == null && stat != Statistic.COUNT) throw new IllegalArgumentException(stat.key() + " needs a metric");
            if (!(min <= max)) throw new IllegalArgumentException("min must not exceed max");
        }

        public String describe() {
            String what = stat == Statistic.COUNT
                    ? (metric == null ? "number of breaths" : "number of breaths with " + metric.key())
                    : stat.key() + " " + metric.key();
            return what + " over " + window + " " + rangeText();
        }

        public String rangeText() {
            if (Double.isInfinite(min) && Double.isInfinite(max)) return "(any value)";
            if (Double.isInfinite(max)) return "at least " + MappingReader.fmt(min);
            if (Double.isInfinite(min)) return "at most " + MappingReader.fmt(max);
            return "between " + MappingReader.fmt(min) + " and " + MappingReader.fmt(max);
        }

        public boolean admits(double value) {
            return value >= min && value <= max;
        }
    }

    /** The alarm {@code alarm} must be raised (at least once) at a time within {@code within}. */
    record AlarmRaised(AlarmId alarm, Window within, int line) implements Expectation {
        public AlarmRaised {
            if (alarm == null || within == null) throw new IllegalArgumentException("alarm and window are required");
        }

        public String describe() {
            return "alarm " + alarm + " raised within " + within;
        }
    }

    /** The alarm {@code alarm} must not be raised during {@code window}. */
    record NoAlarm(AlarmId alarm, Window window, int line) implements Expectation {
        public NoAlarm {
            if (alarm == null || window == null) throw new IllegalArgumentException("alarm and window are required");
        }

        public String describe() {
            return "no alarm " + alarm + " raised during " + window;
        }
    }

    /** The plant's safety valve must first open (the safe state) at a time within {@code within}. */
    record SafeState(Window within, int line) implements Expectation {
        public SafeState {
            if (within == null) throw new IllegalArgumentException("window is required");
        }

        public String describe() {
            return "safe state (safety valve open) reached within " + within;
        }
    }
}
