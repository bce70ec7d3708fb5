package org.pneuma.plant;

/**
 * Deterministic Gaussian noise (xorshift64* and the polar Box–Muller method) so that a scenario with
 * the same seed gives the same run, bit for bit. Single-threaded, allocation-free.
 */
final class NoiseSource {
    private long state;
    private double spare;
    private boolean hasSpare;

    NoiseSource(long seed) {
        state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    double nextUniform() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return ((state * 0x2545F4914F6CDD1DL) >>> 11) * 0x1.0p-53;
    }

    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u, v, s;
        do {
            u = 2 * nextUniform() - 1;
            v = 2 * nextUniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }
}
