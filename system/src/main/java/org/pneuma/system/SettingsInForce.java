package org.pneuma.system;

import java.util.Objects;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * The ventilation settings and alarm limits in force together: what the safety partition persists and
 * resumes with. Immutable, so the tick can hand one to another thread as it is.
 */
public record SettingsInForce(VentilationSettings settings, AlarmLimits limits) {
    public SettingsInForce {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(limits, "limits");
    }

    /** What the ventilator starts with when nothing was persisted: PC-AC at the power-on defaults. */
    public static SettingsInForce defaults() {
        return new SettingsInForce(VentilationSettings.DEFAULTS, AlarmLimits.defaultsFor(VentilationSettings.DEFAULTS));
    }
}
