package org.pneuma.channel;

import org.pneuma.testkit.AllocationMeter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Performance evidence: the mailbox's hot paths allocate nothing once the JIT has settled. */
class CommandMailboxAllocationTest {
    private static final int ROUND = 20_000;
    private static final int MEASURED = 100_000;

    private final AllocationMeter meter = new AllocationMeter();

    @Test
    void emptyPollsOffersPollsPublishesAndReadsAllocateNothingInSteadyState() {
        CommandMailbox mailbox = CommandMailbox.allocate();
        CommandRequestReader requests = mailbox.requestReader(4);
        CommandResponseWriter responses = mailbox.responseWriter();
        CommandRequestWriter guest = mailbox.requestWriter();
        CommandResponseReader answers = mailbox.newResponseReader();
        CommandFrame sent = CommandFrames.everyFieldDistinct(2);
        CommandFrame read = new CommandFrame();
        CommandResponse answer = new CommandResponse();
        String reason = "peep_cmh2o 40 is out of range 0\u201335 cmH2O";

        meter.warmUp(() -> exercise(requests, responses, guest, answers, sent, read, answer, reason, ROUND));
        List<Long> windows = meter.bytesPerWindow(
            () -> exercise(requests, responses, guest, answers, sent, read, answer, reason, MEASURED));

        assertThat(windows).as("bytes allocated by windows of %d empty polls, offers, polls, publishes and reads", MEASURED)
            .last().isEqualTo(0L);
        assertThat(meter.sink % ROUND).as("every round delivered every request and answer").isZero();
    }

    @Test
    void theAllocationMeterSeesAnAllocationOfAFrame() {
        CommandFrame[] frames = new CommandFrame[4];

        long allocated = meter.bytesAllocatedBy(() -> {
            for (int i = 0; i < frames.length; i++) {
                frames[i] = new CommandFrame();
            }
            return frames.length;
        });

        assertThat(allocated).isPositive();
    }

    private static long exercise(CommandRequestReader requests, CommandResponseWriter responses, CommandRequestWriter guest,
                                 CommandResponseReader answers, CommandFrame sent, CommandFrame read, CommandResponse answer,
                                 String reason, int iterations) {
        long ok = 0;
        for (int i = 0; i < iterations; i++) {
            if (requests.poll(read) != CommandReadStatus.EMPTY) {
                throw new AssertionError("expected an empty mailbox");
            }
            guest.offer(sent.correlationId(i));
            ok += requests.poll(read) == CommandReadStatus.OK ? 1 : 0;
            responses.publish(read.sequence(), read.correlationId(), false, CommandReason.INVALID, reason);
            ok += answers.readNext(answer) == CommandReadStatus.OK ? 1 : 0;
        }
        if (ok != 2L * iterations) {
            throw new AssertionError("only " + ok + " of " + 2L * iterations + " reads succeeded");
        }
        return iterations;
    }
}
