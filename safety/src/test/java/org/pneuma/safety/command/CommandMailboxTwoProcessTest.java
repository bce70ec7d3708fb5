package org.pneuma.safety.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.command.CommandRig.LIMITS;
import static org.pneuma.safety.command.CommandRig.SETTINGS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandReadStatus;
import org.pneuma.channel.CommandResponse;
import org.pneuma.channel.CommandResponseReader;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/** The mailbox between processes: the safety side creates the file, a guest maps it and talks to the handler. */
class CommandMailboxTwoProcessTest {
    @TempDir
    Path dir;

    @Test
    void aGuestMappingOfTheSafetySidesFileIsAnsweredThroughIt() throws Exception {
        Path file = dir.resolve("command-mailbox");
        try (CommandMailbox safetySide = CommandMailbox.createFile(file);
             CommandMailbox guestSide = CommandMailbox.mapForGuest(file)) {
            RecordingTarget target = new RecordingTarget();
            CounterBoard counters = CounterBoard.allocate();
            CommandHandler handler = new CommandHandler(safetySide, target, SETTINGS, LIMITS, counters,
                CommandHandlerConfig.DEFAULT);
            CommandResponseReader answers = guestSide.newResponseReader();
            CommandFrame frame = OperatorCommandCodec.encode(
                new OperatorCommand.ChangeSettings(5, null, null, Map.of(SettingField.TI_S, 1.2)), new CommandFrame());

            long sequence = guestSide.requestWriter().offer(frame);
            handler.poll(1_000_000L);

            CommandResponse answer = new CommandResponse();
            assertThat(answers.readNext(answer)).isEqualTo(CommandReadStatus.OK);
            assertThat(answer.requestSequence()).isEqualTo(sequence);
            assertThat(answer.correlationId()).isEqualTo(5);
            assertThat(answer.accepted()).isTrue();
            assertThat(target.last().settings().tiS()).isEqualTo(1.2);
        }
    }

    @Test
    void aGuestInAnotherProcessSendsCommandsAndSafetyAnswersEachOne() throws Exception {
        Path file = dir.resolve("command-mailbox");
        Path output = dir.resolve("guest-output.txt");
        try (CommandMailbox safetySide = CommandMailbox.createFile(file)) {
            RecordingTarget target = new RecordingTarget();
            CounterBoard counters = CounterBoard.allocate();
            CommandHandler handler = new CommandHandler(safetySide, target, SETTINGS, LIMITS, counters,
                CommandHandlerConfig.DEFAULT);
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                GuestCommandSender.class.getName(), file.toString()));
            Process guest = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long nowNs = 0;
            while (guest.isAlive() && System.nanoTime() < deadline) {
                nowNs += 1_000_000L;
                handler.poll(nowNs);
                Thread.sleep(1);
            }
            assertThat(guest.waitFor(10, TimeUnit.SECONDS)).as("guest finished").isTrue();

            String guestOutput = Files.readString(output);
            assertThat(guest.exitValue()).as("guest exit status; output:%n%s", guestOutput).isZero();
            assertThat(guestOutput).contains("SENT 3")
                .contains("ANSWER 101 true ACCEPTED settings applied")
                .contains("ANSWER 102 false INVALID rate_bpm 500 is out of range 1-150 breaths/min")
                .contains("ANSWER 103 true ACCEPTED alarms acknowledged");
            VentilationSettings expected = SETTINGS.toBuilder().peep(7).fio2(42).build();
            assertThat(target.applied).containsExactly(new RecordingTarget.Applied(expected, LIMITS));
            assertThat(target.acknowledgements).isEqualTo(1);
            assertThat(counters.get(CounterId.COMMANDS_ACCEPTED)).isEqualTo(2);
            assertThat(counters.get(CounterId.COMMANDS_REJECTED)).isEqualTo(1);
            assertThat(handler.limitsInForce()).isEqualTo(AlarmLimits.defaultsFor(SETTINGS));
        }
    }
}
