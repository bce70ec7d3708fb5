package org.pneuma.safety.command;

import org.pneuma.safety.settings.AlarmLimitField;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.pneuma.safety.command.CommandRig.LIMITS;
import static org.pneuma.safety.command.CommandRig.SETTINGS;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandMailboxLayout;
import org.pneuma.channel.CommandReason;
import org.pneuma.channel.CommandResponse;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.safety.command.OperatorCommand.Acknowledge;
import org.pneuma.safety.command.OperatorCommand.ChangeAlarmLimits;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;
import org.pneuma.safety.command.OperatorCommand.PauseAudio;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.VentilationSettings;

/** Functional: every command is decided by the simulator's rules, applied only when valid, and answered. */
class CommandHandlerTest {
    private final CommandRig rig = new CommandRig();

    @Test
    void aValidSettingsChangeIsMergedOverWhatIsInForceAppliedAndAnswered() {
        long sequence = rig.send(new ChangeSettings(7, null, null, Map.of(SettingField.PEEP_CMH2O, 8.0)));

        assertThat(rig.tick(1)).isEqualTo(1);

        VentilationSettings expected = SETTINGS.toBuilder().peep(8).build();
        assertThat(rig.target.applied).containsExactly(new RecordingTarget.Applied(expected, LIMITS));
        assertThat(rig.handler.settingsInForce()).isEqualTo(expected);
        CommandResponse response = rig.response();
        assertThat(response.accepted()).isTrue();
        assertThat(response.reason()).isEqualTo(CommandReason.ACCEPTED);
        assertThat(response.correlationId()).isEqualTo(7);
        assertThat(response.requestSequence()).isEqualTo(sequence);
        assertThat(response.reasonText()).isEqualTo("settings applied");
        assertThat(rig.handler.acceptedCount()).isEqualTo(1);
        assertThat(rig.counters.get(CounterId.COMMANDS_ACCEPTED)).isEqualTo(1);
        assertThat(rig.handler.log().latest())
            .isEqualTo(new CommandDecision(rig.nowNs, sequence, 7, OperatorCommandCodec.CHANGE_SETTINGS,
                CommandReason.ACCEPTED, "settings applied"));
    }

    @Test
    void anOutOfRangeSettingIsRejectedWithTheValidatorsReasonAndNothingIsApplied() {
        rig.send(new ChangeSettings(8, null, null, Map.of(SettingField.PEEP_CMH2O, 40.0)));

        rig.tick(1);

        assertThat(rig.target.applied).isEmpty();
        assertThat(rig.handler.settingsInForce()).isEqualTo(SETTINGS);
        CommandResponse response = rig.response();
        assertThat(response.accepted()).isFalse();
        assertThat(response.reason()).isEqualTo(CommandReason.INVALID);
        assertThat(response.reasonText()).isEqualTo("peep_cmh2o 40 is out of range 0-35 cmH2O");
        assertThat(rig.handler.log().latest().text()).isEqualTo("peep_cmh2o 40 is out of range 0\u201335 cmH2O");
        assertThat(rig.handler.rejectedCount()).isEqualTo(1);
        assertThat(rig.counters.get(CounterId.COMMANDS_REJECTED)).isEqualTo(1);
    }

    @Test
    void aSettingTheLimitsInForceForbidIsRejectedUntilTheLimitIsWidenedFirst() {
        rig.send(new ChangeSettings(1, null, null, Map.of(SettingField.PEEP_CMH2O, 12.0)));
        rig.tick(1);
        assertThat(rig.response().reasonText()).contains("peep_cmh2o 12 must lie between alarm limits");

        rig.send(new ChangeAlarmLimits(2, Map.of(AlarmLimitField.HIGH_PEEP_CMH2O, 20.0)));
        rig.send(new ChangeSettings(3, null, null, Map.of(SettingField.PEEP_CMH2O, 12.0)));
        rig.tick(1);

        AlarmLimits widened = LIMITS.toBuilder().build();
        widened = new ChangeAlarmLimits(0, Map.of(AlarmLimitField.HIGH_PEEP_CMH2O, 20.0)).over(widened);
        assertThat(rig.responses()).allMatch(CommandResponse::accepted).hasSize(2);
        assertThat(rig.target.applied).containsExactly(
            new RecordingTarget.Applied(SETTINGS, widened),
            new RecordingTarget.Applied(SETTINGS.toBuilder().peep(12).build(), widened));
        assertThat(rig.handler.limitsInForce()).isEqualTo(widened);
    }

