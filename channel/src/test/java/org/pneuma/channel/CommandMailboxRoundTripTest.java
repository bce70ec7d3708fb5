package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.pneuma.channel.CommandMailboxLayout.*;

import org.junit.jupiter.api.Test;

/** Functional: requests and responses go through whole; sequences, back-pressure and restarts. */
class CommandMailboxRoundTripTest {
    private static final int HIGHEST_KIND = 4;

    private final CommandMailbox mailbox = CommandMailbox.allocate(4, 8);
    private final CommandFrame read = new CommandFrame();
    private final CommandResponse response = new CommandResponse();

    @Test
    void aRequestArrivesWithEveryFieldBitForBit() {
        CommandRequestWriter guest = mailbox.requestWriter();
        CommandRequestReader safety = mailbox.requestReader(HIGHEST_KIND);
        CommandFrame sent = CommandFrames.everyFieldDistinct(3);

        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.EMPTY);
        long sequence = guest.offer(sent);

        assertThat(sequence).isEqualTo(1);
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
        CommandFrames.assertSameFrame(read, sent);
        assertThat(read.sequence()).isEqualTo(1);
        assertThat(read.fault()).isEqualTo(CommandFrameFault.NONE);
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.EMPTY);
        assertThat(guest.consumedSequence()).isEqualTo(1);
    }

    @Test
    void requestsArriveInOrderAcrossManyLapsOfTheRing() {
        CommandRequestWriter guest = mailbox.requestWriter();
        CommandRequestReader safety = mailbox.requestReader(HIGHEST_KIND);
        CommandFrame sent = new CommandFrame().kind(1).payloadLength(1);

        for (long i = 1; i <= 1000; i++) {
            sent.correlationId(i * 7).payloadLong(0, -i);
            assertThat(guest.offer(sent)).isEqualTo(i);
            assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
            assertThat(read.sequence()).isEqualTo(i);
            assertThat(read.correlationId()).isEqualTo(i * 7);
            assertThat(read.payloadLong(0)).isEqualTo(-i);
        }
        assertThat(safety.garbledFrameCount()).isZero();
    }

    @Test
    void theGuestIsHeldBackWhenTheRingIsFullAndSafetyNeverWaits() {
        CommandRequestWriter guest = mailbox.requestWriter();
        CommandRequestReader safety = mailbox.requestReader(HIGHEST_KIND);
        CommandFrame sent = new CommandFrame().kind(1);

        for (int i = 1; i <= 4; i++) {
            assertThat(guest.offer(sent.correlationId(i))).isEqualTo(i);
        }
        assertThat(guest.offer(sent.correlationId(5))).isEqualTo(CommandRequestWriter.BACK_PRESSURED);

        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
        assertThat(read.correlationId()).isEqualTo(1);
        assertThat(guest.offer(sent.correlationId(5))).isEqualTo(5);
        for (int i = 2; i <= 5; i++) {
            assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
            assertThat(read.correlationId()).isEqualTo(i);
        }
    }

    @Test
    void theGuestWriterRefusesFramesItCannotWrite() {
        CommandRequestWriter guest = mailbox.requestWriter();

        assertThatIllegalArgumentException().isThrownBy(() -> guest.offer(new CommandFrame().kind(1).payloadLength(21)));
        assertThatIllegalArgumentException().isThrownBy(() -> guest.offer(new CommandFrame().kind(1).payloadLength(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> guest.offer(new CommandFrame().kind(0)));
    }

    @Test
    void aResponseArrivesWithEveryField() {
        CommandResponseWriter safety = mailbox.responseWriter();
        CommandResponseReader guest = mailbox.newResponseReader();

        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.EMPTY);
        long sequence = safety.publish(17, 0xCAFEL, false, CommandReason.INVALID, "peep_cmh2o 40 is out of range");

        assertThat(sequence).isEqualTo(1);
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(response.sequence()).isEqualTo(1);
        assertThat(response.requestSequence()).isEqualTo(17);
        assertThat(response.correlationId()).isEqualTo(0xCAFEL);
        assertThat(response.accepted()).isFalse();
        assertThat(response.reason()).isEqualTo(CommandReason.INVALID);
        assertThat(response.reasonText()).isEqualTo("peep_cmh2o 40 is out of range");
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.EMPTY);

        safety.publish(18, 0xBEEFL, true, CommandReason.ACCEPTED, "settings applied");
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(response.accepted()).isTrue();
        assertThat(response.reason()).isEqualTo(CommandReason.ACCEPTED);
    }

    @Test
    void reasonTextIsPrintableAsciiAndCutWithAnEllipsisWhenTooLong() {
        CommandResponseWriter safety = mailbox.responseWriter();
        CommandResponseReader guest = mailbox.newResponseReader();

        safety.publish(1, 1, false, CommandReason.INVALID, "range 0\u201335 cmH2O\u2264\nnext");
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(response.reasonText()).isEqualTo("range 0-35 cmH2O? next");

        String longReason = "x".repeat(REASON_LENGTH + 40);
        safety.publish(2, 2, false, CommandReason.INVALID, longReason);
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(response.reasonText()).hasSize(REASON_LENGTH).endsWith("x...");

        safety.publish(3, 3, true, CommandReason.ACCEPTED, "x".repeat(REASON_LENGTH));
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(response.reasonText()).isEqualTo("x".repeat(REASON_LENGTH));

        safety.publish(4, 4, true, CommandReason.ACCEPTED, null);
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(response.reasonText()).isEmpty();
    }

    @Test
    void aSlowGuestReaderIsOverrunAndCountsWhatItLost() {
        CommandResponseWriter safety = mailbox.responseWriter();
        CommandResponseReader guest = mailbox.newResponseReader();

        for (int i = 1; i <= 20; i++) {
            safety.publish(i, i, true, CommandReason.ACCEPTED, "ok");
        }

        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OVERRUN);
        assertThat(guest.lostResponseCount()).isEqualTo(12);
        for (int i = 13; i <= 20; i++) {
            assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
            assertThat(response.requestSequence()).isEqualTo(i);
        }
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.EMPTY);
    }

    @Test
    void aNewResponseReaderSeesOnlyResponsesPublishedAfterIt() {
        CommandResponseWriter safety = mailbox.responseWriter();
        safety.publish(1, 1, true, CommandReason.ACCEPTED, "old");

        CommandResponseReader guest = mailbox.newResponseReader();
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.EMPTY);
        safety.publish(2, 2, true, CommandReason.ACCEPTED, "new");

        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(response.reasonText()).isEqualTo("new");
    }

    @Test
    void aGarbledResponseIsSkippedAndCounted() {
        CommandResponseWriter safety = mailbox.responseWriter();
        CommandResponseReader guest = mailbox.newResponseReader();
        safety.publish(1, 1, true, CommandReason.ACCEPTED, "first");
        safety.publish(2, 2, true, CommandReason.ACCEPTED, "second");
        int slot = responseSlotOffset(1, 4, 7);
        mailbox.buffer().putByte(slot + REASON_OFFSET, (byte) 'F');

        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.GARBLED);
        assertThat(guest.garbledResponseCount()).isEqualTo(1);
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(response.reasonText()).isEqualTo("second");
    }

    @Test
    void aRestartedSafetySideReplaysNothingAndTheGuestFollowsIt() {
        CommandRequestWriter guest = mailbox.requestWriter();
        CommandRequestReader firstSafety = mailbox.requestReader(HIGHEST_KIND);
        CommandFrame sent = new CommandFrame().kind(1);
        guest.offer(sent.correlationId(1));
        guest.offer(sent.correlationId(2));
        assertThat(firstSafety.poll(read)).isEqualTo(CommandReadStatus.OK);
        guest.offer(sent.correlationId(3)); // written, never read by the first safety side

        // The safety process dies and a new one maps the same memory.
        CommandRequestReader restarted = new CommandRequestReader(mailbox.buffer(), 4, HIGHEST_KIND);

        assertThat(restarted.poll(read)).as("frames present at attach are never replayed").isEqualTo(CommandReadStatus.EMPTY);
        assertThat(restarted.nextSequence()).isEqualTo(4);
        assertThat(guest.consumedSequence()).isEqualTo(3);
        assertThat(guest.offer(sent.correlationId(4))).isEqualTo(4);
        assertThat(restarted.poll(read)).isEqualTo(CommandReadStatus.OK);
        assertThat(read.correlationId()).isEqualTo(4);
    }

    @Test
    void aRestartedResponseWriterContinuesTheSequence() {
        CommandResponseWriter first = mailbox.responseWriter();
        CommandResponseReader guest = mailbox.newResponseReader();
        first.publish(1, 1, true, CommandReason.ACCEPTED, "one");
        first.publish(2, 2, true, CommandReason.ACCEPTED, "two");

        CommandResponseWriter restarted = new CommandResponseWriter(mailbox.buffer(), 4, 8);

        assertThat(restarted.publish(3, 3, true, CommandReason.ACCEPTED, "three")).isEqualTo(3);
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(guest.readNext(response)).isEqualTo(CommandReadStatus.OK);
        assertThat(response.reasonText()).isEqualTo("three");
    }

    @Test
    void eachEndIsHandedOutOnceAndOnlyToItsSide() {
        mailbox.requestReader(HIGHEST_KIND);
        mailbox.responseWriter();
        mailbox.requestWriter();
        mailbox.newResponseReader();
        mailbox.newResponseReader();

        assertThatIllegalStateException().isThrownBy(() -> mailbox.requestReader(HIGHEST_KIND)).withMessageContaining("only one");
        assertThatIllegalStateException().isThrownBy(mailbox::responseWriter).withMessageContaining("only one");
        assertThatIllegalStateException().isThrownBy(mailbox::requestWriter).withMessageContaining("only one");
        assertThatIllegalArgumentException().isThrownBy(() -> CommandMailbox.allocate(4, 8).requestReader(0));
        assertThatIllegalArgumentException().isThrownBy(() -> CommandMailbox.allocate(3, 8));
    }

    @Test
    void reasonCodesRoundTripAndUnknownCodesSayUnknown() {
        for (CommandReason reason : CommandReason.values()) {
            if (reason != CommandReason.UNKNOWN) {
                assertThat(CommandReason.ofCode(reason.code())).isEqualTo(reason);
            }
        }
        assertThat(CommandReason.ofCode(99)).isEqualTo(CommandReason.UNKNOWN);
        assertThat(CommandReason.ofCode(-1)).isEqualTo(CommandReason.UNKNOWN);
        assertThat(CommandReason.ofCode(Integer.MIN_VALUE)).isEqualTo(CommandReason.UNKNOWN);
    }
}
