package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Functional, concurrent: an honest guest thread and a safety thread race over a small ring. Every
 * request arrives once, in order, whole; every response arrives whole or is counted lost; no honest
 * frame or answer is ever judged garbled. (Without the response reader's second word check, answers
 * torn by the writer lapping a 4-slot ring reach the checksum and this test fails on garbled answers.)
 */
class CommandMailboxConcurrencyTest {
    private static final long REQUESTS = 300_000;

    @Test
    void everyRequestArrivesOnceInOrderAndWholeAndEveryAnswerIsWholeOrCountedLost() throws Exception {
        CommandMailbox mailbox = CommandMailbox.allocate(4, 4);
        CommandRequestReader requests = mailbox.requestReader(1);
        CommandResponseWriter responses = mailbox.responseWriter();
        CommandRequestWriter guestWriter = mailbox.requestWriter();
        CommandResponseReader guestReader = mailbox.newResponseReader();
        AtomicReference<Throwable> guestFailure = new AtomicReference<>();
        long[] guestCounts = new long[3]; // answers OK, lost, garbled

        Thread guest = new Thread(() -> {
            try {
                CommandFrame frame = new CommandFrame().kind(1).payloadLength(CommandMailboxLayout.PAYLOAD_LONGS);
                CommandResponse answer = new CommandResponse();
                long next = 1;
                while (next <= REQUESTS) {
                    frame.correlationId(next * 31);
                    for (int i = 0; i < CommandMailboxLayout.PAYLOAD_LONGS; i++) {
                        frame.payloadLong(i, next * (i + 1));
                    }
                    if (guestWriter.offer(frame) == next) {
                        next++;
                    } else {
                        Thread.onSpinWait();
                    }
                    drain(guestReader, answer, guestCounts);
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (guestCounts[0] + guestCounts[1] + guestCounts[2] < REQUESTS && System.nanoTime() < deadline) {
                    drain(guestReader, answer, guestCounts);
                }
            } catch (Throwable t) {
                guestFailure.set(t);
            }
        }, "guest");
        guest.start();

        CommandFrame frame = new CommandFrame();
        long received = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (received < REQUESTS && System.nanoTime() < deadline) {
            CommandReadStatus status = requests.poll(frame);
            assertThat(status).isIn(CommandReadStatus.OK, CommandReadStatus.EMPTY, CommandReadStatus.TORN);
            if (status == CommandReadStatus.OK) {
                received++;
                assertThat(frame.sequence()).isEqualTo(received);
                assertThat(frame.correlationId()).isEqualTo(received * 31);
                for (int i = 0; i < CommandMailboxLayout.PAYLOAD_LONGS; i++) {
                    assertThat(frame.payloadLong(i)).isEqualTo(received * (i + 1));
                }
                responses.publish(frame.sequence(), frame.correlationId(), true, CommandReason.ACCEPTED, "ok " + (received & 7));
            }
        }
        guest.join(20_000);

        assertThat(guestFailure.get()).isNull();
        assertThat(received).isEqualTo(REQUESTS);
        assertThat(requests.garbledFrameCount()).isZero();
        assertThat(guestCounts[2]).as("garbled answers").isZero();
        assertThat(guestCounts[0] + guestCounts[1]).as("answers read + lost").isEqualTo(REQUESTS);
        assertThat(guestCounts[1]).isEqualTo(guestReader.lostResponseCount());
    }

    private static void drain(CommandResponseReader reader, CommandResponse answer, long[] counts) {
        while (true) {
            long lostBefore = reader.lostResponseCount();
            CommandReadStatus status = reader.readNext(answer);
            switch (status) {
                case OK -> {
                    if (answer.correlationId() != answer.requestSequence() * 31
                        || !answer.reasonText().equals("ok " + (answer.requestSequence() & 7))) {
                        throw new AssertionError("inconsistent answer " + answer);
                    }
                    counts[0]++;
                }
                case OVERRUN -> counts[1] += reader.lostResponseCount() - lostBefore;
                case GARBLED -> counts[2]++;
                case TORN -> {
                }
                default -> {
                    return;
                }
            }
        }
    }
}
