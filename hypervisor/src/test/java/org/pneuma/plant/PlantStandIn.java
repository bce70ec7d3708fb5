package org.pneuma.plant;

/**
 * Not the simulated patient: a test-only class that lives in its package so that the hypervisor architecture rule can
 * be shown to catch a hypervisor class depending on it. The hypervisor's real classpath has no plant module.
 */
public final class PlantStandIn {
    public double trueLungVolumeMl() {
        return 0;
    }
}
