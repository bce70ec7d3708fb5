package org.pneuma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.config.GuestBackendChoice;
import org.pneuma.hypervisor.config.SystemConfigLoader;
import org.pneuma.hypervisor.supervisor.ControlClient;
import org.pneuma.hypervisor.supervisor.JavaCommand;
import org.pneuma.hypervisor.supervisor.Supervisor;
import org.pneuma.hypervisor.supervisor.SupervisorOptions;
import org.pneuma.hypervisor.supervisor.SystemStatus;

/**
 * A supervisor killed outright (SIGKILL: no shutdown hook runs). The safety partition does not need it and
 * goes on ventilating; the next {@code pneuma run} in the same run directory reclaims everything the dead one
 * left — its safety process, its guest partition's processes and cgroups, its channel files — and boots clean.
 */
class SupervisorKilledTest {
    @Test
    void theSafetyPartitionOutlivesItsSupervisorAndTheNextBootReclaimsEverything() throws Exception {
        RunDirectory run = new RunDirectory(Path.of("/dev/shm/pneuma-killed-" + ProcessHandle.current().pid()));
        Process first = new ProcessBuilder(JavaCommand.of(List.of(), Pneuma.class.getName(), List.of("run", "--headless",
            "--guest", "sandbox", "--config", "../config/pneuma.yaml", "--run-dir", run.root().toString())))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitTrue("the first system up", Duration.ofSeconds(60), () -> ControlClient.isRunning(run));
            SystemStatus before = SystemStatus.fromJson(ControlClient.request(run, "status"));
            long oldSafety = before.safety().pid();
            String partition = before.guest().name();
            first.destroyForcibly().waitFor();

            try (CounterBoard counters = CounterBoard.mapReadOnly(run.counters())) {
                long ticks = counters.get(CounterId.LOOP_TICKS);
                Thread.sleep(500);
                assertThat(counters.get(CounterId.LOOP_TICKS)).as("ticks without a supervisor").isGreaterThan(ticks + 300);
            }
            assertThat(ProcessHandle.of(oldSafety)).isPresent();
            assertThat(cgroupsOf(partition)).isNotEmpty();

            List<String> log = new CopyOnWriteArrayList<>();
            Supervisor second = Supervisor.boot(new SupervisorOptions(SystemConfigLoader.load(Path.of("../config/pneuma.yaml"),
                Runtime.getRuntime().availableProcessors()), GuestBackendChoice.SANDBOX, run,
                SystemPartitionCommands::alarmNames), new SystemPartitionCommands(), log::add);
            try {
                assertThat(log).anyMatch(l -> l.contains("reclaimed") && l.contains("process " + oldSafety));
                assertThat(log).anyMatch(l -> l.contains("reclaimed") && l.contains("cgroup"));
                assertThat(ProcessHandle.of(oldSafety)).isEmpty();
                assertThat(second.status().safety().pid()).isNotEqualTo(oldSafety);
            } finally {
                second.shutdown();
            }
            assertThat(run.root()).doesNotExist();
            assertThat(cgroupsOf(partition)).isEmpty();
        } finally {
            first.destroyForcibly();
        }
    }

    private static List<Path> cgroupsOf(String partition) throws Exception {
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            return hierarchies.map(h -> h.resolve("pneuma").resolve(partition)).filter(Files::isDirectory).toList();
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            Thread.sleep(100);
        }
    }
}
