package org.pneuma.safety.command;

import org.pneuma.safety.settings.AlarmLimitField;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailboxLayout;
import org.pneuma.safety.command.OperatorCommand.Acknowledge;
import org.pneuma.safety.command.OperatorCommand.ChangeAlarmLimits;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;
import org.pneuma.safety.command.OperatorCommand.PauseAudio;
import org.pneuma.safety.command.OperatorCommandCodec.Decoded;
import org.pneuma.safety.command.OperatorCommandCodec.Decoding;
import org.pneuma.safety.command.OperatorCommandCodec.Malformed;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.SettingsValidator;
import org.pneuma.safety.settings.TriggerType;
import org.pneuma.safety.settings.VentilationSettings;

class OperatorCommandCodecTest {
    private final CommandFrame frame = new CommandFrame();

    @Test
    void fieldsAreInTheValidatorsOrderAndTheirPayloadsFitAFrame() {
        assertThat(SettingField.values()).extracting(SettingField::key)
            .containsExactlyElementsOf(SettingsValidator.LIMITS.stream().map(SettingsValidator.Limit::field).toList());
        assertThat(AlarmLimitField.values()).extracting(AlarmLimitField::key)
            .containsExactlyElementsOf(SettingsValidator.ALARM_LIMITS.stream().map(SettingsValidator.Limit::field).toList());
        assertThat(OperatorCommandCodec.SETTINGS_PAYLOAD_LONGS).isEqualTo(15).isLessThanOrEqualTo(CommandMailboxLayout.PAYLOAD_LONGS);
        assertThat(OperatorCommandCodec.LIMITS_PAYLOAD_LONGS).isEqualTo(11);
    }

    @Test
    void eachFieldReadsAndWritesItsOwnComponent() {
        VentilationSettings s = VentilationSettings.DEFAULTS;
        for (SettingField field : SettingField.values()) {
            VentilationSettings changed = new ChangeSettings(0, null, null, Map.of(field, 1234.5)).over(s);
            assertThat(field.of(changed)).as("%s", field).isEqualTo(1234.5);
            for (SettingField other : SettingField.values()) {
                if (other != field) {
                    assertThat(other.of(changed)).as("%s after changing %s", other, field).isEqualTo(other.of(s));
                }
            }
        }
        AlarmLimits l = AlarmLimits.defaultsFor(s);
        for (AlarmLimitField field : AlarmLimitField.values()) {
            AlarmLimits changed = new ChangeAlarmLimits(0, Map.of(field, 4321.5)).over(l);
            assertThat(field.of(changed)).as("%s", field).isEqualTo(4321.5);
            for (AlarmLimitField other : AlarmLimitField.values()) {
                if (other != field) {
                    assertThat(other.of(changed)).as("%s after changing %s", other, field).isEqualTo(other.of(l));
                }
            }
        }
    }

    @Test
    void everyKindRoundTrips() {
        OperatorCommand[] commands = {
            new ChangeSettings(1, Mode.VC_AC, TriggerType.PRESSURE, Map.of(SettingField.VT_ML, 420.0, SettingField.APNEA_S, 30.0)),
            new ChangeSettings(2, null, null, Map.of(SettingField.PEEP_CMH2O, -0.0)),
            new ChangeSettings(3, Mode.PSV, null, Map.of()),
            new ChangeAlarmLimits(4, Map.of(AlarmLimitField.HIGH_PRESSURE_CMH2O, 45.0, AlarmLimitField.LOW_FIO2_PCT, 18.0)),
            new Acknowledge(Long.MIN_VALUE),
            new PauseAudio(Long.MAX_VALUE)};
        for (OperatorCommand command : commands) {
            assertThat(OperatorCommandCodec.decode(OperatorCommandCodec.encode(command, frame)))
                .isEqualTo(new Decoded(command));
        }
    }

    @Property(tries = 500)
    void anyPartialChangeRoundTrips(@ForAll("settingsChanges") ChangeSettings settings,
                                    @ForAll("limitsChanges") ChangeAlarmLimits limits) {
        Decoding decodedSettings = OperatorCommandCodec.decode(OperatorCommandCodec.encode(settings, frame));
        if (settings.mode() == null && settings.trigger() == null && settings.values().isEmpty()) {
            assertThat(decodedSettings).isInstanceOf(Malformed.class);
        } else {
            assertThat(decodedSettings).isEqualTo(new Decoded(settings));
        }
        Decoding decodedLimits = OperatorCommandCodec.decode(OperatorCommandCodec.encode(limits, frame));
        if (limits.values().isEmpty()) {
            assertThat(decodedLimits).isInstanceOf(Malformed.class);
        } else {
            assertThat(decodedLimits).isEqualTo(new Decoded(limits));
        }
    }

    @Test
    void aWrongLengthForTheKindIsMalformed() {
        encode(new Acknowledge(1)).payloadLength(1);
        assertMalformed("acknowledge carries 0 payload longs, not 1");
        encode(new PauseAudio(1)).payloadLength(20);
        assertMalformed("pause-audio carries 0 payload longs, not 20");
        encode(new ChangeSettings(1, Mode.PC_AC, null, Map.of())).payloadLength(14);
        assertMalformed("change-settings carries 15 payload longs, not 14");
        encode(new ChangeAlarmLimits(1, Map.of(AlarmLimitField.LOW_VTE_ML, 1.0))).payloadLength(12);
        assertMalformed("change-alarm-limits carries 11 payload longs, not 12");
    }

