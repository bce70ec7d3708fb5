package org.pneuma.hypervisor.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Which guest backends a host supports, as a pure function of {@link HostFacts}: the same facts always give the
 * same answer, and the answer never claims isolation the facts do not show.
 *
 * <ul>
 *   <li>{@code vm}: QEMU present. With {@code accel=kvm} only if a stock guest was seen booting under KVM;
 *       otherwise TCG, which isolates as well but is emulated: functional, not for timing.</li>
 *   <li>{@code sandbox}: root, the {@code cpu}, {@code cpuset}, {@code memory} and {@code pids} controllers (v1 or
 *       v2), and working pid/mount/net namespaces — all of them.</li>
 *   <li>{@code process}: always; it isolates nothing.</li>
 * </ul>
 */
public final class BackendDecision {
    /** The controllers the sandbox sets limits with. */
    public static final List<String> SANDBOX_CONTROLLERS = List.of("cpu", "cpuset", "memory", "pids");

    private BackendDecision() {
    }

    /** One entry per backend, strongest first. */
    public static List<BackendSupport> decide(HostFacts facts) {
        return List.of(vm(facts), sandbox(facts), new BackendSupport(GuestBackend.PROCESS, true,
            "always available — isolates NOTHING: guest services are plain child processes sharing CPUs, memory, "
                + "pids and network with the safety partition"));
    }

    /** The first supported backend of {@code supports}, which {@link #decide} orders strongest first. */
    public static GuestBackend strongest(List<BackendSupport> supports) {
        for (BackendSupport support : supports) {
            if (support.supported()) {
                return support.backend();
            }
        }
        return GuestBackend.PROCESS;
    }

    private static BackendSupport vm(HostFacts facts) {
        if (!facts.qemuPresent()) {
            return new BackendSupport(GuestBackend.VM, false, "QEMU absent");
        }
        if (facts.kvmBootsStockGuests()) {
            return new BackendSupport(GuestBackend.VM, true, "QEMU present; accel=kvm (stock guest verified)");
        }
        String kvm = facts.kvmAnswers() ? "KVM answers but is not verified to boot a stock guest" : "no usable KVM";
        return new BackendSupport(GuestBackend.VM, true,
            "QEMU present; " + kvm + ", so accel=tcg (emulated: functional, not for timing)");
    }

    private static BackendSupport sandbox(HostFacts facts) {
        List<String> missing = new ArrayList<>();
        if (!facts.root()) {
            missing.add("not root");
        }
        List<String> absent = SANDBOX_CONTROLLERS.stream()
            .filter(controller -> !facts.cgroupControllers().contains(controller)).toList();
        if (!absent.isEmpty()) {
            missing.add("cgroup controllers missing: " + String.join(" ", absent));
        }
        if (!facts.namespacesWork()) {
            missing.add("pid/mount/net namespaces not available");
        }
        if (missing.isEmpty()) {
            return new BackendSupport(GuestBackend.SANDBOX, true,
                "root, cgroup controllers " + String.join(" ", SANDBOX_CONTROLLERS) + ", pid/mount/net namespaces");
        }
        return new BackendSupport(GuestBackend.SANDBOX, false, String.join("; ", missing));
    }
}
