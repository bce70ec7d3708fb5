package org.pneuma.simulation.scenario;

/**
 * A span of scenario time, seconds from the start. A breath is in the window when it starts at or
 * after {@code fromS} and ends at or before {@code toS}.
 */
public record Window(double fromS, double toS) {
    private static final double EPSILON_S = 1e-9;

    public Window {
        if (!(fromS >= 0 && toS > fromS)) throw new IllegalArgumentException("window needs 0 <= from < to, got " + fromS + "–" + toS);
    }

    public boolean containsBreath(double startS, double endS) {
        return startS >= fromS - EPSILON_S && endS <= toS + EPSILON_S;
    }

    public boolean containsInstant(double timeS) {
        return timeS >= fromS - EPSILON_S && timeS <= toS + EPSILON_S;
    }

    @Override
    public String toString() {
        return MappingReader.fmt(fromS) + "–" + MappingReader.fmt(toS) + " s";
    }
}
