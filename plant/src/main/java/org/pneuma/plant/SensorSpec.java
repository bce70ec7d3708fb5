package org.pneuma.plant;

/** Imperfections of one sensor: time constant, noise and resolution, in the sensor's own unit. */
public record SensorSpec(double lagS, double noiseSd, double quantum) {
    public SensorSpec {
        if (!(lagS >= 0) || !(noiseSd >= 0) || !(quantum >= 0)) {
            throw new IllegalArgumentException("sensor lag, noise and quantum must be >= 0");
        }
    }
}
