package org.pneuma.hypervisor.config;

import java.util.Map;

/** The whole machine: its partitions by name, in file order. Valid once {@link SystemConfigLoader} returns it. */
public record SystemConfig(Map<String, PartitionConfig> partitions) {

    public PartitionConfig safety() {
        return partitions.values().stream().filter(p -> p.kind() == PartitionKind.SAFETY).findFirst().orElseThrow();
    }

    public PartitionConfig guest() {
        return partitions.values().stream().filter(p -> p.kind() == PartitionKind.GUEST).findFirst().orElseThrow();
    }
}
