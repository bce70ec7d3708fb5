package org.pneuma.safety.command;

import java.nio.file.Path;
import java.util.Map;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandReadStatus;
import org.pneuma.channel.CommandRequestWriter;
import org.pneuma.channel.CommandResponse;
import org.pneuma.channel.CommandResponseReader;
import org.pneuma.safety.command.OperatorCommand.Acknowledge;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;

/**
 * The guest's side of {@link CommandMailboxTwoProcessTest}, run in its own JVM: maps the mailbox file
 * as the guest, sends three commands, and prints one line per answer:
 * {@code ANSWER <correlation id> <accepted> <reason> <text>}. Exits 0 when all three are answered,
 * 2 after 30 s without.
 */
public final class GuestCommandSender {
    private GuestCommandSender() {
    }

    public static void main(String[] args) throws Exception {
        try (CommandMailbox mailbox = CommandMailbox.mapForGuest(Path.of(args[0]))) {
            CommandRequestWriter requests = mailbox.requestWriter();
            CommandResponseReader answers = mailbox.newResponseReader();
            CommandFrame frame = new CommandFrame();
            OperatorCommand[] commands = {
                new ChangeSettings(101, null, null, Map.of(SettingField.PEEP_CMH2O, 7.0, SettingField.FIO2_PCT, 42.0)),
                new ChangeSettings(102, null, null, Map.of(SettingField.RATE_BPM, 500.0)),
                new Acknowledge(103)};
            for (OperatorCommand command : commands) {
                while (requests.offer(OperatorCommandCodec.encode(command, frame)) < 1) {
                    Thread.sleep(1);
                }
            }
            System.out.println("SENT " + commands.length);
            CommandResponse answer = new CommandResponse();
            int answered = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (answered < commands.length && System.nanoTime() < deadline) {
                CommandReadStatus status = answers.readNext(answer);
                if (status == CommandReadStatus.OK) {
                    System.out.println("ANSWER " + answer.correlationId() + " " + answer.accepted() + " " + answer.reason()
                        + " " + answer.reasonText());
                    answered++;
                } else if (status == CommandReadStatus.EMPTY) {
                    Thread.sleep(1);
                } else {
                    System.out.println("READ " + status);
                }
            }
            System.exit(answered == commands.length ? 0 : 2);
        }
    }
}
