package org.pneuma.hypervisor.doctor;

import java.time.Duration;
import java.util.Objects;

/**
 * What this host offers Pneuma's partitions, each item found by trying it: the facts behind {@code pneuma doctor}
 * and behind the choice of guest backend.
 *
 * @param java               the JVM
 * @param effectiveUserId    {@code geteuid()}; -1 if it could not be asked
 * @param privileges         capabilities and limits relevant to real-time work
 * @param cgroups            the cgroup layout
 * @param namespaces         whether a child could get its own pid, mount and network namespaces
 * @param realtimeScheduling whether a thread could switch to {@code SCHED_FIFO} priority 1 and back
 * @param memoryLock         whether {@code mlockall(MCL_CURRENT|MCL_FUTURE)} and {@code munlockall} succeeded
 * @param runc               the runc OCI runtime
 * @param crun               the crun OCI runtime
 * @param qemu               the QEMU system emulator for this machine's architecture
 * @param kvm                {@code /dev/kvm}
 */
public record HostCapabilities(JavaRuntime java, int effectiveUserId, ProcessPrivileges privileges,
                               CgroupLayout cgroups, Finding namespaces, Finding realtimeScheduling,
                               Finding memoryLock, ToolFinding runc, ToolFinding crun, ToolFinding qemu,
                               KvmFinding kvm) {
    /** How long any one probe may take before it is reported as not answering. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);

    public HostCapabilities {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(privileges, "privileges");
        Objects.requireNonNull(cgroups, "cgroups");
        Objects.requireNonNull(namespaces, "namespaces");
        Objects.requireNonNull(realtimeScheduling, "realtimeScheduling");
        Objects.requireNonNull(memoryLock, "memoryLock");
        Objects.requireNonNull(runc, "runc");
        Objects.requireNonNull(crun, "crun");
        Objects.requireNonNull(qemu, "qemu");
        Objects.requireNonNull(kvm, "kvm");
    }

    /** Whether the effective user is root. */
    public boolean root() {
        return effectiveUserId == 0;
    }

    /**
     * Probes this host with {@link #DEFAULT_PROBE_TIMEOUT} per probe. See {@link HostProbe}: it forks short-lived
     * children, switches a throw-away thread to {@code SCHED_FIFO} and back, and locks then unlocks this process's
     * memory. Never throws for a missing tool or a refused call; never hangs.
     */
    public static HostCapabilities probe() {
        return new HostProbe(DEFAULT_PROBE_TIMEOUT).probe();
    }
}
