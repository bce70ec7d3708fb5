package org.pneuma.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandReadStatus;
import org.pneuma.channel.CommandReason;
import org.pneuma.channel.CommandRequestReader;
import org.pneuma.channel.CommandResponseWriter;
import org.pneuma.channel.RunDirectory;

class CommandFloodTest {
    @TempDir
    Path dir;

    @Test
    void everyFrameSentIsAnsweredAndCountedWhenSafetyRejectsThemAll() throws Exception {
        Safety safety = startSafety(false);
        TestRun out = new TestRun();
        int status = GuestFaultMain.run(new String[] {"command-flood", "--run-dir", dir.toString(), "--seconds", "1"},
            out.out, out.err, () -> false);
        safety.stop();

        assertThat(status).as(out.out() + out.err()).isZero();
        assertThat(safety.failure.get()).isNull();
        long sent = out.resultLong("sent");
        assertThat(sent).isPositive().isEqualTo(safety.handled.get());
        assertThat(safety.garbled.get()).isZero();
        assertThat(out.resultLong("ours") + out.resultLong("lost")).isEqualTo(sent);
        assertThat(out.resultLong("rejected")).isEqualTo(out.resultLong("ours"));
        assertThat(out.resultLong("accepted")).isZero();
        assertThat(out.resultLong("unanswered")).isZero();
        assertThat(out.result().get("reasons")).isEqualTo("ACCEPTED:0,GARBLED:0,MALFORMED:0,INVALID:" + out.resultLong("ours")
            + ",RATE_LIMITED:0,FAILED:0,UNKNOWN:0");
        assertThat(out.resultLong("settings_accepted")).isZero();
        assertThat(out.resultLong("ring_full")).isNotNegative();
        // A third of the frames are the absurd settings change; kinds seen by safety are 1, 3 and 4 only.
        assertThat(safety.settingsFrames.get()).isBetween(sent / 3, sent / 3 + 1);
        assertThat(out.out()).doesNotContain("BREACH");
    }

    @Test
    void anAcceptedAbsurdSettingsChangeIsABreach() throws Exception {
        Safety safety = startSafety(true);
        TestRun out = new TestRun();
        int status = GuestFaultMain.run(new String[] {"command-flood", "--run-dir", dir.toString(), "--seconds", "1"},
            out.out, out.err, () -> false);
        safety.stop();

        assertThat(status).isEqualTo(3);
        assertThat(out.resultLong("settings_accepted")).isPositive();
        assertThat(out.out()).contains("BREACH: the safety partition accepted ");
        assertThat(out.out().lines().reduce((a, b) -> b).orElseThrow()).endsWith(" BREACH");
    }

    @Test
    void correlationIdsNameTheFloodAndTheKind() {
        assertThat(CommandFlood.kindOf(CommandFlood.correlationId(1, 12345))).isEqualTo(1);
        assertThat(CommandFlood.kindOf(CommandFlood.correlationId(4, (1L << 40) + 7))).isEqualTo(4);
        assertThat(CommandFlood.kindOf(42)).isZero();
    }

    /** A stand-in safety side: takes every frame at once and answers it, checking what it gets. */
    private final class Safety {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong handled = new AtomicLong();
        final AtomicLong garbled = new AtomicLong();
        final AtomicLong settingsFrames = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        CommandMailbox mailbox;
        Thread thread;

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
            mailbox.close();
        }
    }

    private Safety startSafety(boolean acceptEverything) throws Exception {
        RunDirectory run = GuestServiceTest.runDirectory(dir);
        Safety safety = new Safety();
        safety.mailbox = CommandMailbox.createFile(run.commandMailbox());
        CommandRequestReader requests = safety.mailbox.requestReader(4);
        CommandResponseWriter responses = safety.mailbox.responseWriter();
        safety.thread = new Thread(() -> {
            CommandFrame frame = new CommandFrame();
            try {
                while (safety.running.get()) {
                    CommandReadStatus status = requests.poll(frame);
                    if (status == CommandReadStatus.OK) {
                        safety.handled.incrementAndGet();
                        checkFloodFrame(frame, safety);
                        responses.publish(frame.sequence(), frame.correlationId(), acceptEverything,
                            acceptEverything ? CommandReason.ACCEPTED : CommandReason.INVALID, "test: no");
                    } else if (status == CommandReadStatus.GARBLED) {
                        safety.garbled.incrementAndGet();
                        responses.publish(frame.sequence(), frame.correlationId(), false, CommandReason.GARBLED, "garbled");
                    } else {
                        Thread.onSpinWait();
                    }
                }
            } catch (Throwable t) {
                safety.failure.set(t);
            }
        }, "test-safety");
        safety.thread.start();
        return safety;
    }

    private static void checkFloodFrame(CommandFrame frame, Safety safety) {
        switch (frame.kind()) {
            case 3, 4 -> {
                if (frame.payloadLength() != 0) throw new AssertionError("kind " + frame.kind() + " with payload");
            }
            case 1 -> {
                safety.settingsFrames.incrementAndGet();
                if (frame.payloadLength() != 15 || frame.payloadLong(0) != 0x3FFF || frame.payloadLong(1) != 1
                    || frame.payloadLong(2) != 1) {
                    throw new AssertionError("settings frame not as specified");
                }
                for (int i = 3; i < 15; i++) {
                    if (frame.payloadDouble(i) != 1e9) throw new AssertionError("setting " + i + " is " + frame.payloadDouble(i));
                }
            }
            default -> throw new AssertionError("kind " + frame.kind());
        }
        if (CommandFlood.kindOf(frame.correlationId()) != frame.kind()) {
            throw new AssertionError("correlation id does not name the kind");
        }
    }
}
