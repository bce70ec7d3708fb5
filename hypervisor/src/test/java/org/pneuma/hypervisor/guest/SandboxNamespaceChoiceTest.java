package org.pneuma.hypervisor.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.hypervisor.guest.GuestHost.MIB;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pneuma.hypervisor.guest.AppliedLimit.Limit;

/** A sandbox with fewer namespaces than all three: the limits still hold, and the reports say what is missing. */
class SandboxNamespaceChoiceTest {
    @BeforeAll
    static void requirePrerequisites() {
        GuestHost.requireSandboxPrerequisites();
    }

    @Test
    void withoutAPidNamespaceServicesSeeTheHostsProcessesAndTheReportSaysSo() throws Exception {
        String name = GuestHost.uniqueName("no-pid");
        var spec = new GuestPartitionSpec(name, "0", 50, 32 * MIB, 32, EnumSet.of(GuestNamespace.MOUNT, GuestNamespace.NET),
            List.of(), Map.of());
        try (GuestPartition partition = SandboxBackend.onThisHost().start(spec)) {
            GuestService service = GuestHost.run(partition, "look", "echo self=$$; cat /proc/net/dev | tail -n +3 | wc -l; "
                + "kill -0 " + ProcessHandle.current().pid() + "; echo signal-host=$?");

            assertThat(service.output()).contains("self=" + service.pid() + "\n", "\n1\n", "signal-host=0");
            assertThat(partition.isolation().notInForce()).anyMatch(l -> l.startsWith("pid: no pid namespace"));
            assertThat(partition.isolation().inForce()).noneMatch(l -> l.startsWith("pid namespace"))
                .anyMatch(l -> l.startsWith("network namespace: loopback only"));
            GuestService stays = partition.launch("stays", List.of("/bin/sh", "-c", "sleep 1000 & sleep 1000"), Map.of());
            assertThat(GuestHost.eventually(java.time.Duration.ofSeconds(5),
                () -> GuestHost.processesInCgroupsNamed(name).size() >= 3)).isTrue();
            List<Long> pids = GuestHost.processesInCgroupsNamed(name);

            partition.stop();

            assertThat(pids).noneMatch(GuestHost::isAlive);
            assertThat(stays.isAlive()).isFalse();
        }
        assertThat(GuestHost.cgroupDirectoriesNamed(name)).isEmpty();
    }

    @Test
    void withNoNamespaceAtAllTheCgroupLimitsStillHoldAndEveryNamespaceIsReportedMissing() throws Exception {
        String name = GuestHost.uniqueName("no-ns");
        var spec = new GuestPartitionSpec(name, "0", 30, 32 * MIB, 16, Set.of(), List.of(), Map.of());
        try (GuestPartition partition = SandboxBackend.onThisHost().start(spec)) {
            GuestService service = GuestHost.run(partition, "look",
                "cat /proc/self/cgroup | grep -c ':/pneuma/" + name + "$'; grep CapEff /proc/self/status");

            assertThat(service.output()).as("in every cgroup the partition made, with the capabilities cut")
                .startsWith(partition.cgroupDirectories().size() + "\n").contains("CapEff:\t00000000a80425fb");
            assertThat(partition.limits().readBack(Limit.CPU_QUOTA_US)).isEqualTo("30000");
            assertThat(partition.isolation().notInForce())
                .anyMatch(l -> l.startsWith("pid: no pid namespace"))
                .anyMatch(l -> l.startsWith("network: no network namespace"))
                .anyMatch(l -> l.startsWith("mounts: no mount namespace") && l.contains("out of its cgroups"));
        }
        assertThat(GuestHost.cgroupDirectoriesNamed(name)).isEmpty();
    }
}
