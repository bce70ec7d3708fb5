package org.pneuma.safety.command;

/**
 * At most {@code limit} admissions in any window of {@code windowNs}: a sliding window over the
 * times of the last {@code limit} admissions, kept in a ring allocated once. Refusals are not
 * remembered, so a flood never locks out the commands that come after it.
 *
 * <p>One owner thread; never allocates. Times are compared by subtraction, so any monotonic clock
 * will do.
 */
final class CommandRateLimiter {
    private final long[] admittedNs;
    private final long windowNs;
    private int admitted;
    private int oldest;

    CommandRateLimiter(int limit, long windowNs) {
        this.admittedNs = new long[limit];
        this.windowNs = windowNs;
    }

    /** Admits one more at {@code nowNs} if fewer than the limit were admitted in the window before it. */
    boolean tryAcquire(long nowNs) {
        if (admitted < admittedNs.length) {
            admittedNs[(oldest + admitted) % admittedNs.length] = nowNs;
            admitted++;
            return true;
        }
        if (nowNs - admittedNs[oldest] < windowNs) {
            return false;
        }
        admittedNs[oldest] = nowNs;
        oldest = (oldest + 1) % admittedNs.length;
        return true;
    }
}
