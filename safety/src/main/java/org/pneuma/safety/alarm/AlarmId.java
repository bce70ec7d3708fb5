package org.pneuma.safety.alarm;

import static org.pneuma.safety.alarm.AlarmPriority.HIGH;
import static org.pneuma.safety.alarm.AlarmPriority.LOW;
import static org.pneuma.safety.alarm.AlarmPriority.MEDIUM;

/**
 * Every alarm condition the ventilator knows, with its priority, whether it is physiological (about
 * the patient) or technical (about the machine), and its rule. The rules' numbers are in
 * {@link AlarmMonitor}; limits a clinician may set are in {@code AlarmLimits}.
 *
 * <p>HIGH physiological alarms latch: their signal stays until acknowledged, even after the condition
 * clears. The ordinal is the alarm's bit on the sensor bus: append only.
 */
public enum AlarmId {
    /** Y-piece pressure reaches the high-pressure limit. Ends inspiration at once, relieves to PEEP. */
    HIGH_PRESSURE(HIGH, true, "1 ms"),
    /** Two breaths in a row in which almost nothing comes back (Vte < 15 % of Vti) and pressure does not build. */
    DISCONNECTION(HIGH, true, "2 breaths in a row"),
    /** Two breaths in a row that cannot exhale (end-expiratory pressure > PEEP + 5) or take no volume at full pressure. */
    OCCLUSION(HIGH, true, "2 inspirations (blocked tube) or 2 breaths (trapped gas) in a row"),
    /** Y-piece pressure above PEEP + 15 cmH2O without a break for more than 15 s. */
    CONTINUOUS_PRESSURE(HIGH, true, "15 s"),
    /** No breath began for the apnea interval. */
    APNEA(HIGH, true, "apnea_s"),
    /** Expired tidal volume above its limit, two breaths in a row. */
    HIGH_VTE(MEDIUM, true, "2 breaths in a row"),
    /** Expired tidal volume below its limit, two breaths in a row. */
    LOW_VTE(MEDIUM, true, "2 breaths in a row"),
    /** Expired minute volume above its limit, two breaths in a row. */
    HIGH_MV(MEDIUM, true, "2 breaths in a row"),
    /** Expired minute volume below its limit, two breaths in a row. */
    LOW_MV(MEDIUM, true, "2 breaths in a row"),
    /** Breath rate (mean of the last 4 breaths) above its limit, two breaths in a row. */
    HIGH_RATE(MEDIUM, true, "2 breaths in a row"),
    /** End-expiratory pressure above its limit, two breaths in a row. */
    HIGH_PEEP(MEDIUM, true, "2 breaths in a row"),
    /** End-expiratory pressure below its limit, two breaths in a row. */
    LOW_PEEP(MEDIUM, true, "2 breaths in a row"),
    /** Measured O2 (5 s average) above its limit for 10 s. */
    HIGH_FIO2(MEDIUM, true, "10 s (not in the 30 s after start or an FiO2 change)"),
    /** Measured O2 (5 s average) below its limit (never set below 18 %) for 10 s. */
    LOW_FIO2(HIGH, true, "10 s (not in the 30 s after start or an FiO2 change)"),
    /** O2 asked of the O2 valve does not arrive (less than half) for 0.5 s. */
    O2_SUPPLY_FAILURE(HIGH, false, "0.5 s"),
    /** A sensor reads outside its physical range, repeats itself exactly for 250 ms, or the two pressure sensors disagree. */
    SENSOR_FAULT(HIGH, false, "1 ms out of range / 250 ms frozen / 200 ms disagreeing"),
    /** The control step stalls, throws, or commands something implausible: the safe state follows. */
    CONTROL_FAILURE(HIGH, false, "20 ms stalled / 0 threw / 5 ms implausible"),
    /** The display in the guest partition stopped answering (raised by the platform). */
    DISPLAY_LOST(MEDIUM, false, "raised by the platform"),
    /** A service of the guest partition failed (raised by the platform). */
    GUEST_FAULT(LOW, false, "raised by the platform");

    private final AlarmPriority priority;
    private final boolean physiological;
    private final String documentedDelay;

    AlarmId(AlarmPriority priority, boolean physiological, String documentedDelay) {
        this.priority = priority;
        this.physiological = physiological;
        this.documentedDelay = documentedDelay;
    }

    /** How long the condition must hold before the monitor raises it (its rule table says why). */
    public String documentedDelay() {
        return documentedDelay;
    }

    public AlarmPriority priority() {
        return priority;
    }

    /** About the patient (as opposed to the machine). */
    public boolean physiological() {
        return physiological;
    }

    /** Whether the signal outlasts the condition until acknowledged. */
    public boolean latching() {
        return physiological && priority == HIGH;
    }

    /** This alarm's bit in the sensor bus's alarm word. */
    public long bit() {
        return 1L << ordinal();
    }

    private static final AlarmId[] ALL = values();

    /** All alarms, without allocating a new array (callers must not modify it). */
    static AlarmId[] all() {
        return ALL;
    }
}
