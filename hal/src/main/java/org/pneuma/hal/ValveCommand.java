package org.pneuma.hal;

/**
 * What the safety partition asks of the pneumatics on one tick.
 *
 * <p>A mutable holder reused every tick (no allocation on the control path). Owned by one thread.
 */
public final class ValveCommand {
    /** Pilot pressure that holds the expiratory valve shut while the circuit is below it. */
    public static final double EXPIRATORY_VALVE_SHUT_CMH2O = 120.0;

    /** Opening of the air proportional valve, 0 (shut) to 1 (fully open). */
    public double airOpening;
    /** Opening of the O2 proportional valve, 0 (shut) to 1 (fully open). */
    public double oxygenOpening;
    /**
     * Pilot pressure of the expiratory valve, cmH2O: the valve lets gas out while the circuit is above
     * it. PEEP during expiration; {@link #EXPIRATORY_VALVE_SHUT_CMH2O} to keep it shut.
     */
    public double expiratoryPilotCmH2O = EXPIRATORY_VALVE_SHUT_CMH2O;
    /** Safety valve open to ambient: the safe state, in which the patient can breathe room air. */
    public boolean safetyValveOpen;

    /** The safe state: inspiratory valves shut, expiratory valve open, safety valve open to ambient. */
    public void safeState() {
        airOpening = 0;
        oxygenOpening = 0;
        expiratoryPilotCmH2O = 0;
        safetyValveOpen = true;
    }
}
