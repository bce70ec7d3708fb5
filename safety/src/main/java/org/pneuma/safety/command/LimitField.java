package org.pneuma.safety.command;

import org.pneuma.safety.settings.AlarmLimits;

/**
 * The alarm limits a {@link OperatorCommand.ChangeAlarmLimits} can change, in the order of
 * {@link org.pneuma.safety.settings.SettingsValidator#ALARM_LIMITS} (also their order on the wire).
 */
public enum LimitField {
    HIGH_PRESSURE_CMH2O("high_pressure_cmh2o"),
    LOW_VTE_ML("low_vte_ml"),
    HIGH_VTE_ML("high_vte_ml"),
    LOW_MV_LPM("low_mv_lpm"),
    HIGH_MV_LPM("high_mv_lpm"),
    HIGH_RATE_BPM("high_rate_bpm"),
    HIGH_PEEP_CMH2O("high_peep_cmh2o"),
    LOW_PEEP_CMH2O("low_peep_cmh2o"),
    HIGH_FIO2_PCT("high_fio2_pct"),
    LOW_FIO2_PCT("low_fio2_pct");

    private final String key;

    LimitField(String key) {
        this.key = key;
    }

    /** The name the validator and the scenario files use. */
    public String key() {
        return key;
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

    void set(AlarmLimits.Builder b, double v) {
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
}
