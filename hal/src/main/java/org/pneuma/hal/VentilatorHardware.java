package org.pneuma.hal;

/**
 * Everything the safety partition drives or reads, in one place: the clock, the sensors, the valves,
 * and its own alarm sounder and light. Real hardware and the simulated plant both come as one of these.
 */
public record VentilatorHardware(Clock clock, Sensors sensors, Valves valves, Sounder sounder, Indicator indicator) {
    public VentilatorHardware {
        if (clock == null || sensors == null || valves == null || sounder == null || indicator == null) {
            throw new IllegalArgumentException("every hardware port is required");
        }
    }
}
