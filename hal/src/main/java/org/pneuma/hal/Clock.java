package org.pneuma.hal;

/**
 * Monotonic time source for the safety partition. Injected everywhere so the same control code runs
 * against a real-time clock at 1 kHz and against simulated time as fast as the CPU allows.
 *
 * <p>Implementations must not allocate, block or lock. Values only increase.
 */
@FunctionalInterface
public interface Clock {
    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();
}
