package org.pneuma.hypervisor.guest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.pneuma.hypervisor.guest.AppliedLimit.Limit;

/**
 * The cgroups of one sandboxed partition: a directory in every hierarchy that holds one of its controllers, the
 * limits written into them, read back on demand, and their removal with every process in them killed.
 *
 * <p>Controllers used: {@code cpu} (quota and period), {@code cpuset} (CPUs, memory nodes copied from the parent),
 * {@code memory} (limit, and memory+swap where swap is accounted), {@code pids}, plus on v1 {@code cpuacct} (for
 * accounting only) and {@code devices} (deny all, allow the harmless character devices). With a v2 hierarchy mounted,
 * a v2 directory is always made, even without a controller in it: it tracks membership and kills everything in one
 * step through {@code cgroup.kill}.
 *
 * <p>One thread at a time (the partition serialises its calls).
 */
final class PartitionCgroups {
    /** Controllers without which the sandbox does not start. */
    static final List<String> REQUIRED = List.of("cpu", "cpuset", "memory", "pids");
    /** v1 controllers used when present: CPU accounting and the device allow-list. */
    static final List<String> OPTIONAL_V1 = List.of("cpuacct", "devices");
    /** Character devices a guest may open: null, zero, full, random, urandom, tty, ptmx and the pseudo-terminals. */
    static final List<String> ALLOWED_DEVICES = List.of("c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm",
        "c 1:9 rwm", "c 5:0 rwm", "c 5:2 rwm", "c 136:* rwm");
    private static final long RETRY_PAUSE_NS = 5_000_000;

    /** A value written to a control file, to be read back. */
    private record Written(Limit limit, String requested, CgroupDirectory directory, String file, int field) {
        AppliedLimit readBack() {
            String content = directory.read(file);
            String value = field < 0 ? content : content.split("\\s+")[field];
            if (limit == Limit.DEVICES) {
                value = String.join(", ", content.split("\n"));
            }
            return new AppliedLimit(limit, requested, value, directory.hierarchy(), directory.file(file));
        }
    }

    private final String partition;
    private final List<CgroupDirectory> directories = new ArrayList<>();
    private final List<Written> written = new ArrayList<>();
    private final List<String> notApplied = new ArrayList<>();
    private List<AppliedLimit> lastRead = List.of();

    PartitionCgroups(String partition) {
        this.partition = partition;
    }

    /** The required controllers this host has in neither hierarchy, each named with where it was looked for. */
    static List<String> missingControllers(CgroupMounts mounts) {
        List<String> missing = new ArrayList<>();
        for (String controller : REQUIRED) {
            if (mounts.hierarchyOf(controller).isEmpty()) {
                missing.add("cgroup controller '" + controller + "' (not at /sys/fs/cgroup/" + controller
                    + " nor offered by the v2 root" + mounts.v2Root().map(r -> " " + r).orElse("") + ")");
            }
        }
        return missing;
    }

    /**
     * Makes the directories and writes the limits, before any process is in them.
     *
     * @throws GuestPartitionException naming the file and the kernel's answer; everything made is removed first
     */
    static PartitionCgroups create(CgroupMounts mounts, GuestPartitionSpec spec) {
        PartitionCgroups cgroups = new PartitionCgroups(spec.name());
        try {
            cgroups.makeDirectories(mounts);
            cgroups.apply(spec);
            cgroups.lastRead = cgroups.readBack();
            return cgroups;
        } catch (RuntimeException e) {
            List<String> leftovers = cgroups.killAndRemove(System.nanoTime() + 2_000_000_000L);
            if (!leftovers.isEmpty()) {
                e.addSuppressed(new GuestPartitionException("left behind: " + String.join("; ", leftovers)));
            }
            throw e;
        }
    }

    List<CgroupDirectory> directories() {
        return List.copyOf(directories);
    }

    /** Every {@code cgroup.procs} a process writes its pid to, to join the partition. */
    List<Path> procsFiles() {
        return directories.stream().map(d -> d.file("cgroup.procs")).toList();
    }

    /** The directory {@code controller} is used through; empty if none. */
    Optional<CgroupDirectory> directoryOf(String controller) {
        return directories.stream().filter(d -> d.controllers().contains(controller)).findFirst();
    }

    /** The v2 directory, if v2 is mounted. */
    Optional<CgroupDirectory> v2Directory() {
        return directories.stream().filter(d -> d.hierarchy() == CgroupHierarchy.V2).findFirst();
    }

    /** The limits as the control files hold them now; after removal, as last read. */
    GuestLimits limits(String backend) {
        if (!directories.isEmpty() && directories.stream().allMatch(d -> d.has("cgroup.procs"))) {
            try {
                lastRead = readBack();
            } catch (GuestPartitionException e) {
                // Removed between the check and the read: the last reading stands.
            }
        }
        return new GuestLimits(backend, lastRead, notApplied);
    }

    /** What was asked for and is not enforced, each with the reason. */
    List<String> notApplied() {
        return List.copyOf(notApplied);
    }

