package org.pneuma.safety.settings;

import java.util.List;

/**
 * The verdict of {@link SettingsValidator}: accepted, or rejected with its reasons — every field out of
 * range, or (when all are in range) every cross-field rule broken.
 */
public sealed interface SettingsCheck {

    boolean accepted();

    record Accepted(VentilationSettings settings) implements SettingsCheck {
        public boolean accepted() { return true; }
    }

    record Rejected(List<String> reasons) implements SettingsCheck {
        public Rejected {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) throw new IllegalArgumentException("a rejection needs a reason");
        }
        public boolean accepted() { return false; }
    }
}
