package org.pneuma.hypervisor.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuestPartitionSpecTest {
    private static final long MIB = 1024 * 1024;
    private static final Set<GuestNamespace> ALL = EnumSet.allOf(GuestNamespace.class);

    private static GuestPartitionSpec spec(String name, String cpus, int budget, long memory, int pids,
                                           Set<GuestNamespace> namespaces, List<Path> paths, Map<String, String> env) {
        return new GuestPartitionSpec(name, cpus, budget, memory, pids, namespaces, paths, env);
    }

    @Test
    void theBudgetBecomesAQuotaPerHundredMillisecondPeriod() {
        var spec = spec("guest", "1", 20, 64 * MIB, 64, ALL, List.of(), Map.of());

        assertThat(spec.cpuPeriodUs()).isEqualTo(100_000);
        assertThat(spec.cpuQuotaUs()).isEqualTo(20_000);
        assertThat(spec("guest", "0-1", 150, 64 * MIB, 64, ALL, List.of(), Map.of()).cpuQuotaUs()).isEqualTo(150_000);
    }

    @Test
    void aBudgetBeyondTheListedCpusOrBelowOnePercentIsRefused() {
        assertThatThrownBy(() -> spec("guest", "0", 101, 64 * MIB, 64, ALL, List.of(), Map.of()))
            .hasMessage("guest partition guest: CPU budget 101 % is outside 1..100 % (100 % per CPU in '0')");
        assertThatThrownBy(() -> spec("guest", "0,2-3", 301, 64 * MIB, 64, ALL, List.of(), Map.of()))
            .hasMessageContaining("outside 1..300 %");
        assertThatThrownBy(() -> spec("guest", "0", 0, 64 * MIB, 64, ALL, List.of(), Map.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAndCpuListsMustBeSafeForCgroupPathsAndTheKernelsFormat() {
        for (String name : List.of("", "Guest", "../etc", "a/b", "-guest", "guest-", "x".repeat(41))) {
            assertThatThrownBy(() -> spec(name, "0", 10, 64 * MIB, 64, ALL, List.of(), Map.of())).as(name)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        }
        for (String cpus : List.of("", "a", "0-", "1,,2", "0 1", "3-1")) {
            assertThatThrownBy(() -> spec("guest", cpus, 10, 64 * MIB, 64, ALL, List.of(), Map.of())).as(cpus)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU");
        }
        assertThat(spec("guest-1", "63", 10, 64 * MIB, 64, ALL, List.of(), Map.of()).cpus())
            .as("whether CPU 63 exists is the kernel's call").isEqualTo("63");
    }

    @Test
    void tooLittleMemoryOrTooFewPidsForThePartitionsOwnProcessesAreRefused() {
        assertThatThrownBy(() -> spec("guest", "0", 10, 4 * MIB, 64, ALL, List.of(), Map.of()))
            .hasMessageContaining("memory limit 4194304 bytes is below 8388608");
        assertThatThrownBy(() -> spec("guest", "0", 10, 64 * MIB, 7, ALL, List.of(), Map.of()))
            .hasMessageContaining("pids limit 7 is below 8");
    }

    @Test
    void aPidNamespaceOrReadOnlyPathsWithoutAMountNamespaceAreRefused() {
        assertThatThrownBy(() -> spec("guest", "0", 10, 64 * MIB, 64, EnumSet.of(GuestNamespace.PID), List.of(), Map.of()))
            .hasMessageContaining("a pid namespace needs a mount namespace");
        assertThatThrownBy(() -> spec("guest", "0", 10, 64 * MIB, 64, EnumSet.of(GuestNamespace.NET),
            List.of(Path.of("/dev/shm/bus")), Map.of())).hasMessageContaining("read-only paths need a mount namespace");
    }

    @Test
    void readOnlyPathsAreAbsoluteAndListedOnce() {
        assertThatThrownBy(() -> spec("guest", "0", 10, 64 * MIB, 64, ALL, List.of(Path.of("bus")), Map.of()))
            .hasMessageContaining("'bus' is not absolute");
        assertThatThrownBy(() -> spec("guest", "0", 10, 64 * MIB, 64, ALL,
            List.of(Path.of("/dev/shm/bus"), Path.of("/dev/shm/./bus")), Map.of())).hasMessageContaining("listed twice");
    }

    @Test
    void environmentNamesMustBeShellNames() {
        assertThatThrownBy(() -> spec("guest", "0", 10, 64 * MIB, 64, ALL, List.of(), Map.of("A=B", "x")))
            .hasMessageContaining("'A=B'");
        assertThat(spec("guest", "0", 10, 64 * MIB, 64, ALL, List.of(), Map.of("BUS_PATH", "/dev/shm/bus")).environment())
            .containsEntry("BUS_PATH", "/dev/shm/bus");
    }

    @Test
    void theSpecIsImmutable() {
        var spec = spec("guest", "0", 10, 64 * MIB, 64, ALL, List.of(Path.of("/dev/shm/bus")), Map.of("A", "1"));

        assertThatThrownBy(() -> spec.namespaces().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.readOnlyPaths().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.environment().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
