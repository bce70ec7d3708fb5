package org.pneuma.safety.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneuma.channel.CommandReason;
import org.pneuma.channel.CommandResponse;
import org.pneuma.channel.CounterId;
import org.pneuma.safety.command.OperatorCommand.Acknowledge;

/** Ten commands a second reach validation; the rest are refused unread, and a flood locks nobody out. */
class CommandHandlerRateLimitTest {
    private final CommandRig rig = new CommandRig();

    @Test
    void theEleventhCommandWithinASecondIsRateLimited() {
        for (int i = 1; i <= 11; i++) {
            rig.send(new Acknowledge(i));
            rig.tick(50);
        }

        List<CommandResponse> responses = rig.responses();
        assertThat(responses).hasSize(11);
        assertThat(responses.subList(0, 10)).allMatch(CommandResponse::accepted);
        CommandResponse limited = responses.get(10);
        assertThat(limited.reason()).isEqualTo(CommandReason.RATE_LIMITED);
        assertThat(limited.reasonText()).isEqualTo("rate limited: more than 10 commands in 1000 ms");
        assertThat(rig.target.acknowledgements).isEqualTo(10);
        assertThat(rig.handler.rateLimitedCount()).isEqualTo(1);
        assertThat(rig.handler.rejectedCount()).isEqualTo(1);
        assertThat(rig.counters.get(CounterId.COMMANDS_RATE_LIMITED)).isEqualTo(1);
        assertThat(rig.counters.get(CounterId.COMMANDS_REJECTED)).isEqualTo(1);
    }

    @Test
    void aCommandIsAdmittedAgainOnceTheOldestLeavesTheWindow() {
        for (int i = 1; i <= 10; i++) {
            rig.send(new Acknowledge(i));
            rig.tick(1);
        }
        // The first was admitted at 1 ms, the tenth at 10 ms; the window is 1 s wide.
        rig.send(new Acknowledge(11));
        rig.tick(990);
        rig.send(new Acknowledge(12));
        rig.tick(1);

        List<CommandResponse> responses = rig.responses();
        assertThat(responses.get(10).reason()).as("999 ms after the first").isEqualTo(CommandReason.RATE_LIMITED);
        assertThat(responses.get(11).reason()).as("1000 ms after the first").isEqualTo(CommandReason.ACCEPTED);
    }

    @Test
    void aSustainedFloodLetsTenCommandsASecondThroughAndNoMore() {
        int perTick = CommandHandlerConfig.DEFAULT.maxFramesPerPoll();
        long sent = 0;
        for (int ms = 0; ms < 5_000; ms++) {
            for (int i = 0; i < perTick; i++) {
                rig.send(new Acknowledge(sent++));
            }
            rig.tick(1);
            rig.responses();
        }

        assertThat(rig.handler.acceptedCount()).isBetween(50L, 51L);
        assertThat(rig.handler.rateLimitedCount()).isEqualTo(sent - rig.handler.acceptedCount());
        assertThat(rig.handler.rejectedCount()).isEqualTo(rig.handler.rateLimitedCount());
    }

    @Test
    void garbledFramesDoNotUseUpTheRate() {
        for (int i = 0; i < 20; i++) {
            long sequence = rig.send(new Acknowledge(i));
            RawFrames.flipBit(rig.mailbox.buffer(), RawFrames.slot(rig.mailbox.buffer(), sequence, 16), 200);
            rig.tick(1);
        }
        rig.send(new Acknowledge(99));
        rig.tick(1);

        assertThat(rig.handler.garbledCount()).isEqualTo(20);
        assertThat(rig.handler.rateLimitedCount()).isZero();
        assertThat(rig.target.acknowledgements).isEqualTo(1);
    }
}
