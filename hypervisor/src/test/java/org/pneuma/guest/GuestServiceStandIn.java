package org.pneuma.guest;

/**
 * Not a guest service: a test-only class that lives in the guest's package so that the hypervisor
 * architecture rule can be shown to catch a hypervisor class depending on it. The hypervisor's real
 * classpath has no guest module.
 */
public final class GuestServiceStandIn {
    public String name() {
        return "display";
    }
}
