package org.pneuma.hypervisor;

/**
 * Not the supervisor: a test-only class that lives in the hypervisor's package so that the guest
 * architecture rule can be shown to catch a guest class depending on it. The guest's real classpath has
 * no hypervisor.
 */
public final class SupervisorStandIn {
    public void stop() {
    }
}
