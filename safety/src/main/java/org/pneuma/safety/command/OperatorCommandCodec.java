package org.pneuma.safety.command;

import org.pneuma.safety.settings.AlarmLimitField;

import java.util.EnumMap;
import org.pneuma.channel.CommandFrame;
import org.pneuma.safety.command.OperatorCommand.Acknowledge;
import org.pneuma.safety.command.OperatorCommand.ChangeAlarmLimits;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;
import org.pneuma.safety.command.OperatorCommand.PauseAudio;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.TriggerType;

/**
 * The meaning of a request frame's kind and payload: {@link OperatorCommand}s to frames and back.
 *
 * <pre>
 * kind 1 CHANGE_SETTINGS      15 payload longs: 0 field mask (bit 0 mode, bit 1 trigger, bit 2+i
 *                             SettingField i), 1 mode code, 2 trigger code, 3+i SettingField i as double bits
 * kind 2 CHANGE_ALARM_LIMITS  11 payload longs: 0 field mask (bit i AlarmLimitField i), 1+i AlarmLimitField i as double bits
 * kind 3 ACKNOWLEDGE           0 payload longs
 * kind 4 PAUSE_AUDIO           0 payload longs
 * mode codes 1 PC_CMV, 2 PC_AC, 3 VC_CMV, 4 VC_AC, 5 PSV; trigger codes 1 FLOW, 2 PRESSURE
 * </pre>
 *
 * <p>Decoding is strict: the length must be the kind's, the mask must name at least one field and no
 * other bits, every named value must be a finite number or a known code, and every word of a field
 * not named must be zero. It checks form only; whether the values are safe is the validator's call.
 *
 * <p>Stateless; any thread. Decoding a frame allocates (the command, or the reason it is malformed).
 */
public final class OperatorCommandCodec {
    public static final int CHANGE_SETTINGS = 1;
    public static final int CHANGE_ALARM_LIMITS = 2;
    public static final int ACKNOWLEDGE = 3;
    public static final int PAUSE_AUDIO = 4;
    /** Kinds run from 1 to this; the request reader treats any other as garbled. */
    public static final int HIGHEST_KIND = PAUSE_AUDIO;

    public static final int SETTINGS_PAYLOAD_LONGS = 3 + SettingField.values().length;
    public static final int LIMITS_PAYLOAD_LONGS = 1 + AlarmLimitField.values().length;

    private static final SettingField[] SETTING_FIELDS = SettingField.values();
    private static final AlarmLimitField[] LIMIT_FIELDS = AlarmLimitField.values();
    private static final long MODE_BIT = 1L;
    private static final long TRIGGER_BIT = 1L << 1;
    private static final int FIRST_SETTING_BIT = 2;
    private static final long SETTINGS_MASK = (1L << (FIRST_SETTING_BIT + SETTING_FIELDS.length)) - 1;
    private static final long LIMITS_MASK = (1L << LIMIT_FIELDS.length) - 1;
    private static final Mode[] MODES_BY_CODE = {null, Mode.PC_CMV, Mode.PC_AC, Mode.VC_CMV, Mode.VC_AC, Mode.PSV};
    private static final TriggerType[] TRIGGERS_BY_CODE = {null, TriggerType.FLOW, TriggerType.PRESSURE};

    /** The outcome of decoding a frame. */
    public sealed interface Decoding {
    }

    /** The frame is a well-formed command. */
    public record Decoded(OperatorCommand command) implements Decoding {
    }

    /** The frame does not decode as a command of its kind; the reason says why, for the operator. */
    public record Malformed(String reason) implements Decoding {
    }

    private OperatorCommandCodec() {
    }

    /** Decodes a frame that passed the channel's checks. Never throws, whatever the frame holds. */
    public static Decoding decode(CommandFrame frame) {
        long correlationId = frame.correlationId();
        int length = frame.payloadLength();
        return switch (frame.kind()) {
            case CHANGE_SETTINGS -> length == SETTINGS_PAYLOAD_LONGS ? decodeSettings(frame)
                : wrongLength("change-settings", SETTINGS_PAYLOAD_LONGS, length);
            case CHANGE_ALARM_LIMITS -> length == LIMITS_PAYLOAD_LONGS ? decodeLimits(frame)
                : wrongLength("change-alarm-limits", LIMITS_PAYLOAD_LONGS, length);
            case ACKNOWLEDGE -> length == 0 ? new Decoded(new Acknowledge(correlationId))
                : wrongLength("acknowledge", 0, length);
            case PAUSE_AUDIO -> length == 0 ? new Decoded(new PauseAudio(correlationId))
                : wrongLength("pause-audio", 0, length);
            default -> new Malformed("unknown command kind " + frame.kind());
        };
    }

