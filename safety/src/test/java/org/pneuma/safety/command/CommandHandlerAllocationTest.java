package org.pneuma.safety.command;

import org.pneuma.testkit.AllocationMeter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailboxLayout;
import org.pneuma.channel.CommandRequestWriter;
import org.pneuma.safety.command.OperatorCommand.Acknowledge;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;

/**
 * Performance evidence for the handler's allocation story: polling an empty mailbox allocates nothing;
 * garbage and floods (garbled and rate-limited frames) allocate nothing; a command that reaches
 * validation does allocate — and the meter sees it.
 */
class CommandHandlerAllocationTest {
    private static final int ROUND = 20_000;
    private static final int MEASURED = 100_000;

    private final AllocationMeter meter = new AllocationMeter();
    private final CommandRig rig = new CommandRig();

    @Test
    void pollingAnEmptyMailboxAllocatesNothing() {
        meter.warmUp(() -> emptyPolls(ROUND));
        List<Long> windows = meter.bytesPerWindow(() -> emptyPolls(MEASURED));

        assertThat(windows).as("bytes allocated by windows of %d empty polls", MEASURED).last().isEqualTo(0L);
        assertThat(rig.handler.log().recordedCount()).isZero();
    }

    @Test
    void garbledAndRateLimitedFramesAllocateNothing() {
        CommandFrame ack = OperatorCommandCodec.encode(new Acknowledge(1), new CommandFrame());
        for (int i = 0; i < CommandHandlerConfig.DEFAULT.maxCommandsPerWindow(); i++) {
            rig.send(new Acknowledge(i));
            rig.tick(0);
        }
        // From here on the clock stands still: the rate window stays full.
        meter.warmUp(() -> garbageAndFlood(ack, ROUND));
        List<Long> windows = meter.bytesPerWindow(() -> garbageAndFlood(ack, MEASURED));

        assertThat(windows).as("bytes allocated by windows of %d garbled and %d rate-limited frames", MEASURED, MEASURED)
            .last().isEqualTo(0L);
        assertThat(rig.handler.acceptedCount()).isEqualTo(CommandHandlerConfig.DEFAULT.maxCommandsPerWindow());
        assertThat(rig.handler.rateLimitedCount()).isEqualTo(rig.handler.garbledCount()).isEqualTo(meter.sink);
    }

    @Test
    void aCommandThatReachesValidationAllocatesAndTheMeterSeesIt() {
        CommandFrame change = OperatorCommandCodec.encode(
            new ChangeSettings(1, null, null, Map.of(SettingField.PEEP_CMH2O, 6.0)), new CommandFrame());
        rig.guest.offer(change);

        long allocated = meter.bytesAllocatedBy(() -> rig.tick(1000));

        assertThat(rig.handler.acceptedCount()).isEqualTo(1);
        assertThat(allocated).isPositive();
    }

    private long emptyPolls(int n) {
        long handled = 0;
        for (int i = 0; i < n; i++) {
            handled += rig.handler.poll(rig.nowNs);
        }
        return handled;
    }

    private long garbageAndFlood(CommandFrame ack, int n) {
        CommandRequestWriter guest = rig.guest;
        for (int i = 0; i < n; i++) {
            long sequence = guest.offer(ack);
            int slot = CommandMailboxLayout.requestSlotOffset(sequence, rig.mailbox.requestSlotCount() - 1);
            rig.mailbox.buffer().putByte(slot + CommandMailboxLayout.CHECKSUM_OFFSET,
                (byte) ~rig.mailbox.buffer().getByte(slot + CommandMailboxLayout.CHECKSUM_OFFSET));
            guest.offer(ack);
            rig.handler.poll(rig.nowNs);
        }
        return n;
    }
}
