package org.pneuma.hypervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CgroupLayoutTest {
    private static final String FILESYSTEMS = Fixtures.resource("mountinfo/filesystems.txt");

    private static Function<String, String> files(Map<String, String> contents) {
        return path -> contents.getOrDefault(path, "");
    }

    @Test
    void aHybridHostHasV1ControllersAndAV2MountThatHoldsOnlyWhatV1DoesNot() {
        CgroupLayout layout = CgroupLayout.parse(Fixtures.resource("mountinfo/hybrid.txt"), FILESYSTEMS,
            files(Map.of("/sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n")));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
        assertThat(layout.v1Controllers())
            .containsExactly("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids");
        assertThat(layout.v2MountPoint()).isEqualTo("/sys/fs/cgroup/unified");
        assertThat(layout.v2Controllers()).containsExactly("hugetlb");
        assertThat(layout.controllers()).contains("cpu", "cpuset", "memory", "pids", "hugetlb");
    }

    @Test
    void aHybridV2MountWithAnEmptyControllerListHasNoV2Controllers() {
        CgroupLayout layout = CgroupLayout.parse(Fixtures.resource("mountinfo/hybrid.txt"), FILESYSTEMS,
            files(Map.of("/sys/fs/cgroup/unified/cgroup.controllers", "\n")));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
        assertThat(layout.v2Controllers()).isEmpty();
    }

    @Test
    void aV1HostSplitsCombinedHierarchiesAndIgnoresNamedOnesAndMountOptions() {
        CgroupLayout layout = CgroupLayout.parse(Fixtures.resource("mountinfo/v1.txt"), FILESYSTEMS,
            files(Map.of()));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.V1);
        assertThat(layout.v1Controllers())
            .containsExactly("cpu", "cpuacct", "cpuset", "memory", "net_cls", "net_prio", "pids")
            .doesNotContain("name=systemd", "xattr", "clone_children", "rw");
        assertThat(layout.v2MountPoint()).isEmpty();
        assertThat(layout.v2Controllers()).isEmpty();
    }

    @Test
    void aV2HostReadsItsControllersFromTheRootOfTheUnifiedHierarchy() {
        CgroupLayout layout = CgroupLayout.parse(Fixtures.resource("mountinfo/v2.txt"), FILESYSTEMS,
            files(Map.of("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n")));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.V2);
        assertThat(layout.v1Controllers()).isEmpty();
        assertThat(layout.v2MountPoint()).isEqualTo("/sys/fs/cgroup");
        assertThat(layout.v2Controllers()).containsExactly("cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma",
            "misc");
        assertThat(layout.hasController("pids")).isTrue();
        assertThat(layout.hasController("freezer")).isFalse();
    }

    @Test
    void aHostWithNothingMountedSaysWhatTheKernelCouldMount() {
        CgroupLayout layout = CgroupLayout.parse(Fixtures.resource("mountinfo/none.txt"), FILESYSTEMS,
            files(Map.of()));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.NONE);
        assertThat(layout.kernelHasV1()).isTrue();
        assertThat(layout.kernelHasV2()).isTrue();
        assertThat(layout.controllers()).isEmpty();
    }

    @Test
    void theKernelsFilesystemsAreReadFromProcFilesystems() {
        CgroupLayout layout = CgroupLayout.parse("", "nodev\tproc\nnodev\tcgroup2\n\text4\n", files(Map.of()));

        assertThat(layout.kernelHasV1()).isFalse();
        assertThat(layout.kernelHasV2()).isTrue();
    }

    @Test
    void aMountPointWithEscapedSpacesIsUnescaped() {
        String mountinfo = "41 31 0:38 / /run/my\\040cgroups rw,relatime - cgroup2 cgroup2 rw\n";

        CgroupLayout layout = CgroupLayout.parse(mountinfo, FILESYSTEMS,
            files(Map.of("/run/my cgroups/cgroup.controllers", "memory")));

        assertThat(layout.v2MountPoint()).isEqualTo("/run/my cgroups");
        assertThat(layout.v2Controllers()).containsExactly("memory");
    }

    @Test
    void linesThatAreNotMountsAreIgnored() {
        CgroupLayout layout = CgroupLayout.parse("garbage\n\n1 2 - cgroup\n", FILESYSTEMS, files(Map.of()));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.NONE);
    }
}
