package org.pneuma.safety.settings;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators and helpers for the settings properties. Valid settings are built from unit fractions so
 * that jqwik's edge cases (0 and 1) land on the documented limits. Where a rule is a strict or derived
 * bound (rise time below Ti, Te from 60/rate), the generated value keeps a relative margin of 1e-9 from
 * it; the exact boundaries are pinned in the example tests.
 */
final class SettingsFixtures {
    static final double MARGIN = 1e-9;

    static final List<String> FIELDS = SettingsValidator.LIMITS.stream().map(SettingsValidator.Limit::field).toList();

    private SettingsFixtures() {
    }

    static SettingsValidator.Limit limit(String field) {
        return SettingsValidator.LIMITS.stream().filter(l -> l.field().equals(field)).findFirst().orElseThrow();
    }

    /** The point a fraction {@code u} of the way from min to max, never outside them by rounding. */
    static double between(double min, double max, double u) {
        return Math.max(min, Math.min(max, min + u * (max - min)));
    }

    static double shaved(double v) {
        return v * (1 - MARGIN);
    }

    /** Settings satisfying every range and every cross-field rule. */
    static Arbitrary<VentilationSettings> valid() {
        Arbitrary<Double> u = Arbitraries.doubles().between(0, 1);
        Arbitrary<Mode> mode = Arbitraries.of(Mode.class);
        Arbitrary<TriggerType> trigger = Arbitraries.of(TriggerType.class);
        return Combinators.combine(mode, trigger, u.list().ofSize(12)).as(SettingsFixtures::validFrom);
    }

    static VentilationSettings validFrom(Mode mode, TriggerType trigger, List<Double> u) {
        double peep = between(0, 35, u.get(0));
        double pressureRoom = Math.min(70, SettingsValidator.MAX_TARGET_PRESSURE_CMH2O - peep);
        double dp = between(2, Math.max(2, pressureRoom - MARGIN), u.get(1));
        double ps = between(0, Math.max(0, pressureRoom - MARGIN), u.get(2));
        // PSV's apnea interval (at most 60 s) has to outlast one backup breath, so PSV needs rate > 1.
        double rate = mode == Mode.PSV ? between(1.5, 150, u.get(3)) : between(1, 150, u.get(3));
        double period = 60 / rate;
        double tiMax = shaved(Math.min(5, Math.min(period - SettingsValidator.MIN_TE_S, period * 0.8)));
        double ti = between(0.1, tiMax, u.get(4));
        double rise = u.get(5) * Math.min(2, shaved(ti));
        double vtMax = mode.volumeTargeted()
                ? shaved(Math.min(2500, SettingsValidator.MAX_INSPIRATORY_FLOW_LPM * 1000 / 60 * ti)) : 2500;
        double vt = between(5, vtMax, u.get(6));
        double flowTrigger = between(0.2, 20, u.get(7));
        double pressureTrigger = between(0.5, 20, u.get(8));
        double cycleOff = between(5, 80, u.get(9));
        double fio2 = between(21, 100, u.get(10));
        double apnea = mode == Mode.PSV
                ? between(Math.max(5, period * (1 + 1e-6)), 60, u.get(11))
                : between(5, 60, u.get(11));
        return new VentilationSettings(mode, peep, dp, vt, rate, ti, rise, trigger, flowTrigger,
                pressureTrigger, ps, cycleOff, fio2, apnea);
    }

    /** A copy of {@code s} with one field, named as in {@link SettingsValidator#LIMITS}, replaced. */
    static VentilationSettings with(VentilationSettings s, String field, double value) {
        VentilationSettings.Builder b = s.toBuilder();
        switch (field) {
            case "peep_cmh2o" -> b.peepCmH2O = value;
            case "dp_cmh2o" -> b.dpCmH2O = value;
            case "vt_ml" -> b.vtMl = value;
            case "rate_bpm" -> b.rateBpm = value;
            case "ti_s" -> b.tiS = value;
            case "rise_time_s" -> b.riseTimeS = value;
            case "flow_trigger_lpm" -> b.flowTriggerLpm = value;
            case "pressure_trigger_cmh2o" -> b.pressureTriggerCmH2O = value;
            case "ps_cmh2o" -> b.psCmH2O = value;
            case "cycle_off_pct" -> b.cycleOffPct = value;
            case "fio2_pct" -> b.fio2Pct = value;
            case "apnea_s" -> b.apneaS = value;
            default -> throw new IllegalArgumentException("no field " + field);
        }
        return b.build();
    }

    static List<String> reasons(SettingsCheck check) {
        return check instanceof SettingsCheck.Rejected r ? r.reasons() : List.of();
    }
}
