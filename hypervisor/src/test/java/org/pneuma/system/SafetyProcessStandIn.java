package org.pneuma.system;

/**
 * Not the safety partition's process: a test-only class that lives in its package so that the hypervisor
 * architecture rule can be shown to catch a hypervisor class depending on it. The hypervisor's real classpath
 * has no system module.
 */
public final class SafetyProcessStandIn {
    public long ticks() {
        return 0;
    }
}