    /** Writes {@code command} into {@code into} (cleared first), ready to offer. Values are not checked. */
    public static CommandFrame encode(OperatorCommand command, CommandFrame into) {
        into.clear().correlationId(command.correlationId());
        switch (command) {
            case ChangeSettings c -> {
                long mask = 0;
                if (c.mode() != null) {
                    mask |= MODE_BIT;
                    into.payloadLong(1, modeCode(c.mode()));
                }
                if (c.trigger() != null) {
                    mask |= TRIGGER_BIT;
                    into.payloadLong(2, triggerCode(c.trigger()));
                }
                for (var e : c.values().entrySet()) {
                    int i = e.getKey().ordinal();
                    mask |= 1L << (FIRST_SETTING_BIT + i);
                    into.payloadDouble(3 + i, e.getValue());
                }
                into.kind(CHANGE_SETTINGS).payloadLength(SETTINGS_PAYLOAD_LONGS).payloadLong(0, mask);
            }
            case ChangeAlarmLimits c -> {
                long mask = 0;
                for (var e : c.values().entrySet()) {
                    int i = e.getKey().ordinal();
                    mask |= 1L << i;
                    into.payloadDouble(1 + i, e.getValue());
                }
                into.kind(CHANGE_ALARM_LIMITS).payloadLength(LIMITS_PAYLOAD_LONGS).payloadLong(0, mask);
            }
            case Acknowledge a -> into.kind(ACKNOWLEDGE);
            case PauseAudio p -> into.kind(PAUSE_AUDIO);
        }
        return into;
    }

    public static int modeCode(Mode mode) {
        for (int code = 1; code < MODES_BY_CODE.length; code++) {
            if (MODES_BY_CODE[code] == mode) {
                return code;
            }
        }
        throw new IllegalArgumentException("no code for mode " + mode);
    }

    public static int triggerCode(TriggerType trigger) {
        for (int code = 1; code < TRIGGERS_BY_CODE.length; code++) {
            if (TRIGGERS_BY_CODE[code] == trigger) {
                return code;
            }
        }
        throw new IllegalArgumentException("no code for trigger " + trigger);
    }

    private static Decoding decodeSettings(CommandFrame frame) {
        long mask = frame.payloadLong(0);
        if (mask == 0) {
            return new Malformed("change-settings names no setting to change");
        }
        if ((mask & ~SETTINGS_MASK) != 0) {
            return new Malformed("change-settings field mask 0x" + Long.toHexString(mask) + " names unknown fields");
        }
        Mode mode = null;
        long modeWord = frame.payloadLong(1);
        if ((mask & MODE_BIT) != 0) {
            mode = modeWord > 0 && modeWord < MODES_BY_CODE.length ? MODES_BY_CODE[(int) modeWord] : null;
            if (mode == null) {
                return new Malformed("unknown mode code " + modeWord);
            }
        } else if (modeWord != 0) {
            return unnamedWordSet(1);
        }
        TriggerType trigger = null;
        long triggerWord = frame.payloadLong(2);
        if ((mask & TRIGGER_BIT) != 0) {
            trigger = triggerWord > 0 && triggerWord < TRIGGERS_BY_CODE.length ? TRIGGERS_BY_CODE[(int) triggerWord] : null;
            if (trigger == null) {
                return new Malformed("unknown trigger code " + triggerWord);
            }
        } else if (triggerWord != 0) {
            return unnamedWordSet(2);
        }
        EnumMap<SettingField, Double> values = new EnumMap<>(SettingField.class);
        for (SettingField field : SETTING_FIELDS) {
            int word = 3 + field.ordinal();
            if ((mask & (1L << (FIRST_SETTING_BIT + field.ordinal()))) != 0) {
                double value = frame.payloadDouble(word);
                if (!Double.isFinite(value)) {
                    return notFinite(field.key(), value);
                }
                values.put(field, value);
            } else if (frame.payloadLong(word) != 0) {
                return unnamedWordSet(word);
            }
        }
        return new Decoded(new ChangeSettings(frame.correlationId(), mode, trigger, values));
    }

    private static Decoding decodeLimits(CommandFrame frame) {
        long mask = frame.payloadLong(0);
        if (mask == 0) {
            return new Malformed("change-alarm-limits names no limit to change");
        }
        if ((mask & ~LIMITS_MASK) != 0) {
            return new Malformed("change-alarm-limits field mask 0x" + Long.toHexString(mask) + " names unknown fields");
        }
        EnumMap<AlarmLimitField, Double> values = new EnumMap<>(AlarmLimitField.class);
        for (AlarmLimitField field : LIMIT_FIELDS) {
            int word = 1 + field.ordinal();
            if ((mask & (1L << field.ordinal())) != 0) {
                double value = frame.payloadDouble(word);
                if (!Double.isFinite(value)) {
                    return notFinite("alarm limit " + field.key(), value);
                }
                values.put(field, value);
            } else if (frame.payloadLong(word) != 0) {
                return unnamedWordSet(word);
            }
        }
        return new Decoded(new ChangeAlarmLimits(frame.correlationId(), values));
    }

    private static Malformed wrongLength(String kind, int expected, int actual) {
        return new Malformed(kind + " carries " + expected + " payload longs, not " + actual);
    }

    private static Malformed notFinite(String what, double value) {
        return new Malformed(what + " is not a finite number (" + value + ")");
    }

    private static Malformed unnamedWordSet(int word) {
        return new Malformed("payload word " + word + " is set but its field is not in the mask");
    }
}
