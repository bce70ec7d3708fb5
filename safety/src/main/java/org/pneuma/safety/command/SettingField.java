package org.pneuma.safety.command;

import org.pneuma.safety.settings.VentilationSettings;

/**
 * The numeric ventilation settings a {@link OperatorCommand.ChangeSettings} can change, in the order of
 * {@link org.pneuma.safety.settings.SettingsValidator#LIMITS} (which is also their order on the wire).
 * The mode and the trigger type are not numbers and travel apart.
 */
public enum SettingField {
    PEEP_CMH2O("peep_cmh2o"),
    DP_CMH2O("dp_cmh2o"),
    VT_ML("vt_ml"),
    RATE_BPM("rate_bpm"),
    TI_S("ti_s"),
    RISE_TIME_S("rise_time_s"),
    FLOW_TRIGGER_LPM("flow_trigger_lpm"),
    PRESSURE_TRIGGER_CMH2O("pressure_trigger_cmh2o"),
    PS_CMH2O("ps_cmh2o"),
    CYCLE_OFF_PCT("cycle_off_pct"),
    FIO2_PCT("fio2_pct"),
    APNEA_S("apnea_s");

    private final String key;

    SettingField(String key) {
        this.key = key;
    }

    /** The name the validator and the scenario files use. */
    public String key() {
        return key;
    }

    public double of(VentilationSettings s) {
        return switch (this) {
            case PEEP_CMH2O -> s.peepCmH2O();
            case DP_CMH2O -> s.dpCmH2O();
            case VT_ML -> s.vtMl();
            case RATE_BPM -> s.rateBpm();
            case TI_S -> s.tiS();
            case RISE_TIME_S -> s.riseTimeS();
            case FLOW_TRIGGER_LPM -> s.flowTriggerLpm();
            case PRESSURE_TRIGGER_CMH2O -> s.pressureTriggerCmH2O();
            case PS_CMH2O -> s.psCmH2O();
            case CYCLE_OFF_PCT -> s.cycleOffPct();
            case FIO2_PCT -> s.fio2Pct();
            case APNEA_S -> s.apneaS();
        };
    }

    void set(VentilationSettings.Builder b, double v) {
        switch (this) {
            case PEEP_CMH2O -> b.peepCmH2O = v;
            case DP_CMH2O -> b.dpCmH2O = v;
            case VT_ML -> b.vtMl = v;
            case RATE_BPM -> b.rateBpm = v;
            case TI_S -> b.tiS = v;
            case RISE_TIME_S -> b.riseTimeS = v;
            case FLOW_TRIGGER_LPM -> b.flowTriggerLpm = v;
            case PRESSURE_TRIGGER_CMH2O -> b.pressureTriggerCmH2O = v;
            case PS_CMH2O -> b.psCmH2O = v;
            case CYCLE_OFF_PCT -> b.cycleOffPct = v;
            case FIO2_PCT -> b.fio2Pct = v;
            case APNEA_S -> b.apneaS = v;
        }
    }
}
