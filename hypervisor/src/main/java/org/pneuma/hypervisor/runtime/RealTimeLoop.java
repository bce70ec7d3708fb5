package org.pneuma.hypervisor.runtime;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.pneuma.hypervisor.host.HostCallException;
import org.pneuma.hypervisor.host.LinuxHost;
import org.pneuma.hypervisor.host.SchedulingPolicy;
import org.pneuma.hypervisor.host.ThreadConfinedMonotonicClock;

/**
 * Runs a tick at a fixed period on the calling thread, as the safety partition's real-time loop: the
 * thread is pinned to its CPU, raised to SCHED_FIFO, memory is locked, and each tick starts when an
 * absolute CLOCK_MONOTONIC deadline wakes it (deadlines advance by the period, so lateness never
 * accumulates). Each wake-up's lateness goes to a {@link WakeUpRecorder}.
 *
 * <p>What the host refuses (no root, no RT) is not fatal: the loop runs anyway and {@link #degradations()}
 * says plainly what it could not do.
 *
 * <p>A loop runs a fixed number of ticks ({@link #run(long, Tick, WakeUpRecorder)}) or until another thread
 * asks it to stop ({@link #runUntilStopped}, {@link #requestStop}); a stop request also ends a counted run
 * early. Either way the tick under way finishes: a stop never cuts a tick in half.
 *
 * <p>The loop itself allocates nothing once started (the stop request is one volatile load per tick);
 * {@link #prepare} does.
 */
public final class RealTimeLoop {
    /** The tick's work; must not allocate, block or do I/O. */
    @FunctionalInterface
    public interface Tick {
        void run(long nowNs);
    }

    /** Receives each wake-up's lateness (ns after its deadline) and whether the tick overran its period. */
    @FunctionalInterface
    public interface WakeUpRecorder {
        void record(long latenessNs, boolean overran);
    }

    private final int cpu;
    private final int priority;
    private final long periodNs;
    private final List<String> degradations = new ArrayList<>();
    private volatile boolean stopRequested;

    public RealTimeLoop(int cpu, int priority, long periodNs) {
        if (periodNs < 100_000) throw new IllegalArgumentException("period must be at least 100 µs, was " + periodNs + " ns");
        if (priority < 1 || priority > 99) throw new IllegalArgumentException("SCHED_FIFO priority must be 1–99, was " + priority);
        this.cpu = cpu;
        this.priority = priority;
        this.periodNs = periodNs;
    }

    /** Pins, raises and locks the calling thread; records what the host refused. Call on the loop thread. */
    public void prepare() {
        BitSet cpus = new BitSet();
        cpus.set(cpu);
        try {
            LinuxHost.setCurrentThreadAffinity(cpus);
        } catch (HostCallException e) {
            degradations.add("not pinned to CPU " + cpu + ": " + e.getMessage());
        }
        try {
            LinuxHost.lockAllMemory();
        } catch (HostCallException e) {
            degradations.add("memory not locked (page faults can stall the loop): " + e.getMessage());
        }
        try {
            LinuxHost.setCurrentThreadScheduling(SchedulingPolicy.FIFO, priority);
        } catch (HostCallException e) {
            degradations.add("no real-time priority (SCHED_FIFO " + priority + " refused; running as an ordinary thread): "
                    + e.getMessage());
        }
    }

    /**
     * Runs {@code ticks} ticks, then returns; sooner if {@link #requestStop} was called. Call on the thread
     * {@link #prepare} ran on.
     */
    public void run(long ticks, Tick tick, WakeUpRecorder recorder) {
        loop(ticks, tick, recorder);
    }

    /**
     * Runs ticks until {@link #requestStop} is called (from any thread), then returns after the tick under
     * way. Returns at once if a stop was requested already. Call on the thread {@link #prepare} ran on.
     */
    public void runUntilStopped(Tick tick, WakeUpRecorder recorder) {
        loop(Long.MAX_VALUE, tick, recorder);
    }

    /**
     * Asks the loop to return after the tick under way (at most one period plus one tick from now). Any
     * thread; the request stays: a later {@code run} of this loop returns at once.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether {@link #requestStop} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    private void loop(long ticks, Tick tick, WakeUpRecorder recorder) {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            long deadline = clock.nowNs() + periodNs;
            for (long i = 0; i < ticks && !stopRequested; i++) {
                clock.sleepUntilNs(deadline);
                long woke = clock.nowNs();
                tick.run(woke);
                long done = clock.nowNs();
                recorder.record(woke - deadline, done - deadline > periodNs);
                deadline += periodNs;
                // A stall longer than a period: skip the missed deadlines rather than run them back to back.
                if (done - deadline > periodNs) deadline += ((done - deadline) / periodNs) * periodNs;
            }
        }
    }

    /** Back to an ordinary thread, memory unlocked. */
    public void release() {
        try {
            LinuxHost.setCurrentThreadScheduling(SchedulingPolicy.OTHER, 0);
        } catch (HostCallException ignored) {
            // It never got real-time priority: nothing to give back.
        }
        try {
            LinuxHost.unlockAllMemory();
        } catch (HostCallException ignored) {
            // Never locked.
        }
    }

    /** What the host refused, in words; empty when the loop runs pinned, locked and real-time. */
    public List<String> degradations() {
        return List.copyOf(degradations);
    }
}
