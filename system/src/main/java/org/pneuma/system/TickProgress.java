package org.pneuma.system;

/**
 * What the tick and the alarm watchdog tell each other: the tick publishes each completed tick (count
 * and time), the watchdog publishes its verdict that the control path hung. Volatile fields; the
 * tick's side is two volatile stores per tick and allocation-free.
 */
final class TickProgress {
    private volatile long completed;
    private volatile long lastCompletedNs;
    private volatile boolean watchdogTripped;

    /** Tick thread: one more tick done at {@code nowNs} (CLOCK_MONOTONIC). */
    void tickCompleted(long nowNs) {
        lastCompletedNs = nowNs;
        completed = completed + 1;
    }

    /** Ticks completed since the start of this process. */
    long completed() {
        return completed;
    }

    /** When the latest tick completed, CLOCK_MONOTONIC ns; meaningless while {@link #completed()} is 0. */
    long lastCompletedNs() {
        return lastCompletedNs;
    }

    /** Watchdog thread: the control path hung; the safe state was forced. For good. */
    void watchdogTripped() {
        watchdogTripped = true;
    }

    boolean isWatchdogTripped() {
        return watchdogTripped;
    }
}
