package org.pneuma.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandFrameFault;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandMailboxLayout;
import org.pneuma.channel.CommandReadStatus;
import org.pneuma.channel.CommandRequestReader;
import org.pneuma.channel.CommandRequestWriter;
import org.pneuma.channel.RunDirectory;

class CommandGarbageTest {
    @TempDir
    Path dir;

    @Test
    void theSafetySideSeesOnlyGarbledOrWellFormedFramesAndNeverThrows() throws Exception {
        RunDirectory run = GuestServiceTest.runDirectory(dir);
        try (CommandMailbox safety = CommandMailbox.createFile(run.commandMailbox())) {
            CommandRequestReader requests = safety.requestReader(4);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Map<CommandReadStatus, Long> statuses = new EnumMap<>(CommandReadStatus.class);
            Map<CommandFrameFault, Long> faults = new EnumMap<>(CommandFrameFault.class);
            Thread reader = new Thread(() -> {
                CommandFrame frame = new CommandFrame();
                try {
                    while (running.get()) {
                        CommandReadStatus status = requests.poll(frame);
                        statuses.merge(status, 1L, Long::sum);
                        if (status == CommandReadStatus.OK) {
                            if (frame.kind() < 1 || frame.kind() > 4 || frame.payloadLength() < 0
                                || frame.payloadLength() > CommandMailboxLayout.PAYLOAD_LONGS) {
                                throw new AssertionError("accepted a frame of kind " + frame.kind() + ", length " + frame.payloadLength());
                            }
                        } else if (status == CommandReadStatus.GARBLED) {
                            faults.merge(frame.fault(), 1L, Long::sum);
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-safety-reader");
            reader.start();

            TestRun out = new TestRun();
            int status = GuestFaultMain.run(new String[] {"command-garbage", "--run-dir", dir.toString(), "--frames", "200000",
                "--rate", "0", "--seed", "20260601"}, out.out, out.err, () -> false);
            running.set(false);
            reader.join(5_000);

            assertThat(status).as(out.out() + out.err()).isZero();
            assertThat(failure.get()).isNull();
            assertThat(out.resultLong("frames")).isEqualTo(200_000);
            assertThat(out.resultLong("seed")).isEqualTo(20260601);
            long garbled = statuses.getOrDefault(CommandReadStatus.GARBLED, 0L);
            long ok = statuses.getOrDefault(CommandReadStatus.OK, 0L);
            assertThat(garbled).isPositive();
            assertThat(ok).isPositive().isLessThanOrEqualTo(out.resultLong("well_formed"));
            assertThat(faults.keySet()).contains(CommandFrameFault.SEQUENCE, CommandFrameFault.CHECKSUM,
                CommandFrameFault.LENGTH, CommandFrameFault.KIND);
            assertThat(requests.garbledFrameCount()).isEqualTo(garbled);
            // The reader may take a few more frames after the writer's last look at the consumed word.
            assertThat(out.resultLong("consumed_by_safety")).isBetween(ok + garbled - safety.requestSlotCount(), ok + garbled);
            assertThat(out.resultLong("frames")).isEqualTo(out.resultLong("random_bytes") + out.resultLong("random_fields")
                + out.resultLong("flipped") + out.resultLong("later_seq") + out.resultLong("bad_length") + out.resultLong("bad_kind")
                + out.resultLong("well_formed") + out.resultLong("older_seq") + out.resultLong("odd_word"));

            // After the garbage an honest guest writer's request still gets through.
            try (CommandMailbox guest = CommandMailbox.mapForGuest(run.commandMailbox())) {
                CommandRequestWriter writer = guest.requestWriter();
                CommandFrame honest = new CommandFrame().kind(3).correlationId(77);
                assertThat(writer.offer(honest)).isPositive();
                CommandFrame got = new CommandFrame();
                CommandReadStatus read;
                do {
                    read = requests.poll(got);
                } while (read == CommandReadStatus.GARBLED);
                assertThat(read).isEqualTo(CommandReadStatus.OK);
                assertThat(got.correlationId()).isEqualTo(77);
            }
        }
    }

    @Test
    void withNobodyReadingItOverwritesTheWindowAndStillEnds() throws Exception {
        RunDirectory run = GuestServiceTest.runDirectory(dir);
        try (CommandMailbox safety = CommandMailbox.createFile(run.commandMailbox())) {
            TestRun out = new TestRun();
            long start = System.nanoTime();
            int status = GuestFaultMain.run(new String[] {"command-garbage", "--run-dir", dir.toString(), "--frames", "2000",
                "--rate", "20000"}, out.out, out.err, () -> false);
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(status).isZero();
            assertThat(out.resultLong("frames")).isEqualTo(2_000);
            assertThat(out.resultLong("consumed_by_safety")).isZero();
            assertThat(out.resultLong("overwritten_unread")).isEqualTo(2_000 - safety.requestSlotCount());
            assertThat(seconds).as("2000 frames at 20000/s").isBetween(0.09, 2.0);
        }
    }
}
