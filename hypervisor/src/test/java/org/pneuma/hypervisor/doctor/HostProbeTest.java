package org.pneuma.hypervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pneuma.hypervisor.host.LinuxHost;

/** The probe on the machine the tests run on: each finding checked against evidence read independently. */
class HostProbeTest {
    private static HostCapabilities host;
    private static ProcessPrivileges privileges;

    @BeforeAll
    static void probeThisHost() {
        privileges = ProcessPrivileges.parse(HostProbe.read("/proc/self/status"), HostProbe.read("/proc/self/limits"));
        host = new HostProbe(Duration.ofSeconds(10)).probe();
    }

    @Test
    void theRealtimeFindingAgreesWithTheKernelRulesAndNamesTheErrnoWhenRefused() {
        Finding realtime = host.realtimeScheduling();

        assertThat(realtime.available()).as(realtime.detail()).isEqualTo(privileges.mayUseRealtimePriority(1));
        if (realtime.available()) {
            assertThat(realtime.detail()).contains("read back SCHED_FIFO priority 1",
                "restored to SCHED_OTHER priority 0");
        } else {
            assertThat(realtime.detail()).contains("sched_setscheduler(", "SCHED_FIFO, priority 1) failed: EPERM");
        }
    }

    @Test
    void theProbeLeavesTheCallingThreadAsItFoundIt() {
        var before = LinuxHost.currentThreadScheduling();
        new HostProbe(Duration.ofSeconds(10)).probe();

        assertThat(LinuxHost.currentThreadScheduling()).isEqualTo(before);
    }

    @Test
    void theMemoryLockFindingAgreesWithTheKernelRulesAndLeavesNothingLocked() {
        Finding memoryLock = host.memoryLock();

        if (privileges.hasIpcLock() || privileges.lockedMemoryLimitBytes() < 0) {
            assertThat(memoryLock.available()).as(memoryLock.detail()).isTrue();
        } else {
            assertThat(memoryLock.available()).isFalse();
            assertThat(memoryLock.detail()).containsPattern("mlockall\\(MCL_CURRENT\\|MCL_FUTURE\\) failed: E(NOMEM|PERM)");
        }
        assertThat(HostProbe.read("/proc/self/status")).containsPattern("VmLck:\\s+0 kB");
    }

    @Test
    void theCgroupLayoutIsTheOneInThisProcessesMountTable() {
        String mountinfo = HostProbe.read("/proc/self/mountinfo");

        assertThat(host.cgroups().kernelHasV2()).isEqualTo(HostProbe.read("/proc/filesystems").contains("cgroup2"));
        assertThat(host.cgroups().kind() == CgroupLayout.Kind.HYBRID || host.cgroups().kind() == CgroupLayout.Kind.V2)
            .isEqualTo(mountinfo.contains(" - cgroup2 "));
        for (String controller : host.cgroups().v1Controllers()) {
            assertThat(mountinfo).containsPattern(" - cgroup cgroup \\S*\\b" + controller + "\\b");
        }
    }

    @Test
    void theNamespaceFindingSaysWhetherUnshareWasThereAndWhatItDid() {
        Finding namespaces = host.namespaces();

        if (new CommandRunner(Duration.ofSeconds(1)).find("unshare").isEmpty()) {
            assertThat(namespaces.available()).isFalse();
            assertThat(namespaces.detail()).startsWith("unshare absent");
        } else {
            assertThat(namespaces.detail()).startsWith("unshare --pid --fork --mount-proc --net true: exit ");
            assertThat(namespaces.available()).isEqualTo(namespaces.detail().contains(": exit 0 "));
        }
    }

    @Test
    void theKvmFindingNeverClaimsAStockGuestBoots() {
        KvmFinding kvm = host.kvm();

        assertThat(kvm.verifiedForStockGuests()).isFalse();
        assertThat(kvm.devicePresent()).isEqualTo(Files.exists(HostProbe.DEV_KVM));
        assertThat(kvm.paravirtual()).isEqualTo(Files.isDirectory(Path.of("/sys/module/kvm_pvm")));
        if (kvm.apiVersion() == 12) {
            assertThat(kvm.detail()).startsWith("KVM present (API 12) — not verified to boot a stock guest; "
                + "the vm backend uses TCG");
        }
    }

    @Test
    void toolsAreFoundExactlyWhenTheyAreOnThePath() {
        CommandRunner finder = new CommandRunner(Duration.ofSeconds(1));
        for (ToolFinding tool : new ToolFinding[] {host.runc(), host.crun(), host.qemu()}) {
            assertThat(tool.present()).as(tool.name()).isEqualTo(finder.find(tool.name()).isPresent());
            if (!tool.present()) {
                assertThat(tool.detail()).startsWith("absent");
            }
        }
    }

    @Test
    void theEffectiveUserIsTheOneTheKernelReports() {
        String uidLine = HostProbe.read("/proc/self/status").lines().filter(line -> line.startsWith("Uid:"))
            .findFirst().orElseThrow();

        assertThat(host.effectiveUserId()).isEqualTo(Integer.parseInt(uidLine.split("\\s+")[2]));
    }
}
