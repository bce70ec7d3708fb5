package org.pneuma.safety.control;

/**
 * Manages air pressure during pressure-targeted inspiration: a PI loop from Y-piece pressure error to
 * inspiratory flow, on top of a feed-forward of bias and leak flow. The expiratory valve, piloted just
 * above the target, vents any overshoot, so the loop can be fast without ever overpressuring.
 *
 * <p>Single-threaded; allocation-free.
 */
public final class PressureRegulator {
    /** Proportional gain, mL/s per cmH2O. */
    private static final double KP = 120;
    /** Integral gain, mL/s per cmH2O per s. */
    private static final double KI = 4000;
    /** Time in which vented excess flow is taken back out of the integral, s. */
    private static final double BACK_CALCULATION_S = 0.02;

    private final double maxFlowMlPerS;
    private double integralMlPerS;

    public PressureRegulator(double maxFlowMlPerS) {
        this.maxFlowMlPerS = maxFlowMlPerS;
    }

    /** Starts a new inspiration with no memory of the last. */
    public void reset() {
        integralMlPerS = 0;
    }

    /**
     * Inspiratory flow to command, mL/s, to bring {@code pressure} to {@code target}.
     *
     * @param ventedMlPerS flow the expiratory valve is venting now: supply beyond what the patient
     *                     takes, which the integral gives back at once (back-calculation) instead of
     *                     unwinding slowly on the small error the relief valve leaves
     */
    public double flowMlPerS(double targetCmH2O, double pressureCmH2O, double feedForwardMlPerS,
                             double ventedMlPerS, double dtS) {
        double error = targetCmH2O - pressureCmH2O;
        double unclamped = feedForwardMlPerS + KP * error + integralMlPerS;
        boolean saturatedHigh = unclamped >= maxFlowMlPerS && error > 0;
        boolean saturatedLow = unclamped <= 0 && error < 0;
        if (!saturatedHigh && !saturatedLow) {
            integralMlPerS += KI * error * dtS;
        }
        integralMlPerS -= ventedMlPerS * Math.min(1, dtS / BACK_CALCULATION_S);
        // The integral stands for the patient's flow demand, which is never negative: below zero it
        // would only delay the flow the next pressure drop needs.
        integralMlPerS = Math.clamp(integralMlPerS, 0, maxFlowMlPerS);
        return Math.clamp(feedForwardMlPerS + KP * error + integralMlPerS, 0, maxFlowMlPerS);
    }
}
