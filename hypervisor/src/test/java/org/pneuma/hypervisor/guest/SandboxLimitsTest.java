package org.pneuma.hypervisor.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.hypervisor.guest.GuestHost.MIB;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pneuma.hypervisor.guest.AppliedLimit.Limit;

/**
 * The limits of a sandboxed partition: written, read back from the kernel, and holding against a CPU hog, a memory
 * hog and a fork bomb. Each test starts its own partition and stops it however the test ends.
 */
class SandboxLimitsTest {
    private static final List<String> SPIN = List.of("/bin/sh", "-c", "while :; do :; done");

    @BeforeAll
    static void requirePrerequisites() {
        GuestHost.requireSandboxPrerequisites();
    }

    @Test
    void everyLimitIsWrittenAndReadBackFromTheCgroupFileOfTheHierarchyThatHoldsItsController() {
        var spec = new GuestPartitionSpec(GuestHost.uniqueName("lim"), "0", 25, 48 * MIB, 40,
            EnumSet.allOf(GuestNamespace.class), List.of(), Map.of());
        try (GuestPartition partition = SandboxBackend.onThisHost().start(spec)) {
            GuestLimits limits = partition.limits();

            assertThat(limits.readBack(Limit.CPU_QUOTA_US)).isEqualTo("25000");
            assertThat(limits.readBack(Limit.CPU_PERIOD_US)).isEqualTo("100000");
            assertThat(limits.readBack(Limit.CPUS)).isEqualTo("0");
            assertThat(limits.readBack(Limit.MEMORY_BYTES)).isEqualTo(Long.toString(48 * MIB));
            assertThat(limits.readBack(Limit.PIDS)).isEqualTo("40");
            for (AppliedLimit applied : limits.applied()) {
                assertThat(applied.file()).as(applied.describe()).exists();
                assertThat(applied.file().getParent()).hasFileName(spec.name());
                assertThat(applied.file().getParent().getParent()).hasFileName("pneuma");
                assertThat(GuestHost.read(applied.file()).strip().replace("\n", ", "))
                    .as("read independently: " + applied.file()).contains(applied.readBack());
            }
            assertThat(limits.get(Limit.CPU_QUOTA_US).orElseThrow().hierarchy()).isEqualTo(GuestHost.expectedHierarchyOf("cpu"));
            assertThat(limits.get(Limit.CPUS).orElseThrow().hierarchy()).isEqualTo(GuestHost.expectedHierarchyOf("cpuset"));
            assertThat(limits.get(Limit.MEMORY_BYTES).orElseThrow().hierarchy()).isEqualTo(GuestHost.expectedHierarchyOf("memory"));
            assertThat(limits.get(Limit.PIDS).orElseThrow().hierarchy()).isEqualTo(GuestHost.expectedHierarchyOf("pids"));

            Path memory = limits.get(Limit.MEMORY_BYTES).orElseThrow().file().getParent();
            boolean swapAccounted = memory.resolve("memory.memsw.limit_in_bytes").toFile().exists()
                || memory.resolve("memory.swap.max").toFile().exists();
            assertThat(limits.get(Limit.SWAP).isPresent()).isEqualTo(swapAccounted);
            if (swapAccounted) {
                assertThat(limits.get(Limit.SWAP).orElseThrow().readBack()).isIn(Long.toString(48 * MIB), "0");
            } else {
                assertThat(limits.notApplied()).anyMatch(l -> l.contains("swap"));
            }
            Path parent = limits.get(Limit.MEMS).orElseThrow().file().getParent().getParent();
            assertThat(limits.readBack(Limit.MEMS)).isEqualTo(GuestHost.read(parent.resolve("cpuset.mems")).strip());

            assertThat(partition.isolation().inForce()).anyMatch(l -> l.startsWith("cpu: 25 % of one CPU (quota 25000 µs"));
            assertThat(partition.isolation().notInForce()).anyMatch(l -> l.startsWith("user: services run as root"));
        }
    }

