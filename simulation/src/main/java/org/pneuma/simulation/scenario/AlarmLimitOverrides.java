package org.pneuma.simulation.scenario;

import org.pneuma.safety.settings.AlarmLimitField;

import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The alarm limits a scenario fixes. A fixed limit keeps its value whatever the settings; every other
 * limit follows {@link AlarmLimits#defaultsFor} the settings in force, and moves with them when they
 * change — as on a ventilator where the clinician set some limits and left the rest at their defaults.
 *
 * @param fixed the fixed limits and their values (copied; iterated in field order)
 */
public record AlarmLimitOverrides(Map<AlarmLimitField, Double> fixed) {
    /** Nothing fixed: every limit follows the settings. */
    public static final AlarmLimitOverrides NONE = new AlarmLimitOverrides(Map.of());

    public AlarmLimitOverrides {
        EnumMap<AlarmLimitField, Double> copy = new EnumMap<>(AlarmLimitField.class);
        for (Map.Entry<AlarmLimitField, Double> e : fixed.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("alarm limit " + e.getKey() + " needs a finite value, got " + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        fixed = Collections.unmodifiableMap(copy);
    }

    /** Every limit fixed to {@code limits}' values: nothing follows the settings. */
    public static AlarmLimitOverrides all(AlarmLimits limits) {
        EnumMap<AlarmLimitField, Double> all = new EnumMap<>(AlarmLimitField.class);
        for (AlarmLimitField f : AlarmLimitField.values()) all.put(f, f.of(limits));
        return new AlarmLimitOverrides(all);
    }

    /** The limits in force with {@code settings}: the fixed ones, and the defaults for the others. */
    public AlarmLimits over(VentilationSettings settings) {
        AlarmLimits defaults = AlarmLimits.defaultsFor(settings);
        if (fixed.isEmpty()) return defaults;
        AlarmLimits.Builder b = defaults.toBuilder();
        fixed.forEach((field, value) -> field.set(b, value));
        return b.build();
    }

    /** These, with {@code later}'s fixed limits put over them. */
    public AlarmLimitOverrides with(AlarmLimitOverrides later) {
        EnumMap<AlarmLimitField, Double> merged = new EnumMap<>(AlarmLimitField.class);
        merged.putAll(fixed);
        merged.putAll(later.fixed);
        return new AlarmLimitOverrides(merged);
    }

    public boolean fixes(AlarmLimitField field) {
        return fixed.containsKey(field);
    }
}