    @Test
    void anAlarmLimitIsJudgedAgainstTheSettingsInForce() {
        rig.send(new ChangeAlarmLimits(4, Map.of(AlarmLimitField.HIGH_PRESSURE_CMH2O, 15.0)));

        rig.tick(1);

        CommandResponse response = rig.response();
        assertThat(response.reason()).isEqualTo(CommandReason.INVALID);
        assertThat(response.reasonText())
            .isEqualTo("alarm limit high_pressure_cmh2o 15 must be at least 2 cmH2O above the pressure target 20");
        assertThat(rig.target.applied).isEmpty();
    }

    @Test
    void aModeChangeIsJudgedWholeWithEveryFieldItBrings() {
        rig.send(new ChangeSettings(5, Mode.VC_AC, null, Map.of(SettingField.VT_ML, 450.0)));

        rig.tick(1);

        assertThat(rig.response().accepted()).isTrue();
        assertThat(rig.target.last().settings().mode()).isEqualTo(Mode.VC_AC);
        assertThat(rig.target.last().settings().vtMl()).isEqualTo(450.0);
    }

    @Test
    void acknowledgeAndAudioPauseReachThePartition() {
        rig.send(new Acknowledge(10));
        rig.send(new PauseAudio(11));

        rig.tick(1);

        assertThat(rig.target.acknowledgements).isEqualTo(1);
        assertThat(rig.target.audioPauses).isEqualTo(1);
        assertThat(rig.responses()).extracting(CommandResponse::reasonText)
            .containsExactly("alarms acknowledged", "alarm audio paused");
    }

    @Test
    void aCommandThatDoesNotDecodeIsRejectedAsMalformed() {
        rig.send(new ChangeSettings(12, null, null, Map.of(SettingField.FIO2_PCT, Double.NaN)));

        rig.tick(1);

        CommandResponse response = rig.response();
        assertThat(response.reason()).isEqualTo(CommandReason.MALFORMED);
        assertThat(response.reasonText()).isEqualTo("fio2_pct is not a finite number (NaN)");
        assertThat(rig.target.applied).isEmpty();
    }

    @Test
    void aGarbledFrameIsAnsweredGarbledCountedAndSkippedAndTheNextCommandGoesThrough() {
        long sequence = rig.send(new ChangeSettings(13, null, null, Map.of(SettingField.PEEP_CMH2O, 6.0)));
        int slot = RawFrames.slot(rig.mailbox.buffer(), sequence, 16);
        RawFrames.flipBit(rig.mailbox.buffer(), slot, 8 * (CommandMailboxLayout.PAYLOAD_OFFSET + 3 * 8) + 5);

        rig.tick(1);
        rig.send(new Acknowledge(14));
        rig.tick(1);

        List<CommandResponse> responses = rig.responses();
        assertThat(responses.get(0).reason()).isEqualTo(CommandReason.GARBLED);
        assertThat(responses.get(0).reasonText()).isEqualTo("garbled frame: checksum mismatch");
        assertThat(responses.get(0).correlationId()).isEqualTo(13);
        assertThat(responses.get(1).accepted()).isTrue();
        assertThat(rig.target.applied).isEmpty();
        assertThat(rig.handler.garbledCount()).isEqualTo(1);
        assertThat(rig.handler.rejectedCount()).isZero();
        assertThat(rig.counters.get(CounterId.COMMAND_FRAMES_GARBLED)).isEqualTo(1);
    }

    @Test
    void aFrameOfAnUnknownKindOrAnOutOfOrderSequenceIsGarbled() {
        CommandFrame frame = new CommandFrame().kind(OperatorCommandCodec.HIGHEST_KIND + 1).correlationId(15);
        RawFrames.writeSealed(rig.mailbox.buffer(), 16, 1, frame);
        rig.tick(1);
        RawFrames.writeSealed(rig.mailbox.buffer(), 16, 2 + 16, frame.kind(OperatorCommandCodec.ACKNOWLEDGE));
        rig.tick(1);

        assertThat(rig.responses()).extracting(CommandResponse::reasonText)
            .containsExactly("garbled frame: unknown kind", "garbled frame: sequence out of order");
        assertThat(rig.target.acknowledgements).isZero();
        assertThat(rig.handler.garbledCount()).isEqualTo(2);
    }

    @Test
    void atMostTheConfiguredNumberOfFramesIsHandledPerPoll() {
        for (int i = 0; i < 6; i++) {
            rig.send(new Acknowledge(i));
        }

        assertThat(rig.tick(1)).isEqualTo(CommandHandlerConfig.DEFAULT.maxFramesPerPoll());
        assertThat(rig.tick(1)).isEqualTo(2);
        assertThat(rig.tick(1)).isZero();
        assertThat(rig.target.acknowledgements).isEqualTo(6);
    }

