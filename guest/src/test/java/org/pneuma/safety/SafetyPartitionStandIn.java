package org.pneuma.safety;

/**
 * Not the safety partition: a test-only class that lives in its package so that the guest architecture
 * rule can be shown to catch a guest class depending on it. The guest's real classpath has no safety.
 */
public final class SafetyPartitionStandIn {
    public double peepCmH2O() {
        return 5;
    }
}
