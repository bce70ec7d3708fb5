package org.pneuma.hypervisor.guest;

/**
 * Starts a guest partition's services as plain child processes of this JVM, on any host. <b>It isolates nothing</b>:
 * no limit, no namespace, no read-only path; its services run as the supervisor's user. For hosts without root or
 * cgroups, and for development. Every log line, limit report and isolation report it makes says so.
 */
public final class ProcessBackend implements GuestBackend {
    static final String LABEL = "process";

    private ProcessBackend() {
    }

    /** The process backend; it works on every host. */
    public static ProcessBackend create() {
        return new ProcessBackend();
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public GuestPartition start(GuestPartitionSpec spec) {
        return ProcessPartition.start(spec);
    }
}
