package org.pneuma.simulation.scenario;

import java.util.Locale;

/**
 * Faults of the control step a scenario can inject ({@code fault: control_stall}). The plant's faults
 * are in {@code PlantFault}; these are of the software that drives it.
 */
public enum ControlFault {
    /** The step stops completing: its heartbeat stops. */
    CONTROL_STALL,
    /** The step throws every time it is called. */
    CONTROL_EXCEPTION;

    /** The name in a scenario file: {@code control_stall}, {@code control_exception}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
