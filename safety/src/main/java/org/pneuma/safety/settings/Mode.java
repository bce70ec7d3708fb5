package org.pneuma.safety.settings;

/** Ventilation modes. */
public enum Mode {
    /** Pressure control, continuous mandatory: time-triggered, time-cycled; patient efforts ignored. */
    PC_CMV(true, false),
    /** Pressure control, assist-control: mandatory breaths, each may be triggered early by the patient. */
    PC_AC(true, true),
    /** Volume control, continuous mandatory. */
    VC_CMV(false, false),
    /** Volume control, assist-control. */
    VC_AC(false, true),
    /** Pressure support: patient-triggered, flow-cycled; PC-AC backup breaths after apnea. */
    PSV(true, true);

    private final boolean pressureTargeted;
    private final boolean patientTriggered;

    Mode(boolean pressureTargeted, boolean patientTriggered) {
        this.pressureTargeted = pressureTargeted;
        this.patientTriggered = patientTriggered;
    }

    public boolean pressureTargeted() {
        return pressureTargeted;
    }

    /** Whether a patient effort may start a breath. */
    public boolean patientTriggered() {
        return patientTriggered;
    }

    public boolean volumeTargeted() {
        return !pressureTargeted;
    }
}
