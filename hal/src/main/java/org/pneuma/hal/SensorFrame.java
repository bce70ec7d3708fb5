package org.pneuma.hal;

/**
 * One sampling of every ventilator sensor, as the controller sees it: noisy, quantized and lagged.
 *
 * <p>A mutable holder so that the 1 kHz path reuses one instance per reader and never allocates.
 * Owned by one thread; not safe to share while a {@link Sensors#read} fills it.
 */
public final class SensorFrame {
    /** Flow through the air inspiratory valve, mL/s. */
    public double airFlowMlPerS;
    /** Flow through the O2 inspiratory valve, mL/s. */
    public double oxygenFlowMlPerS;
    /** Flow out through the expiratory valve, mL/s. */
    public double expiratoryFlowMlPerS;
    /** Pressure in the inspiratory limb, at the ventilator outlet, cmH2O above ambient. */
    public double inspiratoryPressureCmH2O;
    /** Pressure in the expiratory limb, before the expiratory valve, cmH2O above ambient. */
    public double expiratoryPressureCmH2O;
    /** O2 concentration in the inspiratory gas, percent. */
    public double oxygenPercent;

    /** Total flow delivered by the inspiratory valves, mL/s. */
    public double inspiratoryFlowMlPerS() {
        return airFlowMlPerS + oxygenFlowMlPerS;
    }
}