    @Test
    void aMaskNamingNothingOrUnknownFieldsIsMalformed() {
        encode(new ChangeSettings(1, Mode.PC_AC, null, Map.of())).payloadLong(0, 0).payloadLong(1, 0);
        assertMalformed("change-settings names no setting to change");
        encode(new ChangeSettings(1, Mode.PC_AC, null, Map.of())).payloadLong(0, 1L | 1L << 14);
        assertMalformed("names unknown fields");
        encode(new ChangeAlarmLimits(1, Map.of(AlarmLimitField.LOW_VTE_ML, 1.0))).payloadLong(0, 0).payloadLong(2, 0);
        assertMalformed("change-alarm-limits names no limit to change");
        encode(new ChangeAlarmLimits(1, Map.of(AlarmLimitField.LOW_VTE_ML, 1.0))).payloadLong(0, Long.MIN_VALUE | 2);
        assertMalformed("names unknown fields");
    }

    @Test
    void nanAndInfinitiesInANamedFieldAreMalformedAndNamed() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.longBitsToDouble(0x7FF0_0000_0000_0001L)}) {
            encode(new ChangeSettings(1, null, null, Map.of(SettingField.FIO2_PCT, bad)));
            assertMalformed("fio2_pct is not a finite number");
            encode(new ChangeAlarmLimits(1, Map.of(AlarmLimitField.HIGH_PRESSURE_CMH2O, bad)));
            assertMalformed("alarm limit high_pressure_cmh2o is not a finite number");
        }
    }

    @Test
    void unknownModeAndTriggerCodesAreMalformed() {
        for (long code : new long[] {0, 6, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            encode(new ChangeSettings(1, Mode.PC_AC, null, Map.of())).payloadLong(1, code);
            assertMalformed("unknown mode code " + code);
        }
        for (long code : new long[] {0, 3, -1, 1L << 40}) {
            encode(new ChangeSettings(1, null, TriggerType.FLOW, Map.of())).payloadLong(2, code);
            assertMalformed("unknown trigger code " + code);
        }
    }

    @Test
    void aValueInAWordItsMaskDoesNotNameIsMalformed() {
        encode(new ChangeSettings(1, null, null, Map.of(SettingField.VT_ML, 400.0))).payloadLong(1, 2);
        assertMalformed("payload word 1 is set");
        encode(new ChangeSettings(1, null, null, Map.of(SettingField.VT_ML, 400.0))).payloadLong(2, 1);
        assertMalformed("payload word 2 is set");
        encode(new ChangeSettings(1, null, null, Map.of(SettingField.VT_ML, 400.0))).payloadDouble(3, 5.0);
        assertMalformed("payload word 3 is set");
        encode(new ChangeAlarmLimits(1, Map.of(AlarmLimitField.LOW_VTE_ML, 1.0))).payloadDouble(10, 18.0);
        assertMalformed("payload word 10 is set");
    }

    @Test
    void anUnknownKindIsMalformedEvenIfTheChannelLetItThrough() {
        frame.clear().kind(99);
        assertMalformed("unknown command kind 99");
    }

    @Test
    void modeAndTriggerCodesAreStable() {
        assertThat(Mode.values()).extracting(OperatorCommandCodec::modeCode).containsExactly(1, 2, 3, 4, 5);
        assertThat(TriggerType.values()).extracting(OperatorCommandCodec::triggerCode).containsExactly(1, 2);
    }

    @Provide
    Arbitrary<ChangeSettings> settingsChanges() {
        Arbitrary<Mode> mode = Arbitraries.of(Mode.class).injectNull(0.4);
        Arbitrary<TriggerType> trigger = Arbitraries.of(TriggerType.class).injectNull(0.4);
        Arbitrary<Map<SettingField, Double>> values = Arbitraries.maps(Arbitraries.of(SettingField.class),
            Arbitraries.doubles().between(-1e6, 1e6)).ofMaxSize(SettingField.values().length);
        return Combinators.combine(Arbitraries.longs(), mode, trigger, values).as(ChangeSettings::new);
    }

    @Provide
    Arbitrary<ChangeAlarmLimits> limitsChanges() {
        Arbitrary<Map<AlarmLimitField, Double>> values = Arbitraries.maps(Arbitraries.of(AlarmLimitField.class),
            Arbitraries.doubles().between(-1e6, 1e6)).ofMaxSize(AlarmLimitField.values().length);
        return Combinators.combine(Arbitraries.longs(), values).as(ChangeAlarmLimits::new);
    }

    private CommandFrame encode(OperatorCommand command) {
        return OperatorCommandCodec.encode(command, frame);
    }

    private void assertMalformed(String reasonPart) {
        Decoding decoding = OperatorCommandCodec.decode(frame);
        assertThat(decoding).isInstanceOf(Malformed.class);
        assertThat(((Malformed) decoding).reason()).contains(reasonPart);
    }
}
