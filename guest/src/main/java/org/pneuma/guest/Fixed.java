package org.pneuma.guest;

/** Appends numbers to a reused {@link StringBuilder} without making a String per number. */
final class Fixed {
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private Fixed() {
    }

    /** {@code value} with exactly {@code decimals} (0..6) decimals, rounded half up; NaN and infinities as words. */
    static StringBuilder append(StringBuilder sb, double value, int decimals) {
        if (Double.isNaN(value)) {
            return sb.append("NaN");
        }
        if (Double.isInfinite(value)) {
            return sb.append(value > 0 ? "inf" : "-inf");
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e12) {
            return sb.append(value);
        }
        long scaled = Math.round(magnitude * POWERS[decimals]);
        if (value < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / POWERS[decimals]);
        if (decimals > 0) {
            sb.append('.');
            long fraction = scaled % POWERS[decimals];
            for (long p = POWERS[decimals] / 10; p > fraction && p > 1; p /= 10) {
                sb.append('0');
            }
            sb.append(fraction);
        }
        return sb;
    }

    /** A duration in nanoseconds as seconds with three decimals. */
    static StringBuilder seconds(StringBuilder sb, long nanos) {
        return append(sb, nanos / 1e9, 3);
    }
}
