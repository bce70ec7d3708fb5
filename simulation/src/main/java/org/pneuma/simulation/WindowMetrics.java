package org.pneuma.simulation;

import org.pneuma.simulation.scenario.Metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Means of every metric over the breaths that started within a span of the run: the rows of a run's
 * summary table. Each breath belongs to exactly one span, by its start.
 *
 * @param means mean of each metric over the breaths with a known value; absent when none has one
 */
public record WindowMetrics(double fromS, double toS, int breaths, Map<Metric, Double> means) {

    public WindowMetrics {
        means = Collections.unmodifiableMap(means.isEmpty() ? new EnumMap<>(Metric.class) : new EnumMap<>(means));
    }

    /** Spans of {@code spanS} seconds from 0 to {@code durationS} (the last may be shorter). */
    public static List<WindowMetrics> of(List<Breath> breaths, double durationS, double spanS) {
        List<WindowMetrics> rows = new ArrayList<>();
        for (double from = 0; from < durationS - 1e-9; from += spanS) {
            double to = Math.min(durationS, from + spanS);
            double lo = from;
            List<Breath> in = breaths.stream().filter(b -> b.startS() >= lo - 1e-9 && b.startS() < to - 1e-9).toList();
            Map<Metric, Double> means = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                double[] values = in.stream().mapToDouble(b -> b.value(m)).filter(v -> !Double.isNaN(v)).toArray();
                if (values.length > 0) means.put(m, ExpectationEvaluator.mean(values));
            }
            rows.add(new WindowMetrics(from, to, in.size(), means));
        }
        return rows;
    }

    /** The mean of {@code metric}, NaN when no breath had a value. */
    public double mean(Metric metric) {
        Double v = means.get(metric);
        return v == null ? Double.NaN : v;
    }
}
