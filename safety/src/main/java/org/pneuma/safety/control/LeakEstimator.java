package org.pneuma.safety.control;

/**
 * Estimates the leak at the patient connection as an orifice, Q = k·√P, from each breath's volume
 * balance: over a whole breath the lung returns to where it started, so whatever went in through the
 * inspiratory valves and did not come out through the expiratory valve (less what the circuit
 * compliance still holds) left through the leak. Dividing by ∫√P dt sizes the orifice.
 *
 * <p>Unlike an end-expiratory flow reading this needs no quiet end of expiration, so it also works
 * when the patient has not finished exhaling or the leak makes the ventilator auto-trigger.
 * Pressure control, PEEP and triggering add or subtract the estimated leak flow; the breath metrics
 * subtract its volume.
 *
 * <p>Single-threaded; allocation-free.
 */
public final class LeakEstimator {
    /** Weight of a new breath's measurement when the leak grows, and when it shrinks (faster: an
     * over-estimated leak pumps PEEP up, an under-estimated one only costs a little volume). */
    private static final double SMOOTHING_UP = 0.5;
    private static final double SMOOTHING_DOWN = 0.75;
    /**
     * The largest leak compensated: 60 L/min at 10 cmH2O. A breath that loses more is a
     * disconnection, not a leak, and teaches the estimate nothing.
     */
    static final double MAX_ORIFICE = 60_000.0 / 60 / Math.sqrt(10);
    /** Breaths shorter than this say too little to size the orifice. */
    private static final double MIN_BREATH_S = 0.2;

    private final double circuitComplianceMlPerCmH2O;
    private double orifice;
    private double netVolumeMl;
    private double sqrtPressureIntegral;
    private double breathS;
    private double startPressureCmH2O;

    public LeakEstimator(double circuitComplianceMlPerCmH2O) {
        this.circuitComplianceMlPerCmH2O = circuitComplianceMlPerCmH2O;
    }

    /** Adds one tick: net flow into the circuit through the ventilator's valves, Y-piece pressure. */
    public void sample(double netInflowMlPerS, double pressureCmH2O, double dtS) {
        netVolumeMl += netInflowMlPerS * dtS;
        sqrtPressureIntegral += Math.sqrt(Math.max(0, pressureCmH2O)) * dtS;
        breathS += dtS;
    }

    /**
     * A breath starts at {@code pressureCmH2O}: the one before it is complete. With
     * {@code measure} false (the lung was not in a steady cycle, e.g. filling to PEEP at start-up)
     * the finished breath only resets the balance.
     */
    public void breathStarted(double pressureCmH2O, boolean measure) {
        if (measure && breathS >= MIN_BREATH_S && sqrtPressureIntegral > 0) {
            double leakedMl = netVolumeMl - circuitComplianceMlPerCmH2O * (pressureCmH2O - startPressureCmH2O);
            double measured = Math.max(0, leakedMl) / sqrtPressureIntegral;
            if (measured <= MAX_ORIFICE) {
                orifice += (measured > orifice ? SMOOTHING_UP : SMOOTHING_DOWN) * (measured - orifice);
            }
        }
        netVolumeMl = 0;
        sqrtPressureIntegral = 0;
        breathS = 0;
        startPressureCmH2O = pressureCmH2O;
    }

    /** Estimated leak flow at {@code pressureCmH2O}, mL/s. */
    public double leakFlowMlPerS(double pressureCmH2O) {
        return pressureCmH2O > 0 ? orifice * Math.sqrt(pressureCmH2O) : 0;
    }

    /** Estimated leak at 10 cmH2O, L/min, the size a clinician reads. */
    public double leakAt10Lpm() {
        return orifice * Math.sqrt(10) * 0.06;
    }
}
