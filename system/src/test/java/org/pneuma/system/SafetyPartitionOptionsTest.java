package org.pneuma.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyPartitionOptionsTest {
    @TempDir
    Path dir;

    private static SafetyPartitionOptions parse(String... args) throws SafetyPartitionOptions.UsageException {
        return SafetyPartitionOptions.parse(args, 4);
    }

    @Test
    void theSupervisorsCommandLineParses() throws Exception {
        SafetyPartitionOptions o = parse("--run-dir", "/dev/shm/pneuma", "--cpu", "1", "--control-priority", "80",
                "--alarm-priority", "90", "--resumed");
        assertThat(o.runDir().root()).isEqualTo(Path.of("/dev/shm/pneuma"));
        assertThat(o.cpu()).isEqualTo(1);
        assertThat(o.controlPriority()).isEqualTo(80);
        assertThat(o.alarmPriority()).isEqualTo(90);
        assertThat(o.resumed()).isTrue();

        SafetyPartitionOptions defaults = parse("--run-dir=/r", "--cpu=3");
        assertThat(defaults.cpu()).isEqualTo(3);
        assertThat(defaults.controlPriority()).isEqualTo(80);
        assertThat(defaults.alarmPriority()).isEqualTo(90);
        assertThat(defaults.resumed()).isFalse();
    }

    @Test
    void eachBadOptionIsNamed() {
        assertThatThrownBy(() -> parse()).hasMessage("--run-dir is required");
        assertThatThrownBy(() -> parse("--run-dir", "/r", "--speed", "3")).hasMessage("unknown option --speed");
        assertThatThrownBy(() -> parse("--run-dir", "/r", "extra")).hasMessage("unexpected argument 'extra'");
        assertThatThrownBy(() -> parse("--run-dir")).hasMessage("--run-dir needs a value");
        assertThatThrownBy(() -> parse("--run-dir", "/r", "--cpu", "one")).hasMessage("--cpu needs a whole number, was 'one'");
        assertThatThrownBy(() -> parse("--run-dir", "/r", "--cpu", "4")).hasMessageContaining("--cpu 4 does not exist");
        assertThatThrownBy(() -> parse("--run-dir", "/r", "--control-priority", "0")).hasMessage("--control-priority must be 1-98, was 0");
        assertThatThrownBy(() -> parse("--run-dir", "/r", "--alarm-priority", "100")).hasMessage("--alarm-priority must be 2-99, was 100");
        assertThatThrownBy(() -> parse("--run-dir", "/r", "--control-priority", "90", "--alarm-priority", "80"))
                .hasMessageContaining("--alarm-priority 80 must be above --control-priority 90");
        assertThatThrownBy(() -> parse("--run-dir", "/r", "--resumed=yes")).hasMessageContaining("--resumed takes no value");
    }

    @Test
    void helpIsARequestNotAnError() {
        assertThatThrownBy(() -> parse("--help")).isInstanceOfSatisfying(SafetyPartitionOptions.UsageException.class,
                e -> assertThat(e.helpRequested()).isTrue());
    }

    @Test
    void theProcessExitsTwoOnABadOptionZeroOnHelpAndOneOnAMissingRunDirectory() throws Exception {
        SafetyPartitionChild bad = SafetyPartitionChild.run("--run-dir", dir.toString(), "--cpu", "x");
        assertThat(bad.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        bad.awaitOutputEnd();
        assertThat(bad.process.exitValue()).isEqualTo(2);
        assertThat(bad.output()).contains("safety-partition: --cpu needs a whole number, was 'x'");

        SafetyPartitionChild help = SafetyPartitionChild.run("--help");
        assertThat(help.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        help.awaitOutputEnd();
        assertThat(help.process.exitValue()).isZero();
        assertThat(help.output()).contains("Usage: safety-partition --run-dir DIR");

        SafetyPartitionChild missing = SafetyPartitionChild.run("--run-dir", dir.resolve("nothing-here").toString(), "--cpu", "0");
        assertThat(missing.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        missing.awaitOutputEnd();
        assertThat(missing.process.exitValue()).isEqualTo(1);
        assertThat(missing.output()).contains("refusing to start: cannot map the sensor bus")
                .contains("nothing-here/safety/sensor-bus").contains("no such file");
    }
}
