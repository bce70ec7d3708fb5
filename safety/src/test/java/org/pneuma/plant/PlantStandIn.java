package org.pneuma.plant;

/**
 * Not the plant: a test-only class that lives in the plant's package so that the safety architecture
 * rules can be shown to catch a safety class depending on it. Safety's real classpath has no plant.
 */
public final class PlantStandIn {
    public double trueLungVolumeMl() {
        return 0;
    }
}
