package org.pneuma.hypervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendDecisionTest {
    private static final Set<String> ALL = Set.of("cpu", "cpuacct", "cpuset", "memory", "pids", "hugetlb");
    private static final List<Set<String>> CONTROLLER_SETS = List.of(ALL, Set.of("cpu", "cpuset", "memory"),
        Set.of("memory", "pids"), Set.of());

    /** Every combination of the facts the decision depends on. */
    private static List<HostFacts> everyHost() {
        List<HostFacts> hosts = new ArrayList<>();
        boolean[] both = {false, true};
        for (boolean root : both) {
            for (Set<String> controllers : CONTROLLER_SETS) {
                for (boolean namespaces : both) {
                    for (boolean qemu : both) {
                        for (boolean kvmAnswers : both) {
                            for (boolean kvmBoots : both) {
                                hosts.add(new HostFacts(root, controllers, namespaces, qemu, kvmAnswers, kvmBoots));
                            }
                        }
                    }
                }
            }
        }
        return hosts;
    }

    private static BackendSupport of(List<BackendSupport> supports, GuestBackend backend) {
        return supports.stream().filter(support -> support.backend() == backend).findFirst().orElseThrow();
    }

    @Test
    void everyHostGetsOneVerdictPerBackendStrongestFirst() {
        for (HostFacts host : everyHost()) {
            assertThat(BackendDecision.decide(host)).extracting(BackendSupport::backend)
                .as("%s", host).containsExactly(GuestBackend.VM, GuestBackend.SANDBOX, GuestBackend.PROCESS);
        }
    }

    @Test
    void theVmBackendNeedsQemuAndUsesTcgUnlessAStockGuestWasSeenBootingUnderKvm() {
        for (HostFacts host : everyHost()) {
            BackendSupport vm = of(BackendDecision.decide(host), GuestBackend.VM);

            assertThat(vm.supported()).as("%s", host).isEqualTo(host.qemuPresent());
            if (!host.qemuPresent()) {
                assertThat(vm.reason()).isEqualTo("QEMU absent");
            } else if (host.kvmBootsStockGuests()) {
                assertThat(vm.reason()).contains("accel=kvm").doesNotContain("tcg");
            } else {
                assertThat(vm.reason()).as("%s", host).contains("accel=tcg", "not for timing")
                    .doesNotContain("accel=kvm");
            }
        }
    }

    @Test
    void theSandboxNeedsRootTheFourControllersAndNamespacesAllTogether() {
        for (HostFacts host : everyHost()) {
            BackendSupport sandbox = of(BackendDecision.decide(host), GuestBackend.SANDBOX);
            boolean controllers = host.cgroupControllers().containsAll(BackendDecision.SANDBOX_CONTROLLERS);

            assertThat(sandbox.supported()).as("%s", host).isEqualTo(host.root() && controllers && host.namespacesWork());
            if (!host.root()) {
                assertThat(sandbox.reason()).contains("not root");
            }
            if (!controllers) {
                assertThat(sandbox.reason()).contains("cgroup controllers missing");
            }
            if (!host.namespacesWork()) {
                assertThat(sandbox.reason()).contains("namespaces not available");
            }
        }
    }

    @Test
    void aSandboxMissingOnlyPidsNamesPids() {
        HostFacts host = new HostFacts(true, Set.of("cpu", "cpuset", "memory"), true, false, false, false);

        assertThat(of(BackendDecision.decide(host), GuestBackend.SANDBOX).reason())
            .isEqualTo("cgroup controllers missing: pids");
    }

    @Test
    void theProcessBackendIsAlwaysThereAndSaysItIsolatesNothing() {
        for (HostFacts host : everyHost()) {
            BackendSupport process = of(BackendDecision.decide(host), GuestBackend.PROCESS);

            assertThat(process.supported()).isTrue();
            assertThat(process.reason()).contains("isolates NOTHING");
        }
    }

    @Test
    void theStrongestIsVmWithQemuElseSandboxWhenPossibleElseProcess() {
        for (HostFacts host : everyHost()) {
            boolean sandbox = host.root() && host.namespacesWork()
                && host.cgroupControllers().containsAll(BackendDecision.SANDBOX_CONTROLLERS);
            GuestBackend expected = host.qemuPresent() ? GuestBackend.VM
                : sandbox ? GuestBackend.SANDBOX : GuestBackend.PROCESS;

            assertThat(BackendDecision.strongest(BackendDecision.decide(host))).as("%s", host).isEqualTo(expected);
        }
    }

    @Test
    void thisKindOfMachineWithoutQemuGetsTheSandbox() {
        HostFacts host = new HostFacts(true, ALL, true, false, true, false);

        assertThat(BackendDecision.strongest(BackendDecision.decide(host))).isEqualTo(GuestBackend.SANDBOX);
    }
}
