package org.pneuma.safety.alarm;

import org.pneuma.hal.SensorFrame;

/**
 * Decides whether the sensors can be believed: every reading inside its physical range, no reading
 * frozen (a live sensor's noise never repeats a value exactly for {@value #STUCK_TICKS} ticks), and
 * the two pressure sensors agreeing once each is corrected for its limb.
 *
 * <p>Safety thread only; allocation-free.
 */
final class SensorCheck {
    static final int STUCK_TICKS = 250;
    static final double MAX_LIMB_DISAGREEMENT_CMH2O = 5;
    static final long DISAGREEMENT_FOR_NS = 200_000_000L;
    private static final int SENSORS = 6;

    private final double inspLimbR;
    private final double expLimbR;
    private final double[] last = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    private final int[] repeats = new int[SENSORS];
    private long disagreeSinceNs;
    private boolean disagreeing;

    SensorCheck(double inspiratoryLimbResistanceCmH2OSPerMl, double expiratoryLimbResistanceCmH2OSPerMl) {
        this.inspLimbR = inspiratoryLimbResistanceCmH2OSPerMl;
        this.expLimbR = expiratoryLimbResistanceCmH2OSPerMl;
    }

    /** @return whether a sensor is faulty now */
    boolean faulty(long nowNs, SensorFrame f) {
        boolean outOfRange = !within(f.inspiratoryPressureCmH2O, -30, 150) || !within(f.expiratoryPressureCmH2O, -30, 150)
                || !within(f.airFlowMlPerS, -100, 5000) || !within(f.oxygenFlowMlPerS, -100, 5000)
                || !within(f.expiratoryFlowMlPerS, -100, 8000) || !within(f.oxygenPercent, 10, 105);
        boolean stuck = frozen(0, f.inspiratoryPressureCmH2O) | frozen(1, f.expiratoryPressureCmH2O)
                | frozen(2, f.airFlowMlPerS) | frozen(3, f.oxygenFlowMlPerS)
                | frozen(4, f.expiratoryFlowMlPerS) | frozen(5, f.oxygenPercent);
        double inspiratorySide = f.inspiratoryPressureCmH2O - f.inspiratoryFlowMlPerS() * inspLimbR;
        double expiratorySide = f.expiratoryPressureCmH2O + f.expiratoryFlowMlPerS * expLimbR;
        boolean disagree = Math.abs(inspiratorySide - expiratorySide) > MAX_LIMB_DISAGREEMENT_CMH2O;
        if (disagree && !disagreeing) disagreeSinceNs = nowNs;
        disagreeing = disagree;
        return outOfRange || stuck || (disagreeing && nowNs - disagreeSinceNs >= DISAGREEMENT_FOR_NS);
    }

    private boolean frozen(int i, double value) {
        if (Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(last[i])) {
            repeats[i]++;
        } else {
            repeats[i] = 0;
            last[i] = value;
        }
        return repeats[i] >= STUCK_TICKS;
    }

    private static boolean within(double v, double min, double max) {
        return v >= min && v <= max;
    }
}
