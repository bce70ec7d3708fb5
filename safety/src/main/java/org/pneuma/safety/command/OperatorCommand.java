package org.pneuma.safety.command;

import org.pneuma.safety.settings.AlarmLimitField;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.TriggerType;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * What the operator asked for from the guest's display, decoded from a request frame and not yet
 * judged. Values are as sent: decoding guarantees they are finite numbers of the right fields, not
 * that they are safe — {@link CommandHandler} merges them over what is in force and asks the settings
 * validator.
 */
public sealed interface OperatorCommand {
    /** The guest's id for the request, echoed in the response. */
    long correlationId();

    /**
     * Change some ventilation settings; the others stay as they are.
     *
     * @param mode    the new mode, or null to keep it
     * @param trigger the new trigger type, or null to keep it
     * @param values  new values of the numeric fields to change (copied)
     */
    record ChangeSettings(long correlationId, Mode mode, TriggerType trigger, Map<SettingField, Double> values)
        implements OperatorCommand {
        public ChangeSettings {
            EnumMap<SettingField, Double> copy = new EnumMap<>(SettingField.class);
            copy.putAll(values);
            if (copy.containsValue(null)) {
                throw new NullPointerException("a changed setting needs a value");
            }
            values = Collections.unmodifiableMap(copy);
        }

        /** The settings {@code inForce} would become: not validated. */
        public VentilationSettings over(VentilationSettings inForce) {
            VentilationSettings.Builder b = inForce.toBuilder();
            if (mode != null) {
                b.mode = mode;
            }
            if (trigger != null) {
                b.trigger = trigger;
            }
            values.forEach((field, value) -> field.set(b, value));
            return b.build();
        }
    }

    /**
     * Change some alarm limits; the others stay as they are.
     *
     * @param values new values of the limits to change (copied)
     */
    record ChangeAlarmLimits(long correlationId, Map<AlarmLimitField, Double> values) implements OperatorCommand {
        public ChangeAlarmLimits {
            EnumMap<AlarmLimitField, Double> copy = new EnumMap<>(AlarmLimitField.class);
            copy.putAll(values);
            if (copy.containsValue(null)) {
                throw new NullPointerException("a changed alarm limit needs a value");
            }
            values = Collections.unmodifiableMap(copy);
        }

        /** The limits {@code inForce} would become: not validated. */
        public AlarmLimits over(AlarmLimits inForce) {
            AlarmLimits.Builder b = inForce.toBuilder();
            values.forEach((field, value) -> field.set(b, value));
            return b.build();
        }
    }

    /** Acknowledge the alarms that are signalling. */
    record Acknowledge(long correlationId) implements OperatorCommand {
    }

    /** Pause the alarm audio for the alarm system's pause interval. */
    record PauseAudio(long correlationId) implements OperatorCommand {
    }
}
