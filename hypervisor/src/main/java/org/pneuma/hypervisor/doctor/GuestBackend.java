package org.pneuma.hypervisor.doctor;

import java.util.Locale;

/** How the guest partition can be fenced in, strongest isolation first. */
public enum GuestBackend {
    /** A QEMU virtual machine: its own kernel; KVM where a stock guest boots, else TCG (functional, not for timing). */
    VM,
    /** cgroups and namespaces as root: CPU quota and cpuset, memory and pids limits, own pid/mount/net. */
    SANDBOX,
    /** Plain child processes: isolates nothing. */
    PROCESS;

    /** {@code "vm"}, {@code "sandbox"}, {@code "process"}: the name on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
