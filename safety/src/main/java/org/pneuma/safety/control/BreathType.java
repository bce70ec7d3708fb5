package org.pneuma.safety.control;

/** How a breath is delivered. */
public enum BreathType {
    /** Pressure-controlled, time-cycled (PC modes and PSV apnea backup). */
    PRESSURE_CONTROL,
    /** Volume-controlled, constant flow, time-cycled. */
    VOLUME_CONTROL,
    /** Pressure-supported, flow-cycled (PSV). */
    PRESSURE_SUPPORT
}
