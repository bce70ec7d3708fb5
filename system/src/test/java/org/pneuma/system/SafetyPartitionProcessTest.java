package org.pneuma.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandReadStatus;
import org.pneuma.channel.CommandRequestWriter;
import org.pneuma.channel.CommandResponse;
import org.pneuma.channel.CommandResponseReader;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.HeartbeatBoard;
import org.pneuma.channel.PlatformAlarm;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.channel.ReadStatus;
import org.pneuma.channel.RunDirectory;
import org.pneuma.channel.SensorBus;
import org.pneuma.channel.SensorBusReader;
import org.pneuma.channel.SensorSample;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;
import org.pneuma.safety.command.OperatorCommandCodec;
import org.pneuma.safety.command.SettingField;

/**
 * The safety partition as the supervisor runs it: a real child JVM on a run directory whose channel
 * files this test creates, as the supervisor does. It ventilates (live numbers on the bus), takes a
 * settings change through the mailbox, answers and persists it; killed with SIGKILL and started again
 * with --resumed it carries on with the persisted settings, the bus's sequence going on, and
 * CONTROL_FAILURE signalling; a platform alarm on the board shows in the bus's alarm word; SIGTERM
 * stops it with status 0 within 2 s.
 */
class SafetyPartitionProcessTest {
    private static final int CPU = Math.min(1, Runtime.getRuntime().availableProcessors() - 1);

    @TempDir
    Path root;
    RunDirectory dir;
    PlatformAlarmBoard platform;
    SensorBus bus;
    CounterBoard counters;
    CommandMailbox guest;
    SafetyPartitionChild child;

    @BeforeEach
    void supervisorCreatesTheChannels() throws IOException {
        dir = new RunDirectory(root);
        Files.createDirectories(dir.safetyDirectory());
        Files.createDirectories(dir.guestDirectory());
        SensorBus.createFile(dir.sensorBus(), 1024, 1_000_000).close();
        CommandMailbox.createFile(dir.commandMailbox()).close();
        HeartbeatBoard.createFile(dir.guestHeartbeats(), 3).close();
        CounterBoard.createFile(dir.counters()).close();
        platform = PlatformAlarmBoard.createFile(dir.platformAlarms());
        bus = SensorBus.mapReadOnly(dir.sensorBus());
        counters = CounterBoard.mapReadOnly(dir.counters());
        guest = CommandMailbox.mapForGuest(dir.commandMailbox());
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (child != null) child.close();
        guest.close();
        counters.close();
        bus.close();
        platform.close();
    }

    @Test
    void ventilatesTakesCommandsSurvivesAKillAndStopsOnSigterm() throws Exception {
        SensorBusReader reader = bus.newReader(Long.MAX_VALUE);
        SensorSample sample = new SensorSample();

        // Start: the first tick comes, and the numbers on the bus are alive.
        child = SafetyPartitionChild.start(dir, CPU);
        assertThat(SafetyPartitionChild.await(() -> counters.get(CounterId.LOOP_TICKS) > 0, 15_000))
                .as("first tick; output:%n%s", child.output()).isTrue();
        long firstTickMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - child.startedNs);
        assertThat(child.awaitLine("started: ventilating", 2_000)).as(child.output()).isTrue();
        assertThat(child.output()).contains("settings by default").contains("mode=PC_AC");

        long watchFromNs = System.nanoTime();
        long ticksAtWatch = counters.get(CounterId.LOOP_TICKS);
        Breaths breaths = watch(reader, sample, 10_000);
        double watchedS = (System.nanoTime() - watchFromNs) / 1e9;
        long ticksWatched = counters.get(CounterId.LOOP_TICKS) - ticksAtWatch;
        System.out.printf(Locale.ROOT, "watched %.2f s: %d ticks, max tick %d us, max lateness %d us, %d deadline misses%n",
                watchedS, ticksWatched, counters.get(CounterId.LOOP_MAX_DURATION_NS) / 1000,
                counters.get(CounterId.LOOP_MAX_LATENESS_NS) / 1000, counters.get(CounterId.DEADLINE_MISSES));
        assertThat(breaths.maxPressure).as("inspiration reaches PEEP + dP (20 cmH2O)").isBetween(15.0, 25.0);
        assertThat(breaths.minPressure).as("expiration falls to PEEP (5 cmH2O)").isBetween(2.0, 8.0);
        assertThat(breaths.inspirationStarts).as("breaths begun").isGreaterThanOrEqualTo(1);
        assertThat(sample.breathNumber()).as("a breath completed").isPositive();
        assertThat(sample.pipCmH2O()).isBetween(15.0, 25.0);
        assertThat(sample.peepCmH2O()).isBetween(3.0, 7.0);
        assertThat(sample.vtiMl()).isBetween(300.0, 1000.0);
        assertThat(sample.alarmBits()).as("alarms of a normal start: %s", PartitionLogPrinter.names(sample.alarmBits())).isZero();

