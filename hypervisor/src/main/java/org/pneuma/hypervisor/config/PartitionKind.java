package org.pneuma.hypervisor.config;

/** The seed's two kinds of partition: the safety-critical one at hypervisor level, and the guest. */
public enum PartitionKind {
    SAFETY, GUEST
}
