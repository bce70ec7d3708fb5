package org.pneuma.guest;

import java.io.PrintStream;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandReadStatus;
import org.pneuma.channel.CommandReason;
import org.pneuma.channel.CommandRequestWriter;
import org.pneuma.channel.CommandResponse;
import org.pneuma.channel.CommandResponseReader;

/**
 * Fault injection {@code command-flood}: a guest that sends well-formed but unwanted commands as fast
 * as the request ring takes them, and counts what the safety partition answers.
 *
 * <p>The frames cycle through three commands in the safety partition's codec (kind and payload are
 * the safety partition's business; this module must not depend on it, so the few numbers it needs are
 * repeated here): acknowledge (kind 3, no payload), pause audio (kind 4, no payload), and change
 * settings with absurd values (kind 1, 15 payload longs: a mask naming the mode, the trigger and all
 * twelve settings; mode code 1; trigger code 1; every setting 1e9). Acknowledge and pause are harmless
 * and may be accepted within the rate limit; an accepted settings change is a breach.
 *
 * <p>The correlation id of every frame carries a tag, the kind and a counter, so answers to this flood
 * are told from answers to anyone else's requests, and an accepted settings change is recognised.
 */
final class CommandFlood {
    static final int CHANGE_SETTINGS = 1;
    static final int ACKNOWLEDGE = 3;
    static final int PAUSE_AUDIO = 4;
    static final int SETTINGS_PAYLOAD_LONGS = 15;
    /** Mode, trigger and the twelve numeric settings: bits 0..13. */
    static final long EVERY_SETTING_MASK = (1L << 14) - 1;
    static final long ABSURD_SETTING_BITS = Double.doubleToRawLongBits(1e9);
    private static final int[] CYCLE = {ACKNOWLEDGE, PAUSE_AUDIO, CHANGE_SETTINGS};
    /** "FL" (0x46 0x4C) in the top two bytes of the correlation id, the kind in the next byte, 40 bits of counter. */
    private static final long TAG = 0x464CL << 48;
    private static final long TAG_MASK = 0xFFFFL << 48;
    private static final long COUNTER_MASK = (1L << 40) - 1;
    private static final long BACK_OFF_NS = 20_000;
    /** How long to wait for answers after the last frame, at most, when they keep coming. */
    private static final long DRAIN_NS = 1_000_000_000L;
    /** The drain ends early once no answer has come for this long. */
    private static final long DRAIN_QUIET_NS = 200_000_000L;

    private final CommandRequestWriter writer;
    private final CommandResponseReader reader;
    private final CommandFrame frame = new CommandFrame();
    private final CommandResponse response = new CommandResponse();
    private final long[] byReason = new long[CommandReason.values().length];
    private long sent;
    private long ringFull;
    private long responses;
    private long ours;
    private long accepted;
    private long rejected;
    private long settingsAccepted;
    private long exhausted;
    private long lastAnswerNs;

    CommandFlood(CommandMailbox mailbox) {
        this.writer = mailbox.requestWriter();
        this.reader = mailbox.newResponseReader();
    }

