package org.pneuma.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.RunDirectory;
import org.pneuma.channel.SensorBus;
import org.pneuma.channel.SensorSample;

/**
 * The tests run as root, so a read-only file is writable to them: what is shown here is that the
 * attempts are real (against a writable bus every one that can write does, and the run is a breach)
 * and harmless (the bus holds what it held). That each is refused inside the guest partition is the
 * partition's test, with its read-only bind.
 */
class BusWriteAttemptTest {
    @TempDir
    Path dir;

    @Test
    void againstAWritableBusEveryAttemptGetsThroughAndTheRunIsABreachThatChangedNothing() throws Exception {
        RunDirectory run = GuestServiceTest.runDirectory(dir);
        try (SensorBus bus = SensorBus.createFile(run.sensorBus(), 64)) {
            bus.writer().publish(new SensorSample().timeNs(123).airwayPressureCmH2O(15));
        }
        byte[] before = Files.readAllBytes(run.sensorBus());

        TestRun out = new TestRun();
        int status = GuestFaultMain.run(new String[] {"bus-write-attempt", "--run-dir", dir.toString()}, out.out, out.err, () -> false);

        assertThat(status).as(out.out() + out.err()).isEqualTo(3);
        Map<String, String> result = out.result();
        assertThat(result.get("map_rw")).isEqualTo("WRITTEN(mapped read-write, stored a byte)");
        assertThat(result.get("open_write")).isEqualTo("WRITTEN(opened for writing, wrote 4 bytes)");
        assertThat(result.get("open_append")).startsWith("WRITTEN(opened for appending: a writable descriptor");
        assertThat(result.get("truncate")).startsWith("WRITTEN(opened read-write, ftruncate to its own size");
        assertThat(result.get("chmod")).startsWith("WRITTEN(");
        assertThat(result.get("create_in_dir")).startsWith("WRITTEN(created and removed a file in " + run.safetyDirectory());
        // Through a read-only descriptor even root cannot write.
        assertThat(result.get("map_rw_from_ro_fd")).isEqualTo("refused(NonWritableChannel)");
        assertThat(result.get("truncate_ro_fd")).startsWith("refused(");
        // The temporary directory is no mount point: nothing to remount.
        assertThat(result.get("remount_rw")).isEqualTo("refused(Invalid argument)");
        assertThat(out.resultLong("attempts")).isEqualTo(9);
        assertThat(out.resultLong("written")).isEqualTo(6);
        assertThat(out.out()).contains("BREACH: the guest wrote the sensor bus file " + run.sensorBus() + " by map_rw, open_write");
        assertThat(out.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("RESULT bus-write-attempt ").endsWith(" BREACH");
        assertThat(out.out()).contains("attempt map_rw=WRITTEN(", "attempt truncate_ro_fd=refused(");

        assertThat(Files.readAllBytes(run.sensorBus())).isEqualTo(before);
        try (var files = Files.list(run.safetyDirectory())) {
            assertThat(files).containsExactly(run.sensorBus());
        }
    }

    @Test
    void refusalsAreReportedWithTheSystemsReason() {
        assertThat(BusWriteAttempt.why(new java.nio.file.FileSystemException("/x", null, "Read-only file system")))
            .isEqualTo("Read-only file system");
        assertThat(BusWriteAttempt.why(new java.nio.file.AccessDeniedException("/x"))).isEqualTo("Permission denied");
        assertThat(BusWriteAttempt.why(new java.nio.channels.NonWritableChannelException())).isEqualTo("NonWritableChannel");
        assertThat(BusWriteAttempt.why(new java.io.FileNotFoundException("/x/sensor-bus (Read-only file system)")))
            .isEqualTo("Read-only file system");
        assertThat(BusWriteAttempt.why(new java.io.IOException("Invalid argument"))).isEqualTo("Invalid argument");
    }

    @Test
    void aMissingOrCorruptBusExitsTwoNamingTheFile() throws Exception {
        RunDirectory run = GuestServiceTest.runDirectory(dir);
        TestRun out = new TestRun();
        assertThat(GuestFaultMain.run(new String[] {"bus-write-attempt", "--run-dir", dir.toString()}, out.out, out.err, () -> false))
            .isEqualTo(2);
        assertThat(out.err()).contains("sensor bus file " + run.sensorBus() + " does not exist");
        assertThat(out.out()).isEmpty();

        Files.write(run.sensorBus(), new byte[256]);
        TestRun corrupt = new TestRun();
        assertThat(GuestFaultMain.run(new String[] {"bus-write-attempt", "--run-dir", dir.toString()}, corrupt.out, corrupt.err,
            () -> false)).isEqualTo(2);
        assertThat(corrupt.err()).contains("cannot use sensor bus file " + run.sensorBus() + ": ");
    }

    @Test
    void badArgumentsAndHelp() {
        TestRun none = new TestRun();
        assertThat(GuestFaultMain.run(new String[] {}, none.out, none.err, () -> false)).isEqualTo(2);
        assertThat(none.err()).contains("name a kind");
        TestRun unknown = new TestRun();
        assertThat(GuestFaultMain.run(new String[] {"bus-flood", "--run-dir", "/x"}, unknown.out, unknown.err, () -> false)).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown kind 'bus-flood'");
        TestRun noDir = new TestRun();
        assertThat(GuestFaultMain.run(new String[] {"command-flood"}, noDir.out, noDir.err, () -> false)).isEqualTo(2);
        assertThat(noDir.err()).contains("option --run-dir is required");
        TestRun badSeconds = new TestRun();
        assertThat(GuestFaultMain.run(new String[] {"command-flood", "--run-dir", "/x", "--seconds", "0"}, badSeconds.out,
            badSeconds.err, () -> false)).isEqualTo(2);
        assertThat(badSeconds.err()).contains("--seconds must be 1..86400");
        TestRun wrongOption = new TestRun();
        assertThat(GuestFaultMain.run(new String[] {"command-garbage", "--run-dir", "/x", "--seconds", "3"}, wrongOption.out,
            wrongOption.err, () -> false)).isEqualTo(2);
        assertThat(wrongOption.err()).contains("unknown option '--seconds'");
        TestRun noMailbox = new TestRun();
        assertThat(GuestFaultMain.run(new String[] {"command-garbage", "--run-dir", dir.toString()}, noMailbox.out,
            noMailbox.err, () -> false)).isEqualTo(2);
        assertThat(noMailbox.err()).contains("command mailbox file " + new RunDirectory(dir).commandMailbox() + " does not exist");

        TestRun help = new TestRun();
        assertThat(GuestFaultMain.run(new String[] {"--help"}, help.out, help.err, () -> false)).isZero();
        assertThat(help.out()).contains("bus-write-attempt", "command-flood", "command-garbage", "RESULT", "exit status");
    }
}
