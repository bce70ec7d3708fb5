package org.pneuma.hypervisor.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pneuma.hypervisor.guest.GuestHost.MIB;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code stop()} and a failed start leave behind: no process, no cgroup directory, no file. Also how single
 * services end (killed, exited).
 */
class SandboxCleanupTest {
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @BeforeAll
    static void requirePrerequisites() {
        GuestHost.requireSandboxPrerequisites();
    }

    @Test
    void stopKillsStoppedForkingAndOrphanedProcessesAndRemovesEveryCgroupAndIsIdempotent() throws Exception {
        String name = GuestHost.uniqueName("stop");
        GuestPartition partition = SandboxBackend.onThisHost().start(GuestHost.spec(name, List.of()));
        List<Long> pids = new ArrayList<>();
        try {
            GuestService forker = partition.launch("forker", List.of("/bin/sh", "-c",
                "sleep 1000 & sleep 1000 & sh -c 'sleep 1000' & echo forked; wait"), Map.of());
            GuestService hung = partition.launch("hung", List.of("/bin/sh", "-c", "echo hanging; while :; do :; done"),
                Map.of());
            GuestService orphaner = partition.launch("orphaner", List.of("/bin/sh", "-c",
                "(sleep 1000 &); echo orphaned; sleep 1000"), Map.of());
            assertThat(GuestHost.eventually(SETTLE, () -> forker.output().contains("forked")
                && hung.output().contains("hanging") && orphaner.output().contains("orphaned"))).isTrue();
            GuestHost.hostKill("STOP", hung.pid());
            for (ProcessHandle child : ProcessHandle.of(forker.pid()).orElseThrow().children().toList()) {
                GuestHost.hostKill("STOP", child.pid());
            }
            assertThat(GuestHost.eventually(SETTLE, () -> GuestHost.processState(hung.pid()).equals("T"))).isTrue();
            pids.addAll(GuestHost.processesInCgroupsNamed(name));
            assertThat(pids).as("init, sleep, launchers, services, children").hasSizeGreaterThanOrEqualTo(12)
                .contains(hung.pid(), forker.pid(), orphaner.pid());
            List<Path> made = partition.cgroupDirectories();
            assertThat(made).hasSizeGreaterThanOrEqualTo(4).allMatch(Files::isDirectory);

            partition.stop();

            assertThat(pids).as("every process the partition had").noneMatch(GuestHost::isAlive);
            assertThat(GuestHost.processesInCgroupsNamed(name)).isEmpty();
            assertThat(made).noneMatch(Files::exists);
            assertThat(GuestHost.cgroupDirectoriesNamed(name)).isEmpty();
            assertThat(partitionFiles(name)).isEmpty();
            assertThat(forker.output()).isEqualTo("forked\n");
            assertThat(hung.isAlive()).isFalse();
            assertThat(hung.exitCode()).hasValue(137);

            partition.stop();
            assertThatThrownBy(() -> partition.launch("late", List.of("true"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
        } finally {
            partition.stop();
        }
    }

    @Test
    void aBadCpusetFailsTheStartNamingTheFileAndLeavesNothingBehind() throws Exception {
        String name = GuestHost.uniqueName("bad-cpus");
        var spec = new GuestPartitionSpec(name, "63", 50, 64 * MIB, 64, EnumSet.allOf(GuestNamespace.class), List.of(),
            Map.of());

        assertThatThrownBy(() -> SandboxBackend.onThisHost().start(spec))
            .isInstanceOf(GuestPartitionException.class)
            .hasMessageContaining("writing '63' to ").hasMessageContaining("/pneuma/" + name + "/cpuset.cpus failed: ")
            .hasMessageMatching("(?s).*failed: (Invalid argument|Numerical result out of range).*");

        assertThat(GuestHost.cgroupDirectoriesNamed(name)).isEmpty();
        assertThat(GuestHost.processesInCgroupsNamed(name)).isEmpty();
        assertThat(partitionFiles(name)).isEmpty();
    }

    @Test
    void aFailureInsideTheNewNamespacesFailsTheStartWithTheInitsOutputAndLeavesNothingBehind() throws Exception {
        String name = GuestHost.uniqueName("bad-path");
        Path missing = Path.of("/dev/shm", name + "-no-such-bus");
        var spec = GuestHost.spec(name, List.of(missing));

        assertThatThrownBy(() -> SandboxBackend.onThisHost().start(spec))
            .isInstanceOf(GuestPartitionException.class)
            .hasMessageContaining("its init failed").hasMessageContaining(missing.toString());

        assertThat(GuestHost.cgroupDirectoriesNamed(name)).isEmpty();
        assertThat(GuestHost.processesInCgroupsNamed(name)).isEmpty();
        assertThat(partitionFiles(name)).isEmpty();
    }

    @Test
    void twoPartitionsWithTheSameNameCannotRunAtOnceAndTheFirstIsLeftAlone() throws Exception {
        String name = GuestHost.uniqueName("twin");
        try (GuestPartition first = SandboxBackend.onThisHost().start(GuestHost.spec(name, List.of()))) {
            assertThatThrownBy(() -> SandboxBackend.onThisHost().start(GuestHost.spec(name, List.of())))
                .isInstanceOf(GuestPartitionException.class).hasMessageContaining("exists already");

            assertThat(first.cgroupDirectories()).allMatch(Files::isDirectory);
            assertThat(GuestHost.run(first, "alive", "echo ok").output()).isEqualTo("ok\n");
        }
        assertThat(GuestHost.cgroupDirectoriesNamed(name)).isEmpty();
    }

    @Test
    void aKilledServiceEndsWithSigkillWhileTheOthersRunOnAndAnExitCodeIsPassedThrough() throws Exception {
        try (GuestPartition partition = SandboxBackend.onThisHost().start(GuestHost.spec(GuestHost.uniqueName("kill"),
            List.of()))) {
            GuestService victim = partition.launch("victim", List.of("/bin/sh", "-c", "sleep 1000 & wait"), Map.of());
            GuestService bystander = partition.launch("bystander", List.of("sleep", "1000"), Map.of());
            assertThat(GuestHost.eventually(SETTLE, () -> ProcessHandle.of(victim.pid()).orElseThrow()
                .children().findAny().isPresent())).isTrue();
            long child = ProcessHandle.of(victim.pid()).orElseThrow().children().findFirst().orElseThrow().pid();

            victim.kill();

            assertThat(victim.waitFor(SETTLE)).isTrue();
            assertThat(victim.exitCode()).hasValue(137);
            assertThat(GuestHost.eventually(SETTLE, () -> !GuestHost.isAlive(child))).as("its child").isTrue();
            assertThat(bystander.isAlive()).isTrue();
            assertThat(GuestHost.run(partition, "seven", "exit 7").exitCode()).hasValue(7);
        }
    }

    private static List<Path> partitionFiles(String name) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("pneuma-guest-" + name + "-")).toList();
        }
    }
}
