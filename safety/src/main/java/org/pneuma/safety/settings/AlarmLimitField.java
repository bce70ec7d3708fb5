package org.pneuma.safety.settings;

import java.util.Locale;

/**
 * The alarm limits by name: the snake_case keys of {@link SettingsValidator#ALARM_LIMITS} that scenario
 * files and operator commands use, in the order of {@link AlarmLimits}'s components (also their order
 * on the command mailbox's wire).
 */
public enum AlarmLimitField {
    HIGH_PRESSURE_CMH2O,
    LOW_VTE_ML,
    HIGH_VTE_ML,
    LOW_MV_LPM,
    HIGH_MV_LPM,
    HIGH_RATE_BPM,
    HIGH_PEEP_CMH2O,
    LOW_PEEP_CMH2O,
    HIGH_FIO2_PCT,
    LOW_FIO2_PCT;

    static {
        // The validator names the limits in its messages; a file key must be the name it uses.
        for (AlarmLimitField f : values()) {
            String validatorName = SettingsValidator.ALARM_LIMITS.get(f.ordinal()).field();
            if (!validatorName.equals(f.key())) {
                throw new ExceptionInInitializerError("alarm limit " + f.key() + " is called " + validatorName + " by the validator");
            }
        }
    }

    /** The key in scenario files and messages, e.g. {@code high_pressure_cmh2o}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The unit the validator gives the limit in. */
    public String unit() {
        return SettingsValidator.ALARM_LIMITS.get(ordinal()).unit();
    }

    public double of(AlarmLimits l) {
        return switch (this) {
            case HIGH_PRESSURE_CMH2O -> l.highPressureCmH2O();
            case LOW_VTE_ML -> l.lowVteMl();
            case HIGH_VTE_ML -> l.highVteMl();
            case LOW_MV_LPM -> l.lowMvLpm();
            case HIGH_MV_LPM -> l.highMvLpm();
            case HIGH_RATE_BPM -> l.highRateBpm();
            case HIGH_PEEP_CMH2O -> l.highPeepCmH2O();
            case LOW_PEEP_CMH2O -> l.lowPeepCmH2O();
            case HIGH_FIO2_PCT -> l.highFio2Pct();
            case LOW_FIO2_PCT -> l.lowFio2Pct();
        };
    }

    public void set(AlarmLimits.Builder b, double v) {
        switch (this) {
            case HIGH_PRESSURE_CMH2O -> b.highPressureCmH2O = v;
            case LOW_VTE_ML -> b.lowVteMl = v;
            case HIGH_VTE_ML -> b.highVteMl = v;
            case LOW_MV_LPM -> b.lowMvLpm = v;
            case HIGH_MV_LPM -> b.highMvLpm = v;
            case HIGH_RATE_BPM -> b.highRateBpm = v;
            case HIGH_PEEP_CMH2O -> b.highPeepCmH2O = v;
            case LOW_PEEP_CMH2O -> b.lowPeepCmH2O = v;
            case HIGH_FIO2_PCT -> b.highFio2Pct = v;
            case LOW_FIO2_PCT -> b.lowFio2Pct = v;
        }
    }

    /** The field named {@code key}, or null. */
    public static AlarmLimitField fromKey(String key) {
        for (AlarmLimitField f : values()) {
            if (f.key().equals(key)) return f;
        }
        return null;
    }
}
