package org.pneuma.plant;

import org.pneuma.hal.Clock;

/**
 * The newest edges of a simulated signal device, in pre-allocated arrays: when each happened and the
 * state (a small code) it led to. Edges are numbered from 0 since construction; once more than the
 * capacity have been recorded the oldest are dropped, and reading a dropped edge throws.
 *
 * <p>Single-threaded; {@link #record} allocates nothing.
 */
final class EdgeLog {
    private final Clock clock;
    private final long[] atNs;
    private final byte[] state;
    private long edges;

    EdgeLog(Clock clock, int capacity) {
        if (clock == null) throw new IllegalArgumentException("clock is required");
        if (capacity <= 0) throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        this.clock = clock;
        this.atNs = new long[capacity];
        this.state = new byte[capacity];
    }

    void record(int newState) {
        int slot = (int) (edges % atNs.length);
        atNs[slot] = clock.nanoTime();
        state[slot] = (byte) newState;
        edges++;
    }

    long count() {
        return edges;
    }

    long firstHeld() {
        return Math.max(0, edges - atNs.length);
    }

    long atNs(long i) {
        return atNs[slotOf(i)];
    }

    int state(long i) {
        return state[slotOf(i)];
    }

    private int slotOf(long i) {
        if (i < firstHeld() || i >= edges) {
            throw new IndexOutOfBoundsException("edge " + i + " is not held; held: " + firstHeld() + " to " + (edges - 1));
        }
        return (int) (i % atNs.length);
    }
}
