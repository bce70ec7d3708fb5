package org.pneuma.plant;

import java.util.ArrayList;
import java.util.List;
import org.pneuma.hal.Clock;
import org.pneuma.hal.Indicator;

/**
 * The simulated alarm light: records every colour edge with the time of the {@link Clock} it was
 * given, so tests and reports can check flash frequency and duty to the nanosecond the clock resolves.
 *
 * <h2>Recording</h2>
 * An edge is a call that changes the colour shown (dark counts as {@link LampColour#OFF}); calls with
 * the colour already shown are counted ({@link #callCount()}) but are not edges. The light starts dark,
 * which is not an edge. Edges go into primitive arrays of the capacity given to the constructor, used
 * as a ring: once full, each new edge overwrites the oldest, so the newest {@code capacity} edges are
 * kept and {@link #edgeCount()} keeps counting. Edge {@code i} is the {@code i}-th edge since
 * construction, counted from 0, and keeps that number; the edges still held are
 * {@link #firstHeldEdge()} up to {@link #edgeCount()}.
 *
 * <h2>Threading and allocation</h2>
 * Not thread-safe: one thread drives it (the tick) and reads it, or reads it after the driving thread
 * has been joined. {@link #show} reads the clock once per edge and never allocates, blocks or locks; it
 * throws {@link NullPointerException} for a null colour. Of the accessors, only {@link #edges()}
 * allocates.
 */
public final class SimulatedIndicator implements Indicator {

    /** One edge: from {@code atNs} (clock time) the light shows {@code colour}. */
    public record Edge(long atNs, LampColour colour) {
    }

    private static final LampColour[] COLOURS = LampColour.values();

    private final EdgeLog log;
    private long calls;
    private LampColour colour = LampColour.OFF;

    /** A dark light that holds the newest {@code capacity} edges (for example {@code 1 << 16}). */
    public SimulatedIndicator(Clock clock, int capacity) {
        this.log = new EdgeLog(clock, capacity);
    }

    @Override
    public void show(LampColour colour) {
        if (colour == null) throw new NullPointerException("colour");
        calls++;
        if (colour == this.colour) return;
        this.colour = colour;
        log.record(colour.ordinal());
    }

    /** The colour shown now; {@link LampColour#OFF} when dark. */
    public LampColour colour() {
        return colour;
    }

    /** Calls to {@link #show}, edges or not. */
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

    /** The colour shown from edge {@code i} on. */
    public LampColour edgeColour(long i) {
        return COLOURS[log.state(i)];
    }

    /** A copy of the edges still held, oldest first, for analysis off the tick. Allocates. */
    public List<Edge> edges() {
        List<Edge> copy = new ArrayList<>((int) (edgeCount() - firstHeldEdge()));
        for (long i = firstHeldEdge(); i < edgeCount(); i++) copy.add(new Edge(edgeAtNs(i), edgeColour(i)));
        return copy;
    }

}
