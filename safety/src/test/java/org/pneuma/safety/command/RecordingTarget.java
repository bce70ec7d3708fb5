package org.pneuma.safety.command;

import java.util.ArrayList;
import java.util.List;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.SettingsCheck;
import org.pneuma.safety.settings.SettingsValidator;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * A partition stand-in that records what the handler applies and refuses, loudly, anything the
 * validator would not accept: its {@link AssertionError} is not caught by the handler, so a test that
 * ever gets an invalid pair applied fails.
 */
final class RecordingTarget implements CommandTarget {
    record Applied(VentilationSettings settings, AlarmLimits limits) {
    }

    final List<Applied> applied = new ArrayList<>();
    int acknowledgements;
    int audioPauses;
    /** Set to make the next calls throw, as a broken partition would. */
    RuntimeException failWith;
    /** Keep only the count of applications, not the records (for long fuzz runs). */
    boolean countOnly;
    long appliedCount;

    @Override
    public void apply(VentilationSettings settings, AlarmLimits limits) {
        if (SettingsValidator.check(settings, limits) instanceof SettingsCheck.Rejected(List<String> reasons)) {
            throw new AssertionError("invalid settings applied: " + settings + " with " + limits + ": " + reasons);
        }
        if (failWith != null) {
            throw failWith;
        }
        appliedCount++;
        if (!countOnly) {
            applied.add(new Applied(settings, limits));
        }
    }

    @Override
    public void acknowledge() {
        if (failWith != null) {
            throw failWith;
        }
        acknowledgements++;
    }

    @Override
    public void pauseAudio() {
        if (failWith != null) {
            throw failWith;
        }
        audioPauses++;
    }

    Applied last() {
        return applied.getLast();
    }
}
