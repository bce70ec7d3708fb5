package org.pneuma.plant;

/** Every simulated sensor, by the quantity it measures. */
public enum SensorId {
    AIR_FLOW, OXYGEN_FLOW, EXPIRATORY_FLOW, INSPIRATORY_PRESSURE, EXPIRATORY_PRESSURE, OXYGEN
}
