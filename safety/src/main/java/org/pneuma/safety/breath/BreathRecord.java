package org.pneuma.safety.breath;

/**
 * Metrics of one completed breath, from the ventilator's own sensors (never from the plant's truth).
 *
 * <p>A flyweight: the controller fills one instance and hands it to the {@link BreathListener} when
 * the breath ends (at the start of the next one). A listener that keeps the numbers must copy them
 * before returning. Owned by the control thread.
 */
public final class BreathRecord {
    /** Breath count since start, from 1. */
    public long number;
    /** Start of inspiration, ns on the controller's clock. */
    public long startNs;
    /** Inspiratory and expiratory time, s. */
    public double tiS;
    public double teS;
    /** Peak inspiratory pressure at the patient connection (estimated from both limbs), cmH2O. */
    public double pipCmH2O;
    /** Pressure at the end of expiration, cmH2O. */
    public double peepCmH2O;
    /** Pressure at the end of inspiration (plateau in pressure control), cmH2O. */
    public double endInspiratoryCmH2O;
    /** Inspired tidal volume the patient got: compensated for circuit compliance and leak, mL. */
    public double vtiMl;
    /** Expired tidal volume from the patient, compensated likewise, mL. */
    public double vteMl;
    /** Breath rate from this breath's length, breaths/min. */
    public double rateBpm;
    /** Expired minute volume over the recent breaths, L/min. */
    public double minuteVolumeLpm;
    /** Inspiratory to expiratory time ratio (Ti/Te). */
    public double ieRatio;
    /** Mean O2 concentration measured during inspiration, percent. */
    public double fio2Pct;
    /** Estimated leak flow, averaged over the breath, L/min. */
    public double leakLpm;
    /** Started by the patient's effort rather than by the timer. */
    public boolean patientTriggered;
    /** A PSV apnea-backup breath. */
    public boolean backup;
    /** Pressure-support (spontaneous, flow-cycled) breath. */
    public boolean supported;

    /** Breath duration, s. */
    public double durationS() {
        return tiS + teS;
    }
}
