package org.pneuma.safety.command;

import java.util.ArrayList;
import java.util.List;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandReadStatus;
import org.pneuma.channel.CommandRequestWriter;
import org.pneuma.channel.CommandResponse;
import org.pneuma.channel.CommandResponseReader;
import org.pneuma.channel.CounterBoard;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/** An in-process mailbox with a handler on the safety side and an honest guest on the other; time is passed in. */
final class CommandRig {
    static final VentilationSettings SETTINGS = VentilationSettings.DEFAULTS;
    static final AlarmLimits LIMITS = AlarmLimits.defaultsFor(SETTINGS);

    final CommandMailbox mailbox;
    final CounterBoard counters = CounterBoard.allocate();
    final RecordingTarget target = new RecordingTarget();
    final CommandHandler handler;
    final CommandRequestWriter guest;
    final CommandResponseReader answers;
    private final CommandFrame frame = new CommandFrame();
    long nowNs = 1_000_000_000L;

    CommandRig() {
        this(CommandHandlerConfig.DEFAULT, 16, 256);
    }

    CommandRig(CommandHandlerConfig config, int requestSlots, int responseSlots) {
        mailbox = CommandMailbox.allocate(requestSlots, responseSlots);
        handler = new CommandHandler(mailbox, target, SETTINGS, LIMITS, counters, config);
        guest = mailbox.requestWriter();
        answers = mailbox.newResponseReader();
    }

    /** The guest sends {@code command}; returns its sequence. */
    long send(OperatorCommand command) {
        long sequence = guest.offer(OperatorCommandCodec.encode(command, frame));
        if (sequence < 1) {
            throw new AssertionError("the guest could not send: " + sequence);
        }
        return sequence;
    }

    /** Advances time by {@code ms} and polls once. */
    int tick(long ms) {
        nowNs += ms * 1_000_000L;
        return handler.poll(nowNs);
    }

    /** Every answer the guest can read now. */
    List<CommandResponse> responses() {
        List<CommandResponse> out = new ArrayList<>();
        while (true) {
            CommandResponse response = new CommandResponse();
            CommandReadStatus status = answers.readNext(response);
            if (status == CommandReadStatus.EMPTY) {
                return out;
            }
            if (status != CommandReadStatus.OK) {
                throw new AssertionError("the guest read " + status);
            }
            out.add(response);
        }
    }

    /** The single answer the guest can read now. */
    CommandResponse response() {
        List<CommandResponse> all = responses();
        if (all.size() != 1) {
            throw new AssertionError("expected one response, got " + all);
        }
        return all.getFirst();
    }
}
