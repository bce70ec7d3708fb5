package org.pneuma.plant;

/**
 * The patient's own breathing: respiratory-muscle pressure as a function of time.
 *
 * <p>Each effort lasts {@code inspiratoryFraction} of the cycle; its {@link EffortShape shape} says how
 * the muscle pressure rises and relaxes. The value is the magnitude of the inspiratory effort: it
 * lowers alveolar pressure by that many cmH2O.
 *
 * @param rateBpm             efforts per minute; 0 means an apnoeic (passive) patient
 * @param amplitudeCmH2O      peak muscle pressure
 * @param shape               waveform of one effort
 * @param inspiratoryFraction share of the cycle taken by one effort, 0.1–0.6
 * @param startS              time of the first effort
 */
public record SpontaneousEffort(double rateBpm, double amplitudeCmH2O, EffortShape shape,
                                double inspiratoryFraction, double startS) {

    public static final SpontaneousEffort NONE = new SpontaneousEffort(0, 0, EffortShape.HALF_SINE, 0.3, 0);

    public SpontaneousEffort {
        if (!(rateBpm >= 0 && rateBpm <= 80)) throw new IllegalArgumentException("effort rate_bpm must be 0–80, was " + rateBpm);
        if (!(amplitudeCmH2O >= 0 && amplitudeCmH2O <= 40)) throw new IllegalArgumentException("effort amplitude_cmh2o must be 0–40, was " + amplitudeCmH2O);
        if (!(inspiratoryFraction >= 0.1 && inspiratoryFraction <= 0.6)) throw new IllegalArgumentException("effort inspiratory_fraction must be 0.1–0.6, was " + inspiratoryFraction);
        if (!(startS >= 0)) throw new IllegalArgumentException("effort start_s must be >= 0, was " + startS);
        if (shape == null) throw new IllegalArgumentException("effort shape is required");
    }

    public boolean breathes() {
        return rateBpm > 0 && amplitudeCmH2O > 0;
    }

    /** Muscle pressure at {@code timeS}, cmH2O (≥ 0). Pure function; no allocation. */
    public double muscleCmH2O(double timeS) {
        if (!breathes() || timeS < startS) return 0;
        double periodS = 60.0 / rateBpm;
        double inCycleS = (timeS - startS) % periodS;
        double effortS = inspiratoryFraction * periodS;
        return amplitudeCmH2O * shape.profile(inCycleS / effortS, periodS / effortS);
    }

    /** How the muscle pressure of one effort develops. */
    public enum EffortShape {
        /** Symmetric rise and fall over the effort: sin(πx). */
        HALF_SINE {
            @Override double profile(double x, double cycleRatio) {
                return x < 1 ? Math.sin(Math.PI * x) : 0;
            }
        },
        /** Smooth rise over two thirds of the effort, then exponential relaxation through expiration. */
        EXPONENTIAL {
            @Override double profile(double x, double cycleRatio) {
                double rise = 2.0 / 3.0;
                if (x < rise) return 0.5 * (1 - Math.cos(Math.PI * x / rise));
                return Math.exp(-(x - rise) / 0.12);
            }
        };

        /** Fraction of the amplitude at {@code x} = time since effort start / effort duration. */
        abstract double profile(double x, double cycleRatio);
    }
}
