package org.pneuma.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.RunDirectory;
import org.pneuma.channel.SensorBus;

/**
 * The refusals for real: bus-write-attempt in a child JVM inside a private mount namespace in which the
 * safety directory is bound read-only and CAP_SYS_ADMIN is dropped, as the sandbox does it; and once with
 * the capability kept, to show the remount attempt is real. Needs root, unshare(1) and setpriv(1);
 * fails, naming what is missing, without them (as the sandbox tests do).
 */
class BusWriteAttemptReadOnlyBindTest {
    @TempDir
    Path dir;

    @Test
    void everyAttemptIsRefusedThroughAReadOnlyBindWithoutCapSysAdmin() throws Exception {
        Child child = runInReadOnlyBind(true);

        assertThat(child.status).as(child.output).isZero();
        assertThat(child.output).contains("attempt map_rw=refused(Read-only file system)",
            "attempt open_write=refused(Read-only file system)", "attempt open_append=refused(Read-only file system)",
            "attempt truncate=refused(Read-only file system)", "attempt chmod=refused(Read-only file system)",
            "attempt create_in_dir=refused(Read-only file system)", "attempt map_rw_from_ro_fd=refused(NonWritableChannel)",
            "attempt truncate_ro_fd=refused(Invalid argument)", "attempt remount_rw=refused(Operation not permitted)")
            .contains("RESULT bus-write-attempt file=" + child.run.sensorBus() + " attempts=9 refused=9 written=0 ")
            .doesNotContain("BREACH");
        assertThat(Files.readAllBytes(child.run.sensorBus())).isEqualTo(child.before);
    }

    @Test
    void withCapSysAdminTheBindIsUndoneAndThatIsABreach() throws Exception {
        Child child = runInReadOnlyBind(false);

        assertThat(child.status).as(child.output).isEqualTo(3);
        assertThat(child.output).contains("attempt remount_rw=WRITTEN(remounted " + child.run.safetyDirectory()
                + " read-write, and back read-only)", "attempt map_rw=refused(Read-only file system)")
            .contains("BREACH: the guest wrote the sensor bus file " + child.run.sensorBus() + " by remount_rw:");
        assertThat(Files.readAllBytes(child.run.sensorBus())).isEqualTo(child.before);
    }

    private record Child(RunDirectory run, byte[] before, int status, String output) {
    }

    /** bus-write-attempt in a child JVM, in a private mount namespace with safety/ bound read-only. */
    private Child runInReadOnlyBind(boolean dropCapSysAdmin) throws Exception {
        // Prerequisites, as for the sandbox tests: a host that lacks one fails here, naming it (nothing is skipped).
        assertThat("root".equals(System.getProperty("user.name"))).as("needs root to bind-mount").isTrue();
        assertThat(Files.isExecutable(Path.of("/usr/bin/unshare"))).as("needs unshare(1)").isTrue();
        assertThat(!dropCapSysAdmin || Files.isExecutable(Path.of("/usr/bin/setpriv"))).as("needs setpriv(1)").isTrue();
        RunDirectory run = GuestServiceTest.runDirectory(dir);
        SensorBus.createFile(run.sensorBus(), 64).close();
        byte[] before = Files.readAllBytes(run.sensorBus());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // As the sandbox does: bind, remount read-only, then run the guest program without CAP_SYS_ADMIN.
        String script = "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" && exec "
            + (dropCapSysAdmin ? "setpriv --bounding-set -sys_admin --inh-caps -sys_admin " : "")
            + "\"$2\" --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --enable-native-access=ALL-UNNAMED"
            + " -cp \"$3\" " + GuestFaultMain.class.getName() + " bus-write-attempt --run-dir \"$4\"";
        Process child = new ProcessBuilder(List.of("/usr/bin/unshare", "-m", "--propagation", "private", "sh", "-c", script,
            "sh", run.safetyDirectory().toString(), java, System.getProperty("java.class.path"), dir.toString()))
            .redirectErrorStream(true).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(text).as("a private read-only bind could be made").doesNotContain("mount: ", "unshare: ", "setpriv: ");
        return new Child(run, before, child.exitValue(), text);
    }
}
