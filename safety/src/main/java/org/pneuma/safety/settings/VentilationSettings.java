package org.pneuma.safety.settings;

/**
 * The clinician's settings. Immutable; a change replaces the whole record, which is only ever done
 * after {@link SettingsValidator} accepted it. Fields a mode does not use are kept (they are the
 * backup settings of PSV, and the values offered when the mode changes).
 *
 * @param mode                 ventilation mode
 * @param peepCmH2O            positive end-expiratory pressure
 * @param dpCmH2O              inspiratory pressure above PEEP, pressure-controlled and backup breaths
 * @param vtMl                 tidal volume, volume-controlled breaths
 * @param rateBpm              mandatory (and backup) breath rate
 * @param tiS                  inspiratory time of mandatory breaths
 * @param riseTimeS            time to reach the target pressure
 * @param trigger              flow or pressure triggering
 * @param flowTriggerLpm       flow sensitivity, L/min
 * @param pressureTriggerCmH2O pressure sensitivity, cmH2O below PEEP
 * @param psCmH2O              pressure support above PEEP (PSV)
 * @param cycleOffPct          PSV breaths end when flow falls to this percent of its peak
 * @param fio2Pct              inspired O2 fraction, percent
 * @param apneaS               PSV switches to backup breaths after this long without a breath
 */
public record VentilationSettings(
        Mode mode,
        double peepCmH2O,
        double dpCmH2O,
        double vtMl,
        double rateBpm,
        double tiS,
        double riseTimeS,
        TriggerType trigger,
        double flowTriggerLpm,
        double pressureTriggerCmH2O,
        double psCmH2O,
        double cycleOffPct,
        double fio2Pct,
        double apneaS) {

    /** Power-on defaults: an adult in PC-AC. */
    public static final VentilationSettings DEFAULTS = new VentilationSettings(
            Mode.PC_AC, 5, 15, 500, 15, 1.0, 0.1, TriggerType.FLOW, 2.0, 2.0, 10, 25, 40, 20);

    /** Length of one mandatory breath cycle, s. */
    public double breathPeriodS() {
        return 60.0 / rateBpm;
    }

    /** Expiratory time of a mandatory breath, s. */
    public double teS() {
        return breathPeriodS() - tiS;
    }

    /** A builder starting from these settings, for changing a few fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of the settings for composing a change; {@link #build} makes the record. */
    public static final class Builder {
        public Mode mode;
        public double peepCmH2O, dpCmH2O, vtMl, rateBpm, tiS, riseTimeS;
        public TriggerType trigger;
        public double flowTriggerLpm, pressureTriggerCmH2O, psCmH2O, cycleOffPct, fio2Pct, apneaS;

        private Builder(VentilationSettings s) {
            mode = s.mode; peepCmH2O = s.peepCmH2O; dpCmH2O = s.dpCmH2O; vtMl = s.vtMl;
            rateBpm = s.rateBpm; tiS = s.tiS; riseTimeS = s.riseTimeS; trigger = s.trigger;
            flowTriggerLpm = s.flowTriggerLpm; pressureTriggerCmH2O = s.pressureTriggerCmH2O;
            psCmH2O = s.psCmH2O; cycleOffPct = s.cycleOffPct; fio2Pct = s.fio2Pct; apneaS = s.apneaS;
        }

        public Builder mode(Mode v) { mode = v; return this; }
        public Builder peep(double v) { peepCmH2O = v; return this; }
        public Builder dp(double v) { dpCmH2O = v; return this; }
        public Builder vt(double v) { vtMl = v; return this; }
        public Builder rate(double v) { rateBpm = v; return this; }
        public Builder ti(double v) { tiS = v; return this; }
        public Builder riseTime(double v) { riseTimeS = v; return this; }
        public Builder ps(double v) { psCmH2O = v; return this; }
        public Builder fio2(double v) { fio2Pct = v; return this; }

        public VentilationSettings build() {
            return new VentilationSettings(mode, peepCmH2O, dpCmH2O, vtMl, rateBpm, tiS, riseTimeS, trigger,
                    flowTriggerLpm, pressureTriggerCmH2O, psCmH2O, cycleOffPct, fio2Pct, apneaS);
        }
    }
}