        // A settings change from the guest: accepted, answered, counted and persisted.
        CommandRequestWriter requests = guest.requestWriter();
        CommandResponseReader responses = guest.newResponseReader();
        CommandFrame frame = OperatorCommandCodec.encode(
                new ChangeSettings(42, null, null, Map.of(SettingField.PEEP_CMH2O, 8.0)), new CommandFrame());
        long sentNs = System.nanoTime();
        assertThat(requests.offer(frame)).isPositive();
        CommandResponse response = new CommandResponse();
        assertThat(SafetyPartitionChild.await(() -> responses.readNext(response) == CommandReadStatus.OK, 2_000)).isTrue();
        long answerMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentNs);
        assertThat(response.correlationId()).isEqualTo(42);
        assertThat(response.accepted()).as(response.reasonText()).isTrue();
        assertThat(SafetyPartitionChild.await(() -> counters.get(CounterId.COMMANDS_ACCEPTED) == 1, 1_000)).isTrue();
        assertThat(SafetyPartitionChild.await(() -> persisted().contains("peep_cmh2o=8.0"), 2_000))
                .as("persisted; output:%n%s", child.output()).isTrue();
        assertThat(child.awaitLine("command accepted: request 1", 1_000)).as(child.output()).isTrue();

        // SIGKILL: the supervisor restarts it with --resumed.
        child.process.destroyForcibly();
        assertThat(child.process.waitFor(5, TimeUnit.SECONDS)).isTrue();
        long killedNs = System.nanoTime();
        assertThat(child.process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(reader.readLatest(sample)).isEqualTo(ReadStatus.OK);
        long sequenceBeforeKill = sample.sequence();
        long ticksBeforeKill = counters.get(CounterId.LOOP_TICKS);

        child = SafetyPartitionChild.start(dir, CPU, "--resumed");
        assertThat(SafetyPartitionChild.await(() -> counters.get(CounterId.LOOP_TICKS) > ticksBeforeKill, 15_000))
                .as("ticking again; output:%n%s", child.output()).isTrue();
        long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - child.startedNs);
        long deadForMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNs);
        assertThat(child.awaitLine("started: ventilating", 2_000)).as(child.output()).isTrue();
        assertThat(child.output()).contains("settings resumed from " + dir.safetySettings()).contains("peep_cmh2o=8.0")
                .contains("resumed after the previous safety partition process died");

        assertThat(SafetyPartitionChild.await(() -> reader.readLatest(sample) == ReadStatus.OK
                && sample.sequence() > sequenceBeforeKill + 10, 2_000)).isTrue();
        assertThat(sample.alarmBits() & AlarmId.CONTROL_FAILURE.bit()).as("CONTROL_FAILURE after the restart").isNotZero();
        assertThat(reader.corruptSampleCount()).as("no garbled sample across the kill").isZero();

        // DISPLAY_LOST raised by the platform shows in the alarm word; cleared, it goes.
        platform.set(PlatformAlarm.DISPLAY_LOST, true);
        assertThat(SafetyPartitionChild.await(() -> reader.readLatest(sample) == ReadStatus.OK
                && (sample.alarmBits() & AlarmId.DISPLAY_LOST.bit()) != 0, 1_000)).isTrue();
        platform.set(PlatformAlarm.DISPLAY_LOST, false);
        assertThat(SafetyPartitionChild.await(() -> reader.readLatest(sample) == ReadStatus.OK
                && (sample.alarmBits() & AlarmId.DISPLAY_LOST.bit()) == 0, 1_000)).isTrue();

        // The persisted PEEP is in force: a whole breath after the restart ends near 8 cmH2O.
        long breathAtRestart = sample.breathNumber();
        assertThat(SafetyPartitionChild.await(() -> reader.readLatest(sample) == ReadStatus.OK
                && sample.breathNumber() > breathAtRestart + 1, 9_000)).as("two breaths after the restart").isTrue();
        assertThat(sample.peepCmH2O()).as("measured PEEP with the persisted setting").isBetween(6.5, 9.5);
        assertThat(sample.alarmBits() & AlarmId.CONTROL_FAILURE.bit()).as("held until acknowledged").isNotZero();

        // SIGTERM: a clean stop, status 0, within 2 s.
        long termNs = System.nanoTime();
        assertThat(child.process.toHandle().destroy()).as("SIGTERM sent").isTrue(); // Process.destroy() would close our end of its output
        assertThat(child.process.waitFor(2, TimeUnit.SECONDS)).as("stopped within 2 s; output:%n%s", child.output()).isTrue();
        long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - termNs);
        child.awaitOutputEnd();
        assertThat(child.process.exitValue()).as(child.output()).isZero();
        assertThat(child.output()).contains("termination requested").contains("stopping").contains("stopped");
        System.out.println(child.output());

        System.out.printf(Locale.ROOT, "safety partition process: first tick %d ms after exec, command answered in %d ms, "
                + "restarted after SIGKILL: first tick %d ms after exec (%d ms without ticks), SIGTERM to exit %d ms%n",
                firstTickMs, answerMs, restartMs, deadForMs, stopMs);
    }

    private String persisted() {
        try {
            return Files.exists(dir.safetySettings()) ? Files.readString(dir.safetySettings()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Pressure extremes and inspirations begun over a stretch of the live bus. */
    static final class Breaths {
        double maxPressure = Double.NEGATIVE_INFINITY;
        double minPressure = Double.POSITIVE_INFINITY;
        int inspirationStarts;
    }

    /** Watches until a breath has been completed and the next one begun, or {@code ms} passed. */
    private static Breaths watch(SensorBusReader reader, SensorSample sample, long ms) throws InterruptedException {
        Breaths b = new Breaths();
        int lastPhase = -1;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (System.nanoTime() < end && (b.inspirationStarts == 0 || sample.breathNumber() == 0)) {
            if (reader.readLatest(sample) == ReadStatus.OK) {
                b.maxPressure = Math.max(b.maxPressure, sample.airwayPressureCmH2O());
                b.minPressure = Math.min(b.minPressure, sample.airwayPressureCmH2O());
                if (lastPhase == SensorSample.PHASE_EXPIRATION && sample.phase() == SensorSample.PHASE_INSPIRATION) {
                    b.inspirationStarts++;
                }
                lastPhase = sample.phase();
            }
            Thread.sleep(2);
        }
        return b;
    }
}