    /** Floods for {@code durationNs}, then waits briefly for the last answers; prints and returns the exit status. */
    int run(long durationNs, LongSupplier clock, BooleanSupplier stop, PrintStream out) {
        long start = clock.getAsLong();
        long deadline = start + durationNs;
        long now = start;
        lastAnswerNs = start;
        while (now - deadline < 0 && !stop.getAsBoolean()) {
            fill(sent);
            long sequence = writer.offer(frame);
            if (sequence > 0) {
                sent++;
            } else if (sequence == CommandRequestWriter.BACK_PRESSURED) {
                ringFull++;
                drainResponses(clock);
                LockSupport.parkNanos(BACK_OFF_NS);
            } else {
                exhausted++;
                break;
            }
            drainResponses(clock);
            now = clock.getAsLong();
        }
        long floodEnd = clock.getAsLong();
        long drainEnd = floodEnd + DRAIN_NS;
        while (ours + reader.lostResponseCount() < sent && clock.getAsLong() - drainEnd < 0
            && clock.getAsLong() - lastAnswerNs < DRAIN_QUIET_NS) {
            drainResponses(clock);
            LockSupport.parkNanos(BACK_OFF_NS);
        }
        drainResponses(clock);
        long elapsedMs = (floodEnd - start) / 1_000_000;

        StringBuilder result = new StringBuilder("RESULT command-flood")
            .append(" seconds=").append(durationNs / 1_000_000_000L)
            .append(" sent=").append(sent)
            .append(" ring_full=").append(ringFull)
            .append(" responses=").append(responses)
            .append(" ours=").append(ours)
            .append(" accepted=").append(accepted)
            .append(" rejected=").append(rejected)
            .append(" lost=").append(reader.lostResponseCount())
            .append(" garbled_responses=").append(reader.garbledResponseCount())
            .append(" unanswered=").append(Math.max(0, sent - ours - reader.lostResponseCount()))
            .append(" reasons=");
        CommandReason[] reasons = CommandReason.values();
        for (int i = 0; i < reasons.length; i++) {
            result.append(i == 0 ? "" : ",").append(reasons[i].name()).append(':').append(byReason[i]);
        }
        result.append(" settings_accepted=").append(settingsAccepted)
            .append(" elapsed_ms=").append(elapsedMs);
        if (exhausted > 0) {
            out.println("command flood: the request ring's sequence space is used up (garbage drove it there); stopped");
        }
        if (settingsAccepted > 0) {
            out.println("BREACH: the safety partition accepted " + settingsAccepted
                + " settings change(s) of 1e9 for every setting");
            result.append(" BREACH");
        }
        out.println(result);
        out.flush();
        if (settingsAccepted > 0) {
            return BusWriteAttempt.BREACH_EXIT_CODE;
        }
        return sent > 0 ? 0 : 1;
    }

    long sent() {
        return sent;
    }

    long ringFull() {
        return ringFull;
    }

    long responses() {
        return responses;
    }

    long ours() {
        return ours;
    }

    long rejected() {
        return rejected;
    }

    long count(CommandReason reason) {
        return byReason[reason.ordinal()];
    }

    long lost() {
        return reader.lostResponseCount();
    }

    /** The correlation id of frame {@code n} of kind {@code kind}. */
    static long correlationId(int kind, long n) {
        return TAG | ((long) kind & 0xFF) << 40 | (n & COUNTER_MASK);
    }

    /** The kind a correlation id of this flood names, or 0 if the id is not this flood's. */
    static int kindOf(long correlationId) {
        return (correlationId & TAG_MASK) == TAG ? (int) (correlationId >>> 40 & 0xFF) : 0;
    }

    private void fill(long n) {
        int kind = CYCLE[(int) (n % CYCLE.length)];
        frame.clear().kind(kind).correlationId(correlationId(kind, n));
        if (kind == CHANGE_SETTINGS) {
            frame.payloadLength(SETTINGS_PAYLOAD_LONGS)
                .payloadLong(0, EVERY_SETTING_MASK)
                .payloadLong(1, 1)   // mode code 1
                .payloadLong(2, 1);  // trigger code 1
            for (int i = 3; i < SETTINGS_PAYLOAD_LONGS; i++) {
                frame.payloadLong(i, ABSURD_SETTING_BITS);
            }
        }
    }

    private void drainResponses(LongSupplier clock) {
        for (int budget = 1024; budget > 0; budget--) {
            CommandReadStatus status = reader.readNext(response);
            if (status == CommandReadStatus.EMPTY || status == CommandReadStatus.TORN) {
                return;
            }
            if (status != CommandReadStatus.OK) {
                continue;   // OVERRUN and GARBLED are counted by the reader
            }
            lastAnswerNs = clock.getAsLong();
            responses++;
            byReason[response.reason().ordinal()]++;
            if (response.accepted()) {
                accepted++;
            } else {
                rejected++;
            }
            int kind = kindOf(response.correlationId());
            if (kind != 0) {
                ours++;
                if (kind == CHANGE_SETTINGS && response.accepted()) {
                    settingsAccepted++;
                }
            }
        }
    }
}
