package org.pneuma.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.HeartbeatBoard;
import org.pneuma.channel.HeartbeatSample;
import org.pneuma.channel.HeartbeatStatus;
import org.pneuma.channel.RunDirectory;
import org.pneuma.channel.SensorBus;
import org.pneuma.channel.SensorSample;
import org.pneuma.channel.SingleWriterSensorBus;

class GuestServiceTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** A run directory with its two subdirectories, as the supervisor makes it. */
    static RunDirectory runDirectory(Path dir) throws java.io.IOException {
        RunDirectory run = new RunDirectory(dir);
        Files.createDirectories(run.safetyDirectory());
        Files.createDirectories(run.guestDirectory());
        return run;
    }

    @Test
    void displayShowsTheNewestSampleOncePerReportPeriodAndStaleWhenTheWriterStops() {
        try (SensorBus bus = SensorBus.allocate(64); HeartbeatBoard board = HeartbeatBoard.allocate(3)) {
            SingleWriterSensorBus writer = bus.writer();
            TestRun run = new TestRun();
            GuestService display = new GuestService(ServiceKind.DISPLAY, bus.newReader(200 * MS), board.writer(0, 4242),
                run.out, 250 * MS, 1_000 * MS, true);
            long t0 = 1_000_000 * MS;
            SensorSample sample = sample();
            for (int beat = 0; beat < 4; beat++) {
                writer.publish(sample.timeNs(t0 + beat * 250 * MS - MS));
                display.beat(t0 + beat * 250 * MS);
            }
            assertThat(run.out()).isEmpty();
            writer.publish(sample.timeNs(t0 + 999 * MS));
            display.beat(t0 + 1_000 * MS);
            assertThat(run.out()).hasLineCount(1);
            assertThat(run.out()).startsWith("display t=1000.999s seq=5 paw=15.2cmH2O flow=-250.5mL/s vol=350.0mL fio2=40.0%"
                + " breath=12 pip=20.1 peep=5.0 vti=450.0 vte=440.0 rate=15.0/min mv=6.60L/min ie=0.50"
                + " fio2_breath=40.0% phase=insp safety_valve=closed alarms=0x5");

            // The writer stops: the display says so, keeps its period and keeps beating.
            for (int beat = 5; beat <= 12; beat++) {
                display.beat(t0 + beat * 250 * MS);
            }
            String[] lines = run.out().split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[1]).isEqualTo("display sensor bus stale since t=1000.999s: last seq=5, 1.000 s without a new sample");
            assertThat(lines[2]).isEqualTo("display sensor bus stale since t=1000.999s: last seq=5, 2.000 s without a new sample");
            assertThat(display.beats()).isEqualTo(13);
            assertThat(display.stalePeriods()).isEqualTo(1);
            HeartbeatSample beat = new HeartbeatSample();
            assertThat(board.reader().read(0, beat)).isEqualTo(HeartbeatStatus.OK);
            assertThat(beat.beatCount()).isEqualTo(13);
            assertThat(beat.lastBeatNs()).isEqualTo(t0 + 3_000 * MS);
            assertThat(beat.processId()).isEqualTo(4242);

            // It comes back.
            writer.publish(sample.timeNs(t0 + 3_990 * MS).airwayPressureCmH2O(7));
            display.beat(t0 + 4_000 * MS);
            assertThat(run.out().split("\n")[3]).startsWith("display t=1003.990s seq=6 paw=7.0cmH2O");
        }
    }

    @Test
    void aDisplayOnItsOwnClockJudgesStalenessByProgressOnly() {
        try (SensorBus bus = SensorBus.allocate(64); HeartbeatBoard board = HeartbeatBoard.allocate(3)) {
            SingleWriterSensorBus writer = bus.writer();
            TestRun run = new TestRun();
            GuestService display = new GuestService(ServiceKind.DISPLAY, bus.newReader(200 * MS), board.writer(0, 1),
                run.out, 250 * MS, 1_000 * MS, false);
            SensorSample sample = sample();
            // Sample times from another clock, far from ours: not stale while samples keep coming.
            for (int beat = 0; beat <= 4; beat++) {
                writer.publish(sample.timeNs(5 * MS + beat));
                display.beat(1_000_000 * MS + beat * 250 * MS);
            }
            assertThat(run.out()).startsWith("display t=0.005s seq=5 paw=15.2cmH2O");
            assertThat(display.stale()).isFalse();
        }
    }

    @Test
    void aDisplayWithNothingPublishedSaysSo() {
        try (SensorBus bus = SensorBus.allocate(64); HeartbeatBoard board = HeartbeatBoard.allocate(3)) {
            TestRun run = new TestRun();
            GuestService display = new GuestService(ServiceKind.DISPLAY, bus.newReader(200 * MS), board.writer(0, 1),
                run.out, 250 * MS, 1_000 * MS, true);
            for (int beat = 0; beat <= 4; beat++) {
                display.beat(beat * 250 * MS);
            }
            assertThat(run.out()).isEqualTo("display sensor bus stale since start: nothing published yet (1.000 s waited)\n");
        }
    }

    @Test
    void recorderCountsEverySampleItSawAndTheOnesItLost() {
        try (SensorBus bus = SensorBus.allocate(16); HeartbeatBoard board = HeartbeatBoard.allocate(3)) {
            SingleWriterSensorBus writer = bus.writer();
            TestRun run = new TestRun();
            GuestService recorder = new GuestService(ServiceKind.RECORDER, bus.newReader(200 * MS), board.writer(1, 1),
                run.out, 250 * MS, 5_000 * MS, true);
            SensorSample sample = sample();
            long now = 0;
            recorder.beat(now);
            for (int i = 1; i <= 10; i++) {
                writer.publish(sample.timeNs(now + i * MS));
            }
            now += 250 * MS;
            recorder.beat(now);
            assertThat(recorder.samplesRead()).isEqualTo(10);
            for (int i = 1; i <= 40; i++) {   // more than the 16-slot ring holds: some are lost
                writer.publish(sample.timeNs(now + i * MS));
            }
            now += 250 * MS;
            recorder.beat(now);
            for (int beat = 3; beat <= 20; beat++) {
                writer.publish(sample.timeNs(beat * 250 * MS - MS));
                recorder.beat(beat * 250 * MS);
            }
            String line = run.out().lines().findFirst().orElseThrow();
            // 10 + (40 - lost) + 18; the 16-slot ring kept 16 of the 40, one of them being rewritten at most
            assertThat(line).startsWith("recorder bus=live beats=21 samples=");
            assertThat(recorder.samplesRead()).isBetween(10L + 15 + 18, 10L + 16 + 18);
            // the first beat found nothing published yet: that was a stale period
            assertThat(line).contains(" lost=" + (68 - recorder.samplesRead()) + " ", " overruns=1 ", " corrupt=0 ",
                " stale_periods=1 ", " latest_seq=68 ", " new=" + recorder.samplesRead());
        }
    }

    @Test
    void theServiceBeatsItsSlotAtTheConfiguredRateAndReadsWhatTheSafetySideWrites() throws Exception {
        RunDirectory run = runDirectory(dir);
        try (SensorBus bus = SensorBus.createFile(run.sensorBus(), 1024);
             HeartbeatBoard board = HeartbeatBoard.createFile(run.guestHeartbeats(), 3)) {
            SingleWriterSensorBus writer = bus.writer();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong published = new AtomicLong();
            Thread safety = new Thread(() -> {
                SensorSample sample = sample();
                long next = System.nanoTime();
                while (writing.get()) {
                    published.set(writer.publish(sample.timeNs(System.nanoTime())));
                    next += MS;
                    java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                }
            }, "test-safety-writer");
            safety.start();

            TestRun recorderOut = new TestRun();
            TestRun displayOut = new TestRun();
            AtomicBoolean stop = new AtomicBoolean();
            int[] status = new int[2];
            Thread recorder = new Thread(() -> status[0] = GuestServiceMain.run(new String[] {"--service", "recorder",
                "--slot", "1", "--run-dir", dir.toString(), "--beat-ms", "50", "--report-ms", "500"},
                recorderOut.out, recorderOut.err, stop::get));
            Thread display = new Thread(() -> status[1] = GuestServiceMain.run(new String[] {"--service", "display",
                "--slot", "0", "--run-dir", dir.toString(), "--beat-ms", "100", "--report-ms", "250", "--stale-ms", "300"},
                displayOut.out, displayOut.err, stop::get));
            long start = System.nanoTime();
            recorder.start();
            display.start();
            Thread.sleep(1_000);
            writing.set(false);
            safety.join();
            long lastPublished = published.get();
            Thread.sleep(800);   // the bus goes stale: the display must say so and keep beating
            stop.set(true);
            recorder.join(2_000);
            display.join(2_000);
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(status).containsExactly(0, 0);
            HeartbeatSample beat = new HeartbeatSample();
            assertThat(board.reader().read(1, beat)).isEqualTo(HeartbeatStatus.OK);
            // 50 ms beats for ~1.8 s: about 36; the machine may stall, never beat faster than asked
            assertThat(beat.beatCount()).isBetween((long) (seconds * 20 * 0.6), (long) (seconds * 20) + 2);
            assertThat(beat.processId()).isEqualTo(ProcessHandle.current().pid());
            assertThat(board.reader().read(0, beat)).isEqualTo(HeartbeatStatus.OK);
            assertThat(beat.beatCount()).isBetween((long) (seconds * 10 * 0.6), (long) (seconds * 10) + 2);

            assertThat(recorderOut.out()).startsWith("recorder started: pid=");
            String closing = recorderOut.out().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(closing).startsWith("recorder stopped after ").contains(" s: beats=").contains(" samples=" + lastPublished + " ",
                " lost=0 ", " latest_seq=" + lastPublished);
            assertThat(recorderOut.out()).contains("recorder bus=live", "recorder bus=stale");

            String displayLines = displayOut.out();
            assertThat(displayLines).contains("display t=", " paw=15.2cmH2O ", " fio2=40.0% ")
                .contains("display sensor bus stale since t=")
                .contains("display stopped after ");
            assertThat(displayLines.indexOf("paw=")).isLessThan(displayLines.indexOf("stale since"));
            assertThat(displayOut.err()).isEmpty();
        }
    }

    @Test
    void badArgumentsExitTwoWithAMessage() throws Exception {
        assertUsage(new String[] {}, "option --service is required");
        assertUsage(new String[] {"--service", "printer", "--slot", "0", "--run-dir", dir.toString()}, "unknown service 'printer'");
        assertUsage(new String[] {"--service", "display", "--run-dir", dir.toString()}, "option --slot is required");
        assertUsage(new String[] {"--service", "display", "--slot", "x", "--run-dir", dir.toString()}, "--slot must be a whole number");
        assertUsage(new String[] {"--service", "display", "--slot", "0", "--run-dir", dir.toString(), "--beat-ms", "0"},
            "--beat-ms must be 1..10000");
        assertUsage(new String[] {"--service", "display", "--slot", "0", "--run-dir", dir.toString(), "--colour", "red"},
            "unknown option '--colour'");
        assertUsage(new String[] {"--service", "display", "--slot", "0", "--run-dir", dir.toString(), "--slot", "1"},
            "given twice");
        assertUsage(new String[] {"--service", "display", "--slot"}, "--slot needs a value");
    }

    @Test
    void aMissingOrCorruptChannelFileExitsTwoNamingTheFile() throws Exception {
        RunDirectory run = runDirectory(dir);
        String[] args = {"--service", "display", "--slot", "0", "--run-dir", dir.toString()};
        assertUsage(args, "sensor bus file " + run.sensorBus() + " does not exist");

        Files.write(run.sensorBus(), new byte[4096]);
        assertUsage(args, "cannot use sensor bus file " + run.sensorBus() + ": not a sensor bus");
        Files.delete(run.sensorBus());

        SensorBus.createFile(run.sensorBus(), 64).close();
        assertUsage(args, "heartbeat board file " + run.guestHeartbeats() + " does not exist");
        Files.write(run.guestHeartbeats(), new byte[10]);
        assertUsage(args, "cannot use heartbeat board file " + run.guestHeartbeats() + ": ");
        Files.delete(run.guestHeartbeats());

        HeartbeatBoard.createFile(run.guestHeartbeats(), 3).close();
        assertUsage(new String[] {"--service", "uploader", "--slot", "3", "--run-dir", dir.toString()},
            "slot 3 is not a slot of heartbeat board " + run.guestHeartbeats() + " (it has 3)");
    }

    @Test
    void helpExplainsTheServices() {
        TestRun run = new TestRun();
        assertThat(GuestServiceMain.run(new String[] {"--help"}, run.out, run.err, () -> true)).isZero();
        assertThat(run.out()).contains("--service", "display", "recorder", "uploader", "--beat-ms", "exit status");
    }

    private static void assertUsage(String[] args, String message) {
        TestRun run = new TestRun();
        int status = GuestServiceMain.run(args, run.out, run.err, () -> true);
        assertThat(status).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }

    static SensorSample sample() {
        return new SensorSample()
            .airwayPressureCmH2O(15.2).patientFlowMlPerS(-250.5).volumeMl(350).oxygenPercent(40)
            .breathNumber(12).pipCmH2O(20.1).peepCmH2O(5).vtiMl(450).vteMl(440).rateBpm(15).minuteVolumeLpm(6.6)
            .ieRatio(0.5).fio2Pct(40).phase(SensorSample.PHASE_INSPIRATION).alarmBits(5);
    }
}
