package org.pneuma.plant;

/**
 * One simulated sensor: first-order lag, white noise, quantization, and the sensor faults.
 *
 * <p>Single-threaded, allocation-free. {@link #sample} is called once per plant tick.
 */
final class SensorModel {
    private final double lagS;
    private final double noiseSd;
    private final double quantum;
    private final NoiseSource noise;

    private double filtered;
    private boolean primed;
    private double output;

    private boolean stuck;
    private double driftPerS;
    private double driftOffset;
    private double extraNoiseSd;

    SensorModel(SensorSpec spec, NoiseSource noise) {
        this.lagS = spec.lagS();
        this.noiseSd = spec.noiseSd();
        this.quantum = spec.quantum();
        this.noise = noise;
    }

    /** Advances the sensor by {@code dtS} while the measured quantity is {@code truth}. */
    void sample(double truth, double dtS) {
        if (!primed) {
            filtered = truth;
            primed = true;
        } else if (lagS > 0) {
            filtered += (truth - filtered) * (1 - Math.exp(-dtS / lagS));
        } else {
            filtered = truth;
        }
        driftOffset += driftPerS * dtS;
        if (stuck) return;
        double sd = noiseSd + extraNoiseSd;
        double raw = filtered + driftOffset + (sd > 0 ? sd * noise.nextGaussian() : 0);
        output = quantum > 0 ? Math.rint(raw / quantum) * quantum : raw;
    }

    double output() {
        return output;
    }

    void stick(boolean on) {
        stuck = on;
    }

    void drift(double unitsPerS) {
        driftPerS = unitsPerS;
        if (unitsPerS == 0) driftOffset = 0;
    }

    void addNoise(double sd) {
        extraNoiseSd = sd;
    }
}
