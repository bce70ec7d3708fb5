package org.pneuma.simulation.scenario;

import java.util.Locale;

/** How an expectation reduces a metric over the breaths of its window to a judged value. */
public enum Statistic {
    /** The mean over the breaths must be in range. */
    MEAN,
    /** The smallest value must be in range. */
    MIN,
    /** The largest value must be in range. */
    MAX,
    /** Every breath's value must be in range; the value shown is the worst breath's. */
    ALL,
    /** The number of breaths (with a metric: those where it is non-zero) must be in range. */
    COUNT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Statistic fromKey(String key) {
        for (Statistic s : values()) {
            if (s.key().equals(key.toLowerCase(Locale.ROOT))) return s;
        }
        return null;
    }
}
