package org.pneuma.hypervisor.doctor;

import java.util.Objects;
import java.util.Set;
import org.pneuma.hypervisor.host.KvmDevice;

/**
 * The few facts the choice of guest backend depends on, apart from how they were found.
 *
 * @param root                   the effective user is root
 * @param cgroupControllers      controllers usable in either cgroup hierarchy
 * @param namespacesWork         a child got its own pid, mount and network namespaces
 * @param qemuPresent            the QEMU system emulator for this architecture exists
 * @param kvmAnswers             {@code /dev/kvm} opened and answered API 12
 * @param kvmBootsStockGuests    a stock Linux guest was seen booting under KVM on this host
 */
public record HostFacts(boolean root, Set<String> cgroupControllers, boolean namespacesWork, boolean qemuPresent,
                        boolean kvmAnswers, boolean kvmBootsStockGuests) {
    public HostFacts {
        cgroupControllers = Set.copyOf(Objects.requireNonNull(cgroupControllers, "cgroupControllers"));
    }

    /** The facts in {@code host}. */
    public static HostFacts of(HostCapabilities host) {
        return new HostFacts(host.root(), host.cgroups().controllers(), host.namespaces().available(),
            host.qemu().present(), host.kvm().apiVersion() == KvmDevice.STABLE_API_VERSION,
            host.kvm().verifiedForStockGuests());
    }
}
