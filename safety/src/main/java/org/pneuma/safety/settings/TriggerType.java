package org.pneuma.safety.settings;

/** What the ventilator watches to detect a patient's inspiratory effort. */
public enum TriggerType {
    /** Patient inspiratory flow above the flow sensitivity (L/min). */
    FLOW,
    /** Airway pressure drops below PEEP by the pressure sensitivity (cmH2O). */
    PRESSURE
}
