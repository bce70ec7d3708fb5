package org.pneuma.hypervisor.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process backend: the same API, plain child processes, and every report saying it isolates nothing. */
class ProcessBackendTest {
    @Test
    void itsReportsSayLoudlyThatNothingIsIsolatedOrLimited() {
        try (GuestPartition partition = ProcessBackend.create().start(GuestHost.spec(GuestHost.uniqueName("proc"),
            List.of(Path.of("/dev/shm/bus"))))) {
            assertThat(partition.backend()).isEqualTo("process");
            assertThat(partition.limits().applied()).isEmpty();
            assertThat(partition.limits().notApplied()).hasSize(4).allMatch(l -> l.contains("ISOLATES NOTHING"));
            assertThat(partition.limits().toLines()).allMatch(l -> l.startsWith("process: NOT APPLIED: "));
            assertThat(partition.isolation().inForce()).isEmpty();
            assertThat(partition.isolation().notInForce()).allMatch(l -> l.startsWith("PROCESS BACKEND ISOLATES NOTHING: "));
            assertThat(partition.isolation().notInForce()).anyMatch(l -> l.contains("read-only paths are NOT protected"));
            assertThat(partition.isolation().toText()).contains("in force: NOTHING");
            assertThat(partition.cgroupDirectories()).isEmpty();
        }
    }

    @Test
    void aServiceIsAPlainChildOfThisJvmThatCanWriteTheFilesTheSpecCallsReadOnly() throws Exception {
        Path bus = GuestHost.busLikeFile("sample");
        try (GuestPartition partition = ProcessBackend.create().start(GuestHost.spec(GuestHost.uniqueName("proc"),
            List.of(bus)))) {
            GuestService service = GuestHost.run(partition, "writer", "echo overwritten > " + bus + "; echo write=$?; "
                + "echo pid1=$(tr '\\0' ' ' < /proc/1/cmdline | cut -c1-40)");

            assertThat(service.output()).contains("write=0").doesNotContain("pneuma-guest-init");
            assertThat(Files.readString(bus)).isEqualTo("overwritten\n");
            assertThat(service.exitCode()).hasValue(0);
        } finally {
            Files.deleteIfExists(bus);
        }
    }

    @Test
    void aServiceGetsAStandardPathThenThePartitionsThenItsOwnEnvironmentAndNothingElse() throws Exception {
        var base = GuestHost.spec(GuestHost.uniqueName("env"), List.of());
        var spec = new GuestPartitionSpec(base.name(), base.cpus(), base.cpuBudgetPercent(), base.memoryLimitBytes(),
            base.pidsLimit(), base.namespaces(), List.of(), Map.of("BUS", "/dev/shm/bus", "ROLE", "partition"));
        try (GuestPartition partition = ProcessBackend.create().start(spec)) {
            GuestService launched = partition.launch("env", List.of("/usr/bin/env"), Map.of("ROLE", "display"));
            assertThat(launched.waitFor(Duration.ofSeconds(5))).isTrue();

            assertThat(launched.output().lines().sorted().toList()).containsExactly("BUS=/dev/shm/bus",
                "PATH=" + PartitionFiles.STANDARD_PATH, "ROLE=display");
        }
    }

    @Test
    void stopKillsEveryServiceAndItsDescendantsAndIsIdempotent() throws Exception {
        GuestPartition partition = ProcessBackend.create().start(GuestHost.spec(GuestHost.uniqueName("proc"), List.of()));
        try {
            GuestService parent = partition.launch("parent", List.of("/bin/sh", "-c",
                "sleep 1000 & sh -c 'sleep 1000' & echo started; wait"), Map.of());
            assertThat(GuestHost.eventually(Duration.ofSeconds(5), () -> parent.output().contains("started")
                && ProcessHandle.of(parent.pid()).orElseThrow().descendants().count() >= 3)).isTrue();
            List<Long> pids = ProcessHandle.of(parent.pid()).orElseThrow().descendants().map(ProcessHandle::pid).toList();
            assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(parent.pid());

            partition.stop();

            assertThat(pids).noneMatch(GuestHost::isAlive);
            assertThat(parent.isAlive()).isFalse();
            assertThat(parent.output()).isEqualTo("started\n");
            partition.stop();
            assertThatThrownBy(() -> partition.launch("late", List.of("true"), Map.of()))
                .isInstanceOf(IllegalStateException.class);
        } finally {
            partition.stop();
        }
    }

    @Test
    void serviceNamesAreUniqueWordsAndCommandsAreNotEmpty() {
        try (GuestPartition partition = ProcessBackend.create().start(GuestHost.spec(GuestHost.uniqueName("proc"),
            List.of()))) {
            partition.launch("one", List.of("true"), Map.of());

            assertThatThrownBy(() -> partition.launch("one", List.of("true"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has a service one");
            assertThatThrownBy(() -> partition.launch("../x", List.of("true"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service name '../x'");
            assertThatThrownBy(() -> partition.launch("two", List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty command");
        }
    }
}
