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
    /** Y-piece pressure above the high-pressure limit for 3 ms. Ends inspiration at once, relieves to PEEP. */
    HIGH_PRESSURE(HIGH, true),
    /** Two breaths in a row in which almost nothing comes back (Vte < 15 % of Vti) and pressure does not build. */
    DISCONNECTION(HIGH, true),
    /** Two breaths in a row that cannot exhale (end-expiratory pressure > PEEP + 5) or take no volume at full pressure. */
    OCCLUSION(HIGH, true),
    /** Y-piece pressure above PEEP + 15 cmH2O without a break for more than 15 s. */
    CONTINUOUS_PRESSURE(HIGH, true),
    /** No breath began for the apnea interval. */
    APNEA(HIGH, true),
    /** Expired tidal volume above its limit, two breaths in a row. */
    HIGH_VTE(MEDIUM, true),
    /** Expired tidal volume below its limit, two breaths in a row. */
    LOW_VTE(MEDIUM, true),
    /** Expired minute volume above its limit, two breaths in a row. */
    HIGH_MV(MEDIUM, true),
    /** Expired minute volume below its limit, two breaths in a row. */
    LOW_MV(MEDIUM, true),
    /** Breath rate (mean of the last 4 breaths) above its limit, two breaths in a row. */
    HIGH_RATE(MEDIUM, true),
    /** End-expiratory pressure above its limit, two breaths in a row. */
    HIGH_PEEP(MEDIUM, true),
    /** End-expiratory pressure below its limit, two breaths in a row. */
    LOW_PEEP(MEDIUM, true),
    /** Measured O2 (5 s average) above its limit for 10 s. */
    HIGH_FIO2(MEDIUM, true),
    /** Measured O2 (5 s average) below its limit (never set below 18 %) for 10 s. */
    LOW_FIO2(HIGH, true),
    /** O2 asked of the O2 valve does not arrive (less than half) for 0.5 s. */
    O2_SUPPLY_FAILURE(HIGH, false),
    /** A sensor reads outside its physical range, repeats itself exactly for 250 ms, or the two pressure sensors disagree. */
    SENSOR_FAULT(HIGH, false),
    /** The control step stalls, throws, or commands something implausible: the safe state follows. */
    CONTROL_FAILURE(HIGH, false),
    /** The display in the guest partition stopped answering (raised by the platform). */
    DISPLAY_LOST(MEDIUM, false),
    /** A service of the guest partition failed (raised by the platform). */
    GUEST_FAULT(LOW, false);

    private final AlarmPriority priority;
    private final boolean physiological;

    AlarmId(AlarmPriority priority, boolean physiological) {
        this.priority = priority;
        this.physiological = physiological;
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
