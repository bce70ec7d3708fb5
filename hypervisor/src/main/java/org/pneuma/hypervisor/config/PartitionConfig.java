package org.pneuma.hypervisor.config;

import java.util.List;

/**
 * One partition of the machine, as a hypervisor's VM config: where it runs, how much of the machine
 * it may use, which channels it maps and how, what runs in it, and how it is restarted.
 */
public record PartitionConfig(
        PartitionKind kind,
        GuestBackendChoice backend,
        List<Integer> cpus,
        Double cpuBudgetPct,
        Integer memoryMb,
        Integer pidsMax,
        SchedulingConfig scheduling,
        ChannelsConfig channels,
        RestartPolicy restart,
        List<ServiceConfig> services) {
}
