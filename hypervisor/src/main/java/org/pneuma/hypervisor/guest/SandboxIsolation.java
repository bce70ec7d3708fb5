package org.pneuma.hypervisor.guest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pneuma.hypervisor.guest.AppliedLimit.Limit;

/** Writes down what a sandboxed partition's set-up puts in force and what it leaves open. */
final class SandboxIsolation {
    private SandboxIsolation() {
    }

    static IsolationReport of(GuestPartitionSpec spec, SandboxTools tools, CgroupMounts mounts, PartitionCgroups cgroups) {
        GuestLimits limits = cgroups.limits(SandboxBackend.LABEL);
        List<String> inForce = new ArrayList<>();
        List<String> open = new ArrayList<>();

        inForce.add("cpu: " + spec.cpuBudgetPercent() + " % of one CPU (quota " + limits.readBack(Limit.CPU_QUOTA_US)
            + " µs per " + limits.readBack(Limit.CPU_PERIOD_US) + " µs) on CPUs " + limits.readBack(Limit.CPUS)
            + ", memory nodes " + limits.readBack(Limit.MEMS) + " — " + enforcer(limits, Limit.CPU_QUOTA_US) + " cpu, "
            + enforcer(limits, Limit.CPUS) + " cpuset");
        inForce.add("memory: " + limits.readBack(Limit.MEMORY_BYTES) + " bytes"
            + limits.get(Limit.SWAP).map(s -> ", no swap beyond it").orElse("")
            + "; the OOM killer acts inside the partition — " + enforcer(limits, Limit.MEMORY_BYTES) + " memory");
        inForce.add("pids: at most " + limits.readBack(Limit.PIDS) + " processes and threads, the partition's own "
            + GuestPartitionSpec.PARTITION_OVERHEAD_PIDS + " and one launcher per service included — "
            + enforcer(limits, Limit.PIDS) + " pids");
        limits.get(Limit.DEVICES).ifPresent(devices -> inForce.add(
            "devices: only null, zero, full, random, urandom, tty, ptmx and pseudo-terminals can be opened — "
                + devices.hierarchy().label() + " devices"));
        cgroups.v2Directory().ifPresent(v2 -> inForce.add("cgroup v2 " + v2.path() + ": "
            + (v2.controllers().isEmpty() ? "membership and one-step kill (cgroup.kill) only; no limit is enforced there "
            + "(the v2 root offers: " + offered(mounts) + ")" : "enforces " + String.join(", ", v2.controllers())
            + "; membership and one-step kill (cgroup.kill)")));

        if (spec.namespaces().contains(GuestNamespace.PID)) {
            inForce.add("pid namespace: the partition's init is pid 1; host processes are invisible and cannot be "
                + "signalled; when the init dies the kernel kills every process in it");
        } else {
            open.add("pid: no pid namespace; host processes are visible and can be signalled (CAP_KILL is kept)");
        }
        if (spec.namespaces().contains(GuestNamespace.NET)) {
            inForce.add("network namespace: loopback only" + (tools.ip().isPresent() ? " (up)" : " (down: no 'ip' tool)")
                + "; no route to the host's network");
        } else {
            open.add("network: no network namespace; the host's network is reachable");
        }
        if (spec.namespaces().contains(GuestNamespace.MOUNT)) {
            inForce.add("mount namespace: read-only binds of " + (spec.readOnlyPaths().isEmpty() ? "no path"
                : String.join(", ", spec.readOnlyPaths().stream().map(Path::toString).toList()))
                + "; sysfs read-only, hiding the host's cgroup mounts (services cannot leave their cgroups); "
                + String.join(", ", SandboxCommands.READ_ONLY_PROC) + " read-only where present");
        } else {
            open.add("mounts: no mount namespace; the host's cgroup filesystem is writable, so a service can move "
                + "itself out of its cgroups");
        }
        inForce.add("capabilities: bounding set cut to " + String.join(", ", SandboxCommands.KEPT_CAPABILITIES)
            + "; CAP_SYS_ADMIN (so no mount, umount or remount), CAP_SYS_PTRACE, CAP_SYS_MODULE, CAP_SYS_RAWIO, "
            + "CAP_NET_ADMIN and the rest dropped; no_new_privs");

        open.add("user: services run as root (uid 0) of the host's user namespace; no user namespace");
        open.add("filesystem: the host's filesystems are visible, and writable by root, apart from the read-only paths; "
            + "no private root, no disk quota; a read-only bind protects that path, not other hard links to the file");
        open.add("disk I/O: not limited (no blkio or io limit); a write flood is bounded only by the CPU quota");
        open.add("system calls: no seccomp filter");
        open.add("IPC, UTS, cgroup and time namespaces: shared with the host");
        open.add("kernel: shared with the host");
        cgroups.notApplied().forEach(open::add);
        return new IsolationReport(SandboxBackend.LABEL, spec.name(), inForce, open);
    }

    private static String enforcer(GuestLimits limits, Limit limit) {
        return limits.get(limit).map(a -> a.hierarchy().label()).orElse("nothing");
    }

    private static String offered(CgroupMounts mounts) {
        Optional<Path> root = mounts.v2Root();
        return root.isEmpty() || mounts.v2Controllers().isEmpty() ? "nothing" : String.join(" ", mounts.v2Controllers());
    }
}
