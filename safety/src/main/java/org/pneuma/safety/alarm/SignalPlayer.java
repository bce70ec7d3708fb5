package org.pneuma.safety.alarm;

/**
 * Plays one {@link SignalPattern} against the time it is given: says, for any moment, whether the
 * output should be on. The schedule is anchored to the moment the pattern started, so the step's
 * jitter never accumulates; a late step skips what it missed and lands where the schedule is.
 *
 * <p>Confined to one thread (the alarm tick). {@link #start}, {@link #stop} and {@link #advance}
 * never allocate, block or lock. Times are {@code nowNs} values of one monotonic clock, compared by
 * subtraction so that the clock may wrap.
 */
final class SignalPlayer {
    private SignalPattern pattern;
    /** Index of the segment being played; -1 before the first, {@code segments()} once done. */
    private int segment;
    /** When the current segment ends (or, at -1, when the first begins). */
    private long segmentEndNs;
    private boolean done = true;
    private boolean on;

    /** Plays {@code pattern} from its first segment, beginning at {@code startNs} (now or later). */
    void start(SignalPattern pattern, long startNs) {
        this.pattern = pattern;
        segment = -1;
        segmentEndNs = startNs;
        done = false;
        on = false;
    }

    /** Stops playing: off until the next {@link #start}. */
    void stop() {
        pattern = null;
        done = true;
        on = false;
    }

    /** Moves the pattern on to {@code nowNs} and returns whether the output is on at that moment. */
    boolean advance(long nowNs) {
        if (done) return on;
        if (pattern.repeats() && segment >= 0) {
            long behindNs = nowNs - segmentEndNs;
            if (behindNs > pattern.periodNs()) {
                // A step came very late: skip whole periods at once rather than segment by segment.
                segmentEndNs += (behindNs / pattern.periodNs()) * pattern.periodNs();
            }
        }
        while (nowNs - segmentEndNs >= 0) {
            segment++;
            if (segment == pattern.segments()) {
                if (!pattern.repeats()) {
                    done = true;
                    on = pattern.onWhenDone();
                    return on;
                }
                segment = 0;
            }
            segmentEndNs += pattern.segmentNs(segment);
        }
        on = segment >= 0 && SignalPattern.isOn(segment);
        return on;
    }
}
