package org.pneuma.safety;

/**
 * Not the safety partition: a test-only class that lives in its package so that the hypervisor architecture rule can
 * be shown to catch a hypervisor class depending on it. The hypervisor's real classpath has no safety module.
 */
public final class SafetyPartitionStandIn {
    public double peepCmH2O() {
        return 5;
    }
}
