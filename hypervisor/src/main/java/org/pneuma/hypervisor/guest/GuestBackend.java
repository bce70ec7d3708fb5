package org.pneuma.hypervisor.guest;

/**
 * A way of fencing in the guest partition. {@link SandboxBackend} uses cgroups and namespaces as root;
 * {@link ProcessBackend} starts plain child processes and isolates nothing.
 */
public sealed interface GuestBackend permits SandboxBackend, ProcessBackend {
    /** {@code "sandbox"} or {@code "process"}: the name on the command line. */
    String label();

    /**
     * Starts a partition. Nothing is left behind if it fails half-way.
     *
     * @throws GuestPartitionException naming what failed or what this host lacks
     */
    GuestPartition start(GuestPartitionSpec spec);
}
