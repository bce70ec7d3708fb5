package org.pneuma.hypervisor.guest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A started guest partition: services are launched into it, its limits and isolation can be read, and
 * {@link #stop()} ends it without leaving anything behind.
 *
 * <p><b>Threads.</b> Any thread may call any method; {@code launch} and {@code stop} are serialised. Off the hot path:
 * every method may fork, block for a few milliseconds, allocate and read files.
 *
 * <p><b>Lifecycle.</b> Started by {@link GuestBackend#start}; usable until {@link #stop()}, after which {@code launch}
 * throws {@link IllegalStateException} and the reports give their last state. A JVM that exits normally stops every
 * partition still running.
 */
public sealed interface GuestPartition extends AutoCloseable permits SandboxPartition, ProcessPartition {
    /** What it was started with. */
    GuestPartitionSpec spec();

    /** The backend that started it: {@code "sandbox"} or {@code "process"}. */
    String backend();

    /**
     * Starts {@code command} as a service of the partition. Its environment is a standard {@code PATH}, then the spec's
     * environment, then {@code environment}; its working directory is {@code /}.
     *
     * @param serviceName unique in the partition: lower-case letters, digits and inner hyphens
     * @throws GuestPartitionException if it could not be started in the partition (the message says why)
     * @throws IllegalStateException   if the partition has been stopped
     */
    GuestService launch(String serviceName, List<String> command, Map<String, String> environment);

    /** Every service launched so far, running or not, in launch order. */
    List<GuestService> services();

    /** The limits in force, read back from the kernel now (after stop: as last read). */
    GuestLimits limits();

    /** What isolates the partition from the host and what does not. */
    IsolationReport isolation();

    /** The cgroup directories it made (none for a backend without cgroups); all gone after {@link #stop()}. */
    List<Path> cgroupDirectories();

    /**
     * Kills every process of the partition, its services' children and stopped ({@code SIGSTOP}) ones included, and
     * removes every cgroup directory and file it made. Idempotent: after a clean stop, further calls return at once.
     * Blocks until done, a few hundred milliseconds at most unless the kernel refuses.
     *
     * @throws GuestPartitionException naming what is left behind if something could not be ended or removed within
     *                                 a few seconds; calling again retries
     */
    void stop();

    /** {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
