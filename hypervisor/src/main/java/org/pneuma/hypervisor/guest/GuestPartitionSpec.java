package org.pneuma.hypervisor.guest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a guest partition is given, as a hypervisor's VM configuration gives a VM: CPUs, a CPU budget, memory, a
 * process count, the namespaces of its own, the host paths it may read but never write, and its environment.
 * A backend that cannot enforce something says so in its {@link GuestPartition#limits()} and
 * {@link GuestPartition#isolation()}; the spec is what was asked for, not what is in force.
 *
 * @param name               names the partition and its cgroup directories ({@code /sys/fs/cgroup/<controller>/pneuma/<name>}):
 *                           lower-case letters, digits and inner hyphens, at most 40 characters
 * @param cpus               the CPUs its processes may run on, in the kernel's list format ({@code "1"}, {@code "0-1"},
 *                           {@code "0,2-3"}); whether they exist is the kernel's call when the partition starts
 * @param cpuBudgetPercent   CPU time per scheduling period, in percent of one CPU: 20 is 20 ms in every 100 ms;
 *                           1 to 100 times the number of CPUs listed
 * @param memoryLimitBytes   memory the partition's processes may use together, page cache and tmpfs included;
 *                           at least {@value #MIN_MEMORY_BYTES} bytes
 * @param pidsLimit          processes and threads the partition may have at once, counting its own
 *                           {@value #PARTITION_OVERHEAD_PIDS} init processes and one launcher per running service;
 *                           at least {@value #MIN_PIDS}
 * @param namespaces         namespaces of its own; a pid namespace needs a mount namespace (for its own {@code /proc}),
 *                           and so do read-only paths
 * @param readOnlyPaths      absolute host paths (files or directories) its services can read and never write, such as
 *                           the sensor bus file
 * @param environment        variables every service gets, before the ones given at launch; nothing else of the
 *                           supervisor's environment is passed on except a standard {@code PATH}
 */
public record GuestPartitionSpec(String name, String cpus, int cpuBudgetPercent, long memoryLimitBytes, int pidsLimit,
                                 Set<GuestNamespace> namespaces, List<Path> readOnlyPaths,
                                 Map<String, String> environment) {
    /** The CFS scheduling period every partition uses. */
    public static final long CPU_PERIOD_US = 100_000;
    /** The smallest memory limit accepted: below it the partition's own launchers do not fit. */
    public static final long MIN_MEMORY_BYTES = 8L * 1024 * 1024;
    /** The smallest pids limit accepted. */
    public static final int MIN_PIDS = 8;
    /** Processes a sandboxed partition with a pid namespace runs for itself: {@code unshare}, the init and its {@code sleep}. */
    public static final int PARTITION_OVERHEAD_PIDS = 3;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern CPU_LIST = Pattern.compile("\\d{1,4}(-\\d{1,4})?(,\\d{1,4}(-\\d{1,4})?)*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public GuestPartitionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(namespaces, "namespaces");
        Objects.requireNonNull(readOnlyPaths, "readOnlyPaths");
        Objects.requireNonNull(environment, "environment");
        if (!NAME.matcher(name).matches()) {
            throw invalid(name, "name '" + name + "' must be 1-40 lower-case letters, digits and inner hyphens");
        }
        int cpuCount = countCpus(name, cpus);
        if (cpuBudgetPercent < 1 || cpuBudgetPercent > 100 * cpuCount) {
            throw invalid(name, "CPU budget " + cpuBudgetPercent + " % is outside 1.." + (100 * cpuCount)
                + " % (100 % per CPU in '" + cpus + "')");
        }
        if (memoryLimitBytes < MIN_MEMORY_BYTES) {
            throw invalid(name, "memory limit " + memoryLimitBytes + " bytes is below " + MIN_MEMORY_BYTES);
        }
        if (pidsLimit < MIN_PIDS) {
            throw invalid(name, "pids limit " + pidsLimit + " is below " + MIN_PIDS);
        }
        namespaces = namespaces.isEmpty()
            ? Collections.unmodifiableSet(EnumSet.noneOf(GuestNamespace.class))
            : Collections.unmodifiableSet(EnumSet.copyOf(namespaces));
        if (namespaces.contains(GuestNamespace.PID) && !namespaces.contains(GuestNamespace.MOUNT)) {
            throw invalid(name, "a pid namespace needs a mount namespace for its own /proc");
        }
        Set<Path> paths = new LinkedHashSet<>();
        for (Path path : readOnlyPaths) {
            if (!path.isAbsolute()) {
                throw invalid(name, "read-only path '" + path + "' is not absolute");
            }
            if (!paths.add(path.normalize())) {
                throw invalid(name, "read-only path '" + path + "' is listed twice");
            }
        }
        readOnlyPaths = List.copyOf(new ArrayList<>(paths));
        if (!readOnlyPaths.isEmpty() && !namespaces.contains(GuestNamespace.MOUNT)) {
            throw invalid(name, "read-only paths need a mount namespace");
        }
        for (var entry : environment.entrySet()) {
            if (!ENV_NAME.matcher(entry.getKey()).matches() || entry.getValue().indexOf('\0') >= 0) {
                throw invalid(name, "environment variable '" + entry.getKey() + "' is not a valid name and value");
            }
        }
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** CPU time per {@link #CPU_PERIOD_US} period: {@code cpuBudgetPercent} percent of the period. */
    public long cpuQuotaUs() {
        return CPU_PERIOD_US * cpuBudgetPercent / 100;
    }

    /** The CFS period, {@value #CPU_PERIOD_US} µs. */
    public long cpuPeriodUs() {
        return CPU_PERIOD_US;
    }

    private static int countCpus(String name, String cpus) {
        if (!CPU_LIST.matcher(cpus).matches()) {
            throw invalid(name, "CPU list '" + cpus + "' is not in the kernel's list format (e.g. 0-1,3)");
        }
        int count = 0;
        for (String range : cpus.split(",")) {
            String[] ends = range.split("-");
            int first = Integer.parseInt(ends[0]);
            int last = ends.length == 2 ? Integer.parseInt(ends[1]) : first;
            if (last < first) {
                throw invalid(name, "CPU range '" + range + "' runs backwards");
            }
            count += last - first + 1;
        }
        return count;
    }

    private static IllegalArgumentException invalid(String name, String problem) {
        return new IllegalArgumentException("guest partition " + name + ": " + problem);
    }
}
