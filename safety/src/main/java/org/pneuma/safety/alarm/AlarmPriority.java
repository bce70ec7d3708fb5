package org.pneuma.safety.alarm;

/** IEC 60601-1-8 alarm priorities, highest first. */
public enum AlarmPriority {
    /** Immediate response required: red flashing light, the ten-pulse burst. */
    HIGH,
    /** Prompt response required: yellow flashing light, the three-pulse burst. */
    MEDIUM,
    /** Awareness required: steady cyan light, one or two pulses. */
    LOW;

    public boolean outranks(AlarmPriority other) {
        return other == null || ordinal() < other.ordinal();
    }
}
