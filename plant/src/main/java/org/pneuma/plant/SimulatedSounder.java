package org.pneuma.plant;

import java.util.ArrayList;
import java.util.List;
import org.pneuma.hal.Clock;
import org.pneuma.hal.Sounder;

/**
 * The simulated alarm sounder: records every on/off edge with the time of the {@link Clock} it was
 * given, so tests and reports can check the burst patterns to the nanosecond the clock resolves.
 *
 * <h2>Recording</h2>
 * An edge is a call that changes the state; calls with the state already held are counted
 * ({@link #callCount()}) but are not edges. The sounder starts silent, which is not an edge. Edges go
 * into primitive arrays of the capacity given to the constructor, used as a ring: once full, each new
 * edge overwrites the oldest, so the newest {@code capacity} edges are kept and {@link #edgeCount()}
 * keeps counting. Edge {@code i} is the {@code i}-th edge since construction, counted from 0, and keeps
 * that number; the edges still held are {@link #firstHeldEdge()} up to {@link #edgeCount()}.
 *
 * <h2>Threading and allocation</h2>
 * Not thread-safe: one thread drives it (the tick) and reads it, or reads it after the driving thread
 * has been joined. {@link #sound} reads the clock once per edge and never allocates, blocks or locks;
 * of the accessors, only {@link #edges()} allocates.
 */
public final class SimulatedSounder implements Sounder {

    /** One edge: from {@code atNs} (clock time) the sounder is {@code on}. */
    public record Edge(long atNs, boolean on) {
    }

    private final EdgeLog log;
    private long calls;
    private boolean on;

    /** A silent sounder that holds the newest {@code capacity} edges (for example {@code 1 << 16}). */
    public SimulatedSounder(Clock clock, int capacity) {
        this.log = new EdgeLog(clock, capacity);
    }

    @Override
    public void sound(boolean on) {
        calls++;
        if (on == this.on) return;
        this.on = on;
        log.record(on ? 1 : 0);
    }

    /** Whether the sounder is sounding now. */
    public boolean isOn() {
        return on;
    }

    /** Calls to {@link #sound}, edges or not. */
    public long callCount() {
        return calls;
    }

    /** Edges since construction, including those no longer held. */
    public long edgeCount() {
        return log.count();
    }

    /** The number of the oldest edge still held: 0 until more than the capacity have been recorded. */
    public long firstHeldEdge() {
        return log.firstHeld();
    }

    /** When edge {@code i} happened, in clock nanoseconds. */
    public long edgeAtNs(long i) {
        return log.atNs(i);
    }

    /** Whether edge {@code i} turned the sounder on (true) or off (false). */
    public boolean edgeOn(long i) {
        return log.state(i) == 1;
    }

    /** A copy of the edges still held, oldest first, for analysis off the tick. Allocates. */
    public List<Edge> edges() {
        List<Edge> copy = new ArrayList<>((int) (edgeCount() - firstHeldEdge()));
        for (long i = firstHeldEdge(); i < edgeCount(); i++) copy.add(new Edge(edgeAtNs(i), edgeOn(i)));
        return copy;
    }

}
