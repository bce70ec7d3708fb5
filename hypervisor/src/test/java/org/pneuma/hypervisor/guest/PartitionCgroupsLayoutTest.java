package org.pneuma.hypervisor.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.hypervisor.guest.AppliedLimit.Limit;

/**
 * Which hierarchy each limit goes to, and in which file format, on made-up cgroup trees: a v2-only host (which this
 * machine is not) and a hybrid host whose v2 root offers none of the controllers. Plain directories stand in for
 * cgroupfs, so the files the kernel would make are made by the test.
 */
class PartitionCgroupsLayoutTest {
    private static final GuestPartitionSpec SPEC = new GuestPartitionSpec("layout", "1", 25, 64L * 1024 * 1024, 40,
        EnumSet.allOf(GuestNamespace.class), List.of(), Map.of());

    @TempDir
    Path tree;

    @Test
    void onAV2OnlyHostEveryLimitGoesToTheUnifiedHierarchyInItsOwnFormat() throws IOException {
        Path root = tree.resolve("unified");
        kernelFiles(root, Map.of("cgroup.controllers", "cpuset cpu io memory pids", "cgroup.subtree_control", "memory",
            "cgroup.procs", ""));
        kernelFiles(root.resolve("pneuma"), Map.of("cgroup.subtree_control", "", "cpuset.mems.effective", "0-1"));
        var mounts = new CgroupMounts(Map.of(), Optional.of(root), List.of("cpuset", "cpu", "io", "memory", "pids"));

        PartitionCgroups cgroups = new PartitionCgroups(SPEC.name());
        cgroups.makeDirectories(mounts);
        Path partition = root.resolve("pneuma/layout");
        kernelFiles(partition, Map.of("cgroup.procs", "", "cpu.max", "max 100000", "cpuset.cpus", "", "cpuset.mems", "",
            "memory.max", "max", "memory.swap.max", "max", "pids.max", "max"));
        cgroups.apply(SPEC);

        assertThat(read(root, "cgroup.subtree_control")).as("memory was on already").isEqualTo("+cpu +cpuset +pids");
        assertThat(read(root, "pneuma/cgroup.subtree_control")).isEqualTo("+cpu +cpuset +memory +pids");
        assertThat(read(partition, "cpu.max")).isEqualTo("25000 100000");
        assertThat(read(partition, "cpuset.cpus")).isEqualTo("1");
        assertThat(read(partition, "cpuset.mems")).as("copied from the parent").isEqualTo("0-1");
        assertThat(read(partition, "memory.max")).isEqualTo(Long.toString(64L * 1024 * 1024));
        assertThat(read(partition, "memory.swap.max")).isEqualTo("0");
        assertThat(read(partition, "pids.max")).isEqualTo("40");
        GuestLimits limits = cgroups.limits("sandbox");
        assertThat(limits.applied()).extracting(AppliedLimit::hierarchy).containsOnly(CgroupHierarchy.V2);
        assertThat(limits.readBack(Limit.CPU_QUOTA_US)).isEqualTo("25000");
        assertThat(limits.readBack(Limit.CPU_PERIOD_US)).isEqualTo("100000");
        assertThat(limits.get(Limit.DEVICES)).isEmpty();
        assertThat(limits.notApplied()).singleElement().asString().startsWith("devices: no v1 devices controller");
        assertThat(cgroups.procsFiles()).containsExactly(partition.resolve("cgroup.procs"));
    }

