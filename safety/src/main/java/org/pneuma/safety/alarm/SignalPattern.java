package org.pneuma.safety.alarm;

/**
 * An on/off pattern for the sounder or the light, as alternating segment durations that start with
 * "on": a burst of pulses, a flash cycle, or a steady light.
 *
 * <p>Three shapes: {@link #repeating} plays its segments and starts again from the first, so its
 * period is the sum of the segments; {@link #once} plays them once and then stays off; {@link #steady}
 * is on for ever. Immutable after construction and safe to share between threads; built once, when
 * the alarm classes load, never on the tick.
 */
final class SignalPattern {
    private static final long NS_PER_MS = 1_000_000L;

    private final long[] segmentNs;
    private final boolean repeats;
    private final boolean onWhenDone;
    private final long periodNs;

    private SignalPattern(long[] segmentNs, boolean repeats, boolean onWhenDone) {
        this.segmentNs = segmentNs;
        this.repeats = repeats;
        this.onWhenDone = onWhenDone;
        long sum = 0;
        for (long ns : segmentNs) sum += ns;
        this.periodNs = sum;
    }

    /**
     * Plays {@code onOffMs} (on, off, on, off, …) and starts again: an even number of positive
     * durations whose sum is the repeat period, start to start.
     */
    static SignalPattern repeating(int... onOffMs) {
        if (onOffMs.length == 0 || onOffMs.length % 2 != 0) {
            throw new IllegalArgumentException("a repeating pattern needs whole on/off pairs, got " + onOffMs.length);
        }
        return new SignalPattern(toNs(onOffMs), true, false);
    }

    /** Plays {@code onOffMs} (on, off, on, …) once, then stays off. */
    static SignalPattern once(int... onOffMs) {
        if (onOffMs.length == 0) throw new IllegalArgumentException("a pattern played once needs a segment");
        return new SignalPattern(toNs(onOffMs), false, false);
    }

    /** On for ever. */
    static SignalPattern steady() {
        return new SignalPattern(new long[0], false, true);
    }

    private static long[] toNs(int[] ms) {
        long[] ns = new long[ms.length];
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] <= 0) throw new IllegalArgumentException("segment " + i + " lasts " + ms[i] + " ms");
            ns[i] = ms[i] * NS_PER_MS;
        }
        return ns;
    }

    int segments() {
        return segmentNs.length;
    }

    long segmentNs(int segment) {
        return segmentNs[segment];
    }

    /** Whether segment {@code segment} is an "on" segment: the even ones. */
    static boolean isOn(int segment) {
        return (segment & 1) == 0;
    }

    boolean repeats() {
        return repeats;
    }

    /** The state held once a pattern that does not repeat has played its segments. */
    boolean onWhenDone() {
        return onWhenDone;
    }

    /** Start to start of a repeating pattern; the length of the segments of the others. */
    long periodNs() {
        return periodNs;
    }
}