    @Test
    void aPartitionThatThrowsMakesTheAnswerFailedAndTheInForceViewStays() {
        rig.target.failWith = new IllegalStateException("broken");
        rig.send(new ChangeSettings(16, null, null, Map.of(SettingField.PEEP_CMH2O, 6.0)));

        rig.tick(1);

        CommandResponse response = rig.response();
        assertThat(response.reason()).isEqualTo(CommandReason.FAILED);
        assertThat(response.reasonText()).isEqualTo("the safety partition failed to apply the command: IllegalStateException");
        assertThat(rig.handler.settingsInForce()).isEqualTo(SETTINGS);
        assertThat(rig.handler.failedCount()).isEqualTo(1);
        assertThat(rig.handler.rejectedCount()).isEqualTo(1);
    }

    @Test
    void aLongListOfReasonsIsCutInTheResponseAndKeptWholeInTheLog() {
        rig.send(new ChangeSettings(17, null, null, Map.of(SettingField.PEEP_CMH2O, 99.0, SettingField.DP_CMH2O, 99.0,
            SettingField.VT_ML, 99_999.0, SettingField.RATE_BPM, 999.0)));

        rig.tick(1);

        String full = rig.handler.log().latest().text();
        assertThat(full).hasSizeGreaterThan(CommandMailboxLayout.REASON_LENGTH).contains("; rate_bpm 999 is out of range");
        assertThat(rig.response().reasonText()).hasSize(CommandMailboxLayout.REASON_LENGTH).startsWith("peep_cmh2o 99")
            .endsWith("...");
    }

    @Test
    void everyFrameGetsOneAnswerOneLogEntryAndOneCount() {
        rig.send(new Acknowledge(1));
        rig.send(new ChangeSettings(2, null, null, Map.of(SettingField.PEEP_CMH2O, 50.0)));
        long garbled = rig.send(new PauseAudio(3));
        RawFrames.flipBit(rig.mailbox.buffer(), RawFrames.slot(rig.mailbox.buffer(), garbled, 16), 100);
        rig.send(new ChangeSettings(4, null, null, Map.of()));
        rig.tick(1);
        rig.tick(1);

        CommandHandler h = rig.handler;
        assertThat(rig.responses()).hasSize(4);
        assertThat(h.log().recordedCount()).isEqualTo(4);
        assertThat(h.acceptedCount() + h.rejectedCount() + h.garbledCount()).isEqualTo(4);
        assertThat(rig.counters.get(CounterId.COMMANDS_ACCEPTED)).isEqualTo(h.acceptedCount()).isEqualTo(1);
        assertThat(rig.counters.get(CounterId.COMMANDS_REJECTED)).isEqualTo(h.rejectedCount()).isEqualTo(2);
        assertThat(rig.counters.get(CounterId.COMMAND_FRAMES_GARBLED)).isEqualTo(h.garbledCount()).isEqualTo(1);
        assertThat(h.log().decisions()).extracting(CommandDecision::reason).containsExactly(
            CommandReason.ACCEPTED, CommandReason.INVALID, CommandReason.GARBLED, CommandReason.MALFORMED);
    }

    @Test
    void theLogKeepsTheLatestDecisionsOldestFirst() {
        CommandRig small = new CommandRig(new CommandHandlerConfig(4, 10, 1_000_000_000L, 3), 16, 64);
        for (int i = 1; i <= 5; i++) {
            small.send(new Acknowledge(100 + i));
            small.tick(1);
        }

        assertThat(small.handler.log().size()).isEqualTo(3);
        assertThat(small.handler.log().recordedCount()).isEqualTo(5);
        assertThat(small.handler.log().decisions()).extracting(CommandDecision::correlationId).containsExactly(103L, 104L, 105L);
    }

    @Test
    void theHandlerRefusesToStartFromSettingsAndLimitsThatDoNotPass() {
        AlarmLimits tooLow = LIMITS.toBuilder().highPressure(12).build();

        assertThatIllegalArgumentException()
            .isThrownBy(() -> new CommandHandler(CommandMailbox.allocate(), new RecordingTarget(), SETTINGS, tooLow,
                CounterBoard.allocate(), CommandHandlerConfig.DEFAULT))
            .withMessageContaining("high_pressure_cmh2o 12");
        assertThatIllegalArgumentException().isThrownBy(() -> rig.handler.inForce(SETTINGS, tooLow));
        rig.handler.inForce(SETTINGS.toBuilder().peep(6).build(), LIMITS);
        assertThat(rig.handler.settingsInForce().peepCmH2O()).isEqualTo(6);
    }
}
