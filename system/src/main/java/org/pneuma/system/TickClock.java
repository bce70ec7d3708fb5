package org.pneuma.system;

import org.pneuma.hal.Clock;

/**
 * The partition's clock: the real-time loop's wake-up time of the tick under way (CLOCK_MONOTONIC, the
 * clock of {@link System#nanoTime()}), set by the tick before anything reads it. The tick thread only.
 */
final class TickClock implements Clock {
    private long nowNs;

    void set(long nowNs) {
        this.nowNs = nowNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }
}
