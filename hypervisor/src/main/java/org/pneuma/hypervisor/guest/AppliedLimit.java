package org.pneuma.hypervisor.guest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One limit as the kernel holds it: what was written, what the cgroup file says now, and which hierarchy's
 * controller enforces it.
 *
 * @param limit     which limit
 * @param requested the value written, in the file's own format
 * @param readBack  the file's content when the report was made (the kernel may round, e.g. memory to pages)
 * @param hierarchy the hierarchy whose controller enforces it
 * @param file      the cgroup file it was written to and read back from
 */
public record AppliedLimit(Limit limit, String requested, String readBack, CgroupHierarchy hierarchy, Path file) {
    /** The limits a sandboxed partition can have. */
    public enum Limit {
        /** CFS period, µs ({@code cpu.cfs_period_us}; v2: second field of {@code cpu.max}). */
        CPU_PERIOD_US("cpu period"),
        /** CFS quota per period, µs ({@code cpu.cfs_quota_us}; v2: first field of {@code cpu.max}). */
        CPU_QUOTA_US("cpu quota"),
        /** CPUs the processes may run on ({@code cpuset.cpus}). */
        CPUS("cpus"),
        /** Memory nodes the processes may allocate from ({@code cpuset.mems}), copied from the parent. */
        MEMS("memory nodes"),
        /** Memory, bytes ({@code memory.limit_in_bytes}; v2: {@code memory.max}). */
        MEMORY_BYTES("memory"),
        /**
         * How much swap may add to memory: v1 {@code memory.memsw.limit_in_bytes} set to the memory limit (memory plus
         * swap together), v2 {@code memory.swap.max} set to 0. Absent when the kernel does not account swap.
         */
        SWAP("memory+swap"),
        /** Processes and threads ({@code pids.max}). */
        PIDS("pids"),
        /** Device nodes that may be opened ({@code devices.list}; v1 only). */
        DEVICES("devices");

        private final String label;

        Limit(String label) {
            this.label = label;
        }

        /** A short name for reports, such as {@code "cpu quota"}. */
        public String label() {
            return label;
        }
    }

    public AppliedLimit {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(readBack, "readBack");
        Objects.requireNonNull(hierarchy, "hierarchy");
        Objects.requireNonNull(file, "file");
    }

    /** {@code "cpu quota 20000 (read back 20000) — cgroup v1 /sys/fs/cgroup/cpu/pneuma/guest/cpu.cfs_quota_us"}. */
    public String describe() {
        return limit.label() + " " + requested + " (read back " + readBack + ") — " + hierarchy.label() + " " + file;
    }
}
