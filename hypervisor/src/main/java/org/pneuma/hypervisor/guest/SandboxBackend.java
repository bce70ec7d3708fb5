package org.pneuma.hypervisor.guest;

import java.util.ArrayList;
import java.util.List;
import org.pneuma.hypervisor.host.LinuxHost;

/**
 * Fences a guest partition in with the Linux kernel's own means, as root: cgroups limit what it may use, namespaces
 * what it may see, a cut capability set what it may undo.
 *
 * <ul>
 * <li><b>cgroups</b> at {@code /sys/fs/cgroup/<controller>/pneuma/<partition>} (v1) and
 * {@code <v2 mount>/pneuma/<partition>}: CPU quota and period, cpuset (CPUs; memory nodes copied from the parent),
 * memory (plus memory+swap where swap is accounted), pids, and on v1 cpuacct and a device allow-list. Each limit is
 * written to whichever hierarchy holds its controller; {@link GuestPartition#limits()} reads every one back and names
 * the hierarchy. Every process of the partition joins all of them before it runs anything.</li>
 * <li><b>namespaces</b> as the spec asks: pid (the partition's init is pid 1), mount (read-only binds of the spec's
 * paths, read-only sysfs and {@code /proc/sys}), net (loopback only).</li>
 * <li><b>capabilities</b>: services run as root with the bounding set cut to Docker's default set; without
 * {@code CAP_SYS_ADMIN} they cannot remount, unmount or mount anything, so the read-only binds hold.</li>
 * </ul>
 *
 * <p>What it does not isolate (root user, the host filesystem apart from the read-only paths, disk I/O, system calls,
 * the kernel) {@link GuestPartition#isolation()} lists. Needs root, util-linux ({@code unshare}, {@code nsenter},
 * {@code setpriv}, {@code mount}), a POSIX {@code sh} and the {@code cpu}, {@code cpuset}, {@code memory} and
 * {@code pids} controllers; {@link #missingPrerequisites()} names what this host lacks.
 */
public final class SandboxBackend implements GuestBackend {
    static final String LABEL = "sandbox";

    private SandboxBackend() {
    }

    /** The sandbox backend for this host; {@link #start} refuses if a prerequisite is missing. */
    public static SandboxBackend onThisHost() {
        return new SandboxBackend();
    }

    @Override
    public String label() {
        return LABEL;
    }

    /** What this host lacks for the sandbox backend, each named; empty if it has everything. */
    public List<String> missingPrerequisites() {
        List<String> missing = new ArrayList<>();
        if (LinuxHost.effectiveUserId() != 0) {
            missing.add("root (effective uid is " + LinuxHost.effectiveUserId() + ")");
        }
        missing.addAll(SandboxTools.missing());
        missing.addAll(PartitionCgroups.missingControllers(CgroupMounts.ofThisHost()));
        return missing;
    }

    @Override
    public GuestPartition start(GuestPartitionSpec spec) {
        List<String> missing = missingPrerequisites();
        if (!missing.isEmpty()) {
            throw new GuestPartitionException("sandbox backend cannot start guest partition " + spec.name()
                + ": this host lacks " + String.join(", ", missing));
        }
        return SandboxPartition.start(spec, SandboxTools.find().orElseThrow(), CgroupMounts.ofThisHost());
    }
}
