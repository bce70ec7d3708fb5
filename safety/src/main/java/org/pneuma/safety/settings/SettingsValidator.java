package org.pneuma.safety.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether settings are safe to ventilate with. The same rules judge a scenario file, a
 * command from the guest partition, and the defaults: nothing reaches the controller without passing.
 *
 * <p>Off the control path: allocates, and may be called from any thread (it holds no state).
 *
 * <h2>Rules</h2>
 * Each field is within its {@link #LIMITS range}; then, once every field is, across fields:
 * <ul>
 *   <li>PEEP + ΔP and PEEP + PS stay at or below {@value #MAX_TARGET_PRESSURE_CMH2O} cmH2O, well under
 *       the ventilator's pressure limit;</li>
 *   <li>expiratory time (60/rate − Ti) is at least {@value #MIN_TE_S} s, and I:E is at most 4:1;</li>
 *   <li>rise time is shorter than Ti;</li>
 *   <li>in volume control, Vt/Ti is a flow the valves can deliver ({@value #MAX_INSPIRATORY_FLOW_LPM} L/min);</li>
 *   <li>in PSV, the apnea interval is longer than one backup breath.</li>
 * </ul>
 */
public final class SettingsValidator {
    /** Highest pressure target (PEEP + ΔP or PEEP + PS) that may be set, cmH2O. */
    public static final double MAX_TARGET_PRESSURE_CMH2O = 70;
    public static final double MIN_TE_S = 0.2;
    public static final double MAX_I_TO_E = 4.0;
    public static final double MAX_INSPIRATORY_FLOW_LPM = 150;
    /** Derived values (60/rate − Ti, …) carry binary rounding: settings exactly at a limit pass. */
    private static final double ROUNDING = 1e-12;

    /** A field's allowed range. */
    public record Limit(String field, String unit, double min, double max) {
        boolean admits(double v) {
            return v >= min && v <= max;
        }
    }

    public static final List<Limit> LIMITS = List.of(
            new Limit("peep_cmh2o", "cmH2O", 0, 35),
            new Limit("dp_cmh2o", "cmH2O", 2, 70),
            new Limit("vt_ml", "mL", 5, 2500),
            new Limit("rate_bpm", "breaths/min", 1, 150),
            new Limit("ti_s", "s", 0.1, 5),
            new Limit("rise_time_s", "s", 0, 2),
            new Limit("flow_trigger_lpm", "L/min", 0.2, 20),
            new Limit("pressure_trigger_cmh2o", "cmH2O", 0.5, 20),
            new Limit("ps_cmh2o", "cmH2O", 0, 70),
            new Limit("cycle_off_pct", "%", 5, 80),
            new Limit("fio2_pct", "%", 21, 100),
            new Limit("apnea_s", "s", 5, 60));

    private SettingsValidator() {
    }

    public static SettingsCheck check(VentilationSettings s) {
        List<String> reasons = new ArrayList<>();
        if (s.mode() == null) reasons.add("mode is required");
        if (s.trigger() == null) reasons.add("trigger is required");
        double[] values = {s.peepCmH2O(), s.dpCmH2O(), s.vtMl(), s.rateBpm(), s.tiS(), s.riseTimeS(),
                s.flowTriggerLpm(), s.pressureTriggerCmH2O(), s.psCmH2O(), s.cycleOffPct(), s.fio2Pct(), s.apneaS()};
        boolean inRange = withinRanges(values, LIMITS, "", reasons);
        if (inRange && s.mode() != null) crossCheck(s, reasons);
        return reasons.isEmpty() ? new SettingsCheck.Accepted(s) : new SettingsCheck.Rejected(reasons);
    }

    private static void crossCheck(VentilationSettings s, List<String> reasons) {
        if (s.peepCmH2O() + s.dpCmH2O() > MAX_TARGET_PRESSURE_CMH2O + ROUNDING) {
            reasons.add("peep_cmh2o + dp_cmh2o = %s exceeds the maximum pressure target %s cmH2O"
                    .formatted(derived(s.peepCmH2O() + s.dpCmH2O()), fmt(MAX_TARGET_PRESSURE_CMH2O)));
        }
        if (s.peepCmH2O() + s.psCmH2O() > MAX_TARGET_PRESSURE_CMH2O + ROUNDING) {
            reasons.add("peep_cmh2o + ps_cmh2o = %s exceeds the maximum pressure target %s cmH2O"
                    .formatted(derived(s.peepCmH2O() + s.psCmH2O()), fmt(MAX_TARGET_PRESSURE_CMH2O)));
        }
        double te = s.teS();
        if (te < MIN_TE_S - ROUNDING) {
            reasons.add("ti_s %s leaves an expiratory time of %s s at rate_bpm %s; at least %s s is needed"
                    .formatted(fmt(s.tiS()), derived(te), fmt(s.rateBpm()), fmt(MIN_TE_S)));
        } else if (s.tiS() / te > MAX_I_TO_E + ROUNDING) {
            reasons.add("I:E of %s:1 (ti_s %s at rate_bpm %s) is beyond the %s:1 inverse-ratio limit"
                    .formatted(derived(s.tiS() / te), fmt(s.tiS()), fmt(s.rateBpm()), fmt(MAX_I_TO_E)));
        }
        if (s.riseTimeS() >= s.tiS()) {
            reasons.add("rise_time_s %s must be shorter than ti_s %s".formatted(fmt(s.riseTimeS()), fmt(s.tiS())));
        }
        if (s.mode().volumeTargeted()) {
            double flowLpm = s.vtMl() / s.tiS() * 60 / 1000;
            if (flowLpm > MAX_INSPIRATORY_FLOW_LPM + ROUNDING) {
                reasons.add("vt_ml %s in ti_s %s needs %s L/min; the valves deliver at most %s L/min"
                        .formatted(fmt(s.vtMl()), fmt(s.tiS()), derived(flowLpm), fmt(MAX_INSPIRATORY_FLOW_LPM)));
            }
        }
        if (s.mode() == Mode.PSV) {
            if (s.apneaS() <= s.breathPeriodS()) {
                reasons.add("apnea_s %s must be longer than one backup breath (%s s at rate_bpm %s)"
                        .formatted(fmt(s.apneaS()), derived(s.breathPeriodS()), fmt(s.rateBpm())));
            }
        }
    }

    /** Ranges of the alarm limits, in the order of {@link AlarmLimits}'s components. */
    public static final List<Limit> ALARM_LIMITS = List.of(
            new Limit("high_pressure_cmh2o", "cmH2O", 10, 80),
            new Limit("low_vte_ml", "mL", 0, 2500),
            new Limit("high_vte_ml", "mL", 5, 4000),
            new Limit("low_mv_lpm", "L/min", 0, 50),
            new Limit("high_mv_lpm", "L/min", 0.1, 100),
            new Limit("high_rate_bpm", "breaths/min", 5, 200),
            new Limit("high_peep_cmh2o", "cmH2O", 1, 50),
            new Limit("low_peep_cmh2o", "cmH2O", -1, 35),
            new Limit("high_fio2_pct", "%", 22, 101),
            new Limit("low_fio2_pct", "%", AlarmLimits.MIN_LOW_FIO2_PCT, 99));

    /**
     * Checks the settings and the alarm limits that go with them. Beyond each limit's range: pairs
     * stay ordered (low below high), and every limit sits on the right side of what is set — the
     * high-pressure limit at least 2 cmH2O above the pressure target, PEEP and FiO2 between their low
     * and high limits, the rate below its limit.
     */
    public static SettingsCheck check(VentilationSettings s, AlarmLimits l) {
        SettingsCheck settingsCheck = check(s);
        List<String> reasons = new ArrayList<>(settingsCheck instanceof SettingsCheck.Rejected r ? r.reasons() : List.of());
        AlarmLimitField[] fields = AlarmLimitField.values();
        double[] values = new double[fields.length];
        for (AlarmLimitField f : fields) values[f.ordinal()] = f.of(l);
        boolean inRange = withinRanges(values, ALARM_LIMITS, "alarm limit ", reasons);
        if (inRange && settingsCheck.accepted()) crossCheckLimits(s, l, reasons);
        return reasons.isEmpty() ? new SettingsCheck.Accepted(s) : new SettingsCheck.Rejected(reasons);
    }

    private static void crossCheckLimits(VentilationSettings s, AlarmLimits l, List<String> reasons) {
        if (l.lowVteMl() >= l.highVteMl()) {
            reasons.add("alarm limit low_vte_ml %s must be below high_vte_ml %s".formatted(fmt(l.lowVteMl()), fmt(l.highVteMl())));
        }
        if (l.lowMvLpm() >= l.highMvLpm()) {
            reasons.add("alarm limit low_mv_lpm %s must be below high_mv_lpm %s".formatted(fmt(l.lowMvLpm()), fmt(l.highMvLpm())));
        }
        double target = s.peepCmH2O() + switch (s.mode()) {
            case PSV -> Math.max(s.psCmH2O(), s.dpCmH2O());
            case PC_CMV, PC_AC -> s.dpCmH2O();
            case VC_CMV, VC_AC -> 0;
        };
        if (l.highPressureCmH2O() < target + 2 - ROUNDING) {
            reasons.add("alarm limit high_pressure_cmh2o %s must be at least 2 cmH2O above the pressure target %s"
                    .formatted(fmt(l.highPressureCmH2O()), derived(target)));
        }
        if (!(l.lowPeepCmH2O() < s.peepCmH2O() && s.peepCmH2O() < l.highPeepCmH2O())) {
            reasons.add("peep_cmh2o %s must lie between alarm limits low_peep_cmh2o %s and high_peep_cmh2o %s"
                    .formatted(fmt(s.peepCmH2O()), fmt(l.lowPeepCmH2O()), fmt(l.highPeepCmH2O())));
        }
        if (!(l.lowFio2Pct() < s.fio2Pct() && s.fio2Pct() < l.highFio2Pct())) {
            reasons.add("fio2_pct %s must lie between alarm limits low_fio2_pct %s and high_fio2_pct %s"
                    .formatted(fmt(s.fio2Pct()), fmt(l.lowFio2Pct()), fmt(l.highFio2Pct())));
        }
        if (l.highRateBpm() <= s.rateBpm()) {
            reasons.add("alarm limit high_rate_bpm %s must be above rate_bpm %s".formatted(fmt(l.highRateBpm()), fmt(s.rateBpm())));
        }
    }

    /** Checks each value against its range; adds a reason per value outside. */
    private static boolean withinRanges(double[] values, List<Limit> limits, String prefix, List<String> reasons) {
        boolean inRange = true;
        for (int i = 0; i < values.length; i++) {
            Limit limit = limits.get(i);
            if (!limit.admits(values[i])) {
                inRange = false;
                reasons.add("%s%s %s is out of range %s–%s %s".formatted(prefix,
                        limit.field(), fmt(values[i]), fmt(limit.min()), fmt(limit.max()), limit.unit()));
            }
        }
        return inRange;
    }

    /** A computed value (Te, I:E, a sum, a flow), to three decimals: its rounding noise is not news. */
    static String derived(double v) {
        return Double.isFinite(v) ? fmt(Math.round(v * 1000) / 1000.0) : fmt(v);
    }

    /** The value as the user wrote it (no rounding that could make 70.0001 look like 70). */
    static String fmt(double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= 1e9 || (v != 0 && Math.abs(v) < 1e-6)) return Double.toString(v);
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
