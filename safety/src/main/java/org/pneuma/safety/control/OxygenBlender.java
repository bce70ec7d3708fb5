package org.pneuma.safety.control;

/**
 * Manages the oxygen mix: splits a total inspiratory flow between the air and O2 valves so the mixed
 * gas has the set FiO2, and trims the split slowly on the O2 sensor. Runs during expiration too, so
 * the bias flow has the right mix when the next breath begins.
 *
 * <p>The trim is bounded to ±{@value #MAX_TRIM_POINTS} points of FiO2: a drifting O2 cell can pull the
 * mix only that far (the alarm system judges the cell itself). Single-threaded; allocation-free.
 */
public final class OxygenBlender {
    static final double AIR_O2_FRACTION = 0.209;
    static final double MAX_TRIM_POINTS = 10;
    /** Errors larger than this are not trimmed on, points of FiO2. */
    private static final double TRIM_WINDOW_POINTS = 3;
    /** Integral gain of the trim, points of FiO2 per second per point of error. */
    private static final double TRIM_GAIN_PER_S = 0.05;
    /** Below this inflow the sensor sees stale gas: don't trim on it. */
    private static final double MIN_TRIM_FLOW_ML_PER_S = 10;

    private double trimPoints;
    private double oxygenFlowMlPerS;
    private double airFlowMlPerS;

    /**
     * Splits {@code totalFlowMlPerS} for {@code fio2Pct} and updates the trim from the O2 reading.
     * Read the result with {@link #airFlowMlPerS()} and {@link #oxygenFlowMlPerS()}.
     */
    public void blend(double totalFlowMlPerS, double fio2Pct, double measuredO2Pct, double dtS) {
        boolean trimmable = fio2Pct > AIR_O2_FRACTION * 100 + 0.5 && fio2Pct < 99.5;
        double error = fio2Pct - measuredO2Pct;
        // Trim only small errors: a large one means the slow O2 cell is still settling after a change
        // (trimming on it would wind up) or the cell is failing, which is for the alarm monitor.
        if (trimmable && totalFlowMlPerS > MIN_TRIM_FLOW_ML_PER_S && Math.abs(error) <= TRIM_WINDOW_POINTS) {
            trimPoints += TRIM_GAIN_PER_S * error * dtS;
            trimPoints = Math.clamp(trimPoints, -MAX_TRIM_POINTS, MAX_TRIM_POINTS);
        }
        double target = Math.clamp((fio2Pct + (trimmable ? trimPoints : 0)) / 100.0, AIR_O2_FRACTION, 1.0);
        double oxygenShare = (target - AIR_O2_FRACTION) / (1 - AIR_O2_FRACTION);
        oxygenFlowMlPerS = totalFlowMlPerS * oxygenShare;
        airFlowMlPerS = totalFlowMlPerS - oxygenFlowMlPerS;
    }

    public double airFlowMlPerS() {
        return airFlowMlPerS;
    }

    public double oxygenFlowMlPerS() {
        return oxygenFlowMlPerS;
    }

    /** Current trim, points of FiO2 added to the set value. */
    public double trimPoints() {
        return trimPoints;
    }
}