    @Test
    void onAHybridHostTheLimitsGoToV1AndTheV2DirectoryOnlyTracksMembers() throws IOException {
        for (String controller : List.of("cpu", "cpuacct", "cpuset", "memory", "pids")) {
            kernelFiles(tree.resolve(controller), Map.of("cgroup.procs", ""));
            kernelFiles(tree.resolve(controller).resolve("pneuma"), Map.of("cgroup.procs", ""));
        }
        kernelFiles(tree.resolve("cpuset/pneuma"), Map.of("cpuset.cpus", "0-1", "cpuset.mems", "0"));
        Path unified = tree.resolve("unified");
        kernelFiles(unified, Map.of("cgroup.controllers", "hugetlb", "cgroup.subtree_control", ""));
        var mounts = new CgroupMounts(Map.of("cpu", tree.resolve("cpu"), "cpuacct", tree.resolve("cpuacct"),
            "cpuset", tree.resolve("cpuset"), "memory", tree.resolve("memory"), "pids", tree.resolve("pids")),
            Optional.of(unified), List.of("hugetlb"));

        PartitionCgroups cgroups = new PartitionCgroups(SPEC.name());
        cgroups.makeDirectories(mounts);
        for (String hierarchy : List.of("cpu", "cpuacct", "cpuset", "memory", "pids", "unified")) {
            kernelFiles(tree.resolve(hierarchy).resolve("pneuma/layout"), Map.of("cgroup.procs", ""));
        }
        kernelFiles(tree.resolve("cpu/pneuma/layout"), Map.of("cpu.cfs_period_us", "100000", "cpu.cfs_quota_us", "-1"));
        kernelFiles(tree.resolve("cpuset/pneuma/layout"), Map.of("cpuset.cpus", "", "cpuset.mems", ""));
        kernelFiles(tree.resolve("memory/pneuma/layout"), Map.of("memory.limit_in_bytes", "9223372036854771712"));
        kernelFiles(tree.resolve("pids/pneuma/layout"), Map.of("pids.max", "max"));
        cgroups.apply(SPEC);

        GuestLimits limits = cgroups.limits("sandbox");
        assertThat(limits.applied()).extracting(AppliedLimit::hierarchy).containsOnly(CgroupHierarchy.V1);
        assertThat(limits.get(Limit.CPU_QUOTA_US).orElseThrow().file()).isEqualTo(tree.resolve("cpu/pneuma/layout/cpu.cfs_quota_us"));
        assertThat(read(tree.resolve("cpu/pneuma/layout"), "cpu.cfs_quota_us")).isEqualTo("25000");
        assertThat(read(tree.resolve("cpuset/pneuma/layout"), "cpuset.mems")).isEqualTo("0");
        assertThat(read(tree.resolve("pids/pneuma/layout"), "pids.max")).isEqualTo("40");
        assertThat(cgroups.directoryOf("cpuacct")).isPresent();
        assertThat(cgroups.v2Directory()).hasValueSatisfying(v2 -> {
            assertThat(v2.path()).isEqualTo(unified.resolve("pneuma/layout"));
            assertThat(v2.controllers()).isEmpty();
        });
        assertThat(read(unified, "cgroup.subtree_control")).as("nothing enabled in v2").isEmpty();
        assertThat(limits.notApplied()).anyMatch(l -> l.startsWith("memory+swap: the kernel does not account swap"))
            .anyMatch(l -> l.startsWith("devices: "));
        assertThat(cgroups.procsFiles()).hasSize(6);
    }

    @Test
    void aControllerInNeitherHierarchyIsNamedAsMissing() {
        var mounts = new CgroupMounts(Map.of("cpu", tree), Optional.of(tree.resolve("unified")), List.of("pids"));

        assertThat(PartitionCgroups.missingControllers(mounts)).hasSize(2)
            .anyMatch(m -> m.startsWith("cgroup controller 'cpuset'")).anyMatch(m -> m.startsWith("cgroup controller 'memory'"));
        assertThat(mounts.hierarchyOf("cpu")).hasValue(CgroupHierarchy.V1);
        assertThat(mounts.hierarchyOf("pids")).hasValue(CgroupHierarchy.V2);
    }

    @Test
    void thisHostsMountsAgreeWithItsMountTable() {
        CgroupMounts mounts = CgroupMounts.ofThisHost();

        for (String controller : PartitionCgroups.REQUIRED) {
            assertThat(mounts.hierarchyOf(controller)).as(controller).hasValue(GuestHost.expectedHierarchyOf(controller));
        }
    }

    private static void kernelFiles(Path directory, Map<String, String> files) throws IOException {
        Files.createDirectories(directory);
        for (var file : files.entrySet()) {
            Files.writeString(directory.resolve(file.getKey()), file.getValue());
        }
    }

    private static String read(Path directory, String file) throws IOException {
        return Files.readString(directory.resolve(file)).strip();
    }
}