    @Test
    void aCpuHogGetsNoMoreThanItsQuotaWhileAnUnlimitedOneBesideItTakesMore() throws Exception {
        int budgetPercent = 20;
        var spec = new GuestPartitionSpec(GuestHost.uniqueName("cpu"), "0", budgetPercent, 32 * MIB, 16,
            EnumSet.allOf(GuestNamespace.class), List.of(), Map.of());
        try (GuestPartition sandbox = SandboxBackend.onThisHost().start(spec);
             GuestPartition control = ProcessBackend.create().start(GuestHost.spec(GuestHost.uniqueName("ctl"), List.of()))) {
            Path usage = Path.of("/sys/fs/cgroup/cpuacct/pneuma", spec.name(), "cpuacct.usage");
            assertThat(usage).as("CPU accounting of the partition (cpuacct controller)").exists();
            GuestService hog = sandbox.launch("hog", SPIN, Map.of());
            GuestService unlimited = control.launch("hog", SPIN, Map.of());
            Thread.sleep(300);

            long hogStart = Long.parseLong(GuestHost.read(usage).strip());
            long unlimitedStart = GuestHost.cpuTimeNs(unlimited.pid());
            long wallStart = System.nanoTime();
            Thread.sleep(1_000);
            long hogNs = Long.parseLong(GuestHost.read(usage).strip()) - hogStart;
            long unlimitedNs = GuestHost.cpuTimeNs(unlimited.pid()) - unlimitedStart;
            long wallNs = System.nanoTime() - wallStart;

            double hogShare = (double) hogNs / wallNs;
            double unlimitedShare = (double) unlimitedNs / wallNs;
            String measured = String.format("over %d ms: sandboxed hog %.3f of a CPU, unlimited hog %.3f, budget %.2f",
                wallNs / 1_000_000, hogShare, unlimitedShare, budgetPercent / 100.0);
            System.out.println(measured);
            assertThat(hog.isAlive()).isTrue();
            assertThat(hogShare).as(measured).isLessThanOrEqualTo(1.5 * budgetPercent / 100.0).isGreaterThan(0.02);
            assertThat(unlimitedShare).as("the bound is not met by any process: " + measured)
                .isGreaterThan(1.5 * budgetPercent / 100.0);
            String cpuStat = GuestHost.read(Path.of("/sys/fs/cgroup/cpu/pneuma", spec.name(), "cpu.stat"));
            assertThat(cpuStat).as("the quota throttled it").containsPattern("nr_throttled [1-9]");
        }
    }

    @Test
    void aMemoryHogIsKilledByTheMemoryLimitAndThePartitionGoesOn() throws Exception {
        long limit = 48 * MIB;
        var spec = new GuestPartitionSpec(GuestHost.uniqueName("mem"), "0", 100, limit, 32,
            EnumSet.allOf(GuestNamespace.class), List.of(), Map.of());
        try (GuestPartition partition = SandboxBackend.onThisHost().start(spec)) {
            GuestService hog = partition.launch("hog", List.of("/bin/sh", "-c", "head -c 512m /dev/zero | tail"), Map.of());

            assertThat(hog.waitFor(Duration.ofSeconds(30))).as("the hog ended").isTrue();
            Path memory = Path.of("/sys/fs/cgroup/memory/pneuma", spec.name());
            String oom = GuestHost.read(memory.resolve("memory.oom_control"));
            long peak = Long.parseLong(GuestHost.read(memory.resolve("memory.max_usage_in_bytes")).strip());
            System.out.println("memory hog: exit " + hog.exitCode() + ", peak " + peak + " bytes of " + limit
                + ", failcnt " + GuestHost.read(memory.resolve("memory.failcnt")).strip() + ", " + oom.replace('\n', ' '));

            assertThat(hog.exitCode()).as("tail was killed by SIGKILL; output: " + hog.output()).hasValue(137);
            assertThat(oom).containsPattern("oom_kill [1-9]");
            assertThat(peak).isLessThanOrEqualTo(limit);
            GuestService after = GuestHost.run(partition, "after", "echo still here");
            assertThat(after.output()).isEqualTo("still here\n");
            assertThat(after.exitCode()).hasValue(0);
        }
    }

    @Test
    void aForkBombIsCappedAtPidsMaxAndTheHostCanStillFork() throws Exception {
        int pidsMax = 24;
        var spec = new GuestPartitionSpec(GuestHost.uniqueName("fork"), "0", 50, 64 * MIB, pidsMax,
            EnumSet.allOf(GuestNamespace.class), List.of(), Map.of());
        try (GuestPartition partition = SandboxBackend.onThisHost().start(spec)) {
            Path pids = Path.of("/sys/fs/cgroup/pids/pneuma", spec.name());
            GuestService bomb = partition.launch("bomb", List.of("/bin/sh", "-c", "while :; do sleep 1000 & done"), Map.of());

            assertThat(bomb.waitFor(Duration.ofSeconds(10))).as("the bomb's shell gave up when fork failed").isTrue();
            long current = Long.parseLong(GuestHost.read(pids.resolve("pids.current")).strip());
            String events = GuestHost.read(pids.resolve("pids.events")).strip();
            int members = GuestHost.read(pids.resolve("cgroup.procs")).strip().split("\n").length;
            String peak = GuestHost.readOrEmpty(pids.resolve("pids.peak")).strip();
            System.out.println("fork bomb: pids.current " + current + ", peak " + peak + ", members " + members
                + ", events '" + events + "', exit " + bomb.exitCode() + ", max " + pidsMax);

            assertThat(current).isLessThanOrEqualTo(pidsMax).isGreaterThanOrEqualTo(pidsMax - 2);
            assertThat(members).isLessThanOrEqualTo(pidsMax);
            if (!peak.isEmpty()) {
                assertThat(Long.parseLong(peak)).isLessThanOrEqualTo(pidsMax);
            }
            assertThat(events).containsPattern("max [1-9]");
            assertThat(bomb.output()).contains("Cannot fork");
            Process host = new ProcessBuilder("true").start();
            assertThat(host.waitFor()).as("the host forks").isZero();
        }
    }
}