    /**
     * Kills every process in the directories ({@code cgroup.kill} where offered, else {@code SIGKILL} to each member
     * until none is left) and removes them, retrying until {@code deadlineNs} ({@link System#nanoTime()}).
     *
     * @return what is left behind: directories that could not be removed and why; empty when all are gone
     */
    List<String> killAndRemove(long deadlineNs) {
        if (!directories.isEmpty()) {
            lastRead = safeReadBack();
        }
        for (CgroupDirectory directory : directories) {
            if (directory.hierarchy() == CgroupHierarchy.V2 && directory.has("cgroup.procs")) {
                try {
                    directory.killAllAtOnce();
                } catch (GuestPartitionException e) {
                    // Fall back to killing one by one below.
                }
            }
        }
        List<String> leftovers = new ArrayList<>();
        while (true) {
            Set<Long> members = new LinkedHashSet<>();
            for (CgroupDirectory directory : directories) {
                members.addAll(directory.members());
            }
            for (long pid : members) {
                if (pid != ProcessHandle.current().pid()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            leftovers.clear();
            for (CgroupDirectory directory : directories.reversed()) {
                directory.remove().ifPresent(leftovers::add);
            }
            if (leftovers.isEmpty()) {
                directories.clear();
                return leftovers;
            }
            if (System.nanoTime() - deadlineNs > 0) {
                if (!members.isEmpty()) {
                    leftovers.add("processes still in the cgroups: " + members);
                }
                return leftovers;
            }
            LockSupport.parkNanos(RETRY_PAUSE_NS);
        }
    }

    /** Makes a directory in every hierarchy that holds a controller it uses, and the v2 one. */
    void makeDirectories(CgroupMounts mounts) {
        Map<Path, List<String>> v1 = new LinkedHashMap<>();
        List<String> v2 = new ArrayList<>();
        List<String> wanted = new ArrayList<>(REQUIRED);
        wanted.addAll(OPTIONAL_V1);
        for (String controller : wanted) {
            Optional<CgroupHierarchy> hierarchy = mounts.hierarchyOf(controller);
            if (hierarchy.isEmpty()) {
                continue;
            }
            if (hierarchy.get() == CgroupHierarchy.V1) {
                v1.computeIfAbsent(mounts.v1().get(controller), root -> new ArrayList<>()).add(controller);
            } else if (REQUIRED.contains(controller)) {
                v2.add(controller);
            }
        }
        for (var entry : v1.entrySet()) {
            directories.add(CgroupDirectory.create(CgroupHierarchy.V1, entry.getKey(), partition, entry.getValue()));
        }
        if (mounts.v2Root().isPresent()) {
            directories.add(CgroupDirectory.create(CgroupHierarchy.V2, mounts.v2Root().get(), partition, v2));
        }
    }

    /** Writes every limit of {@code spec} into the directories made. */
    void apply(GuestPartitionSpec spec) {
        CgroupDirectory cpu = required("cpu");
        String quota = Long.toString(spec.cpuQuotaUs());
        String period = Long.toString(spec.cpuPeriodUs());
        if (cpu.hierarchy() == CgroupHierarchy.V1) {
            write(Limit.CPU_PERIOD_US, cpu, "cpu.cfs_period_us", period, -1);
            write(Limit.CPU_QUOTA_US, cpu, "cpu.cfs_quota_us", quota, -1);
        } else {
            cpu.write("cpu.max", quota + " " + period);
            written.add(new Written(Limit.CPU_QUOTA_US, quota, cpu, "cpu.max", 0));
            written.add(new Written(Limit.CPU_PERIOD_US, period, cpu, "cpu.max", 1));
        }

        CgroupDirectory cpuset = required("cpuset");
        String mems = cpuset.readParent(cpuset.hierarchy() == CgroupHierarchy.V1 ? "cpuset.mems" : "cpuset.mems.effective");
        write(Limit.CPUS, cpuset, "cpuset.cpus", spec.cpus(), -1);
        write(Limit.MEMS, cpuset, "cpuset.mems", mems, -1);

        CgroupDirectory memory = required("memory");
        String bytes = Long.toString(spec.memoryLimitBytes());
        if (memory.hierarchy() == CgroupHierarchy.V1) {
            write(Limit.MEMORY_BYTES, memory, "memory.limit_in_bytes", bytes, -1);
            if (memory.has("memory.memsw.limit_in_bytes")) {
                write(Limit.SWAP, memory, "memory.memsw.limit_in_bytes", bytes, -1);
            } else {
                notApplied.add("memory+swap: the kernel does not account swap (no memory.memsw.limit_in_bytes); "
                    + "where the host has swap, the partition may page out beyond its memory limit");
            }
        } else {
            write(Limit.MEMORY_BYTES, memory, "memory.max", bytes, -1);
            if (memory.has("memory.swap.max")) {
                write(Limit.SWAP, memory, "memory.swap.max", "0", -1);
            } else {
                notApplied.add("swap: the kernel does not account swap (no memory.swap.max); where the host has swap, "
                    + "the partition may page out beyond its memory limit");
            }
        }

        write(Limit.PIDS, required("pids"), "pids.max", Integer.toString(spec.pidsLimit()), -1);

        Optional<CgroupDirectory> devices = directoryOf("devices");
        if (devices.isPresent()) {
            devices.get().write("devices.deny", "a");
            for (String rule : ALLOWED_DEVICES) {
                devices.get().write("devices.allow", rule);
            }
            written.add(new Written(Limit.DEVICES, String.join(", ", ALLOWED_DEVICES), devices.get(), "devices.list", -1));
        } else {
            notApplied.add("devices: no v1 devices controller; every device node the host has may be opened");
        }
    }

    private CgroupDirectory required(String controller) {
        return directoryOf(controller).orElseThrow(() -> new GuestPartitionException(
            "guest partition " + partition + ": no cgroup directory for controller '" + controller + "'"));
    }

    private void write(Limit limit, CgroupDirectory directory, String file, String value, int field) {
        directory.write(file, value);
        written.add(new Written(limit, value, directory, file, field));
    }

    private List<AppliedLimit> readBack() {
        return written.stream().map(Written::readBack).toList();
    }

    private List<AppliedLimit> safeReadBack() {
        try {
            return readBack();
        } catch (GuestPartitionException e) {
            return lastRead;
        }
    }
}
