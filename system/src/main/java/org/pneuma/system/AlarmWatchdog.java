package org.pneuma.system;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.pneuma.hal.Indicator.LampColour;
import org.pneuma.hal.Sounder;
import org.pneuma.hal.Indicator;
import org.pneuma.hal.ValveCommand;
import org.pneuma.hal.Valves;
import org.pneuma.hypervisor.host.HostCallException;
import org.pneuma.hypervisor.host.LinuxHost;
import org.pneuma.hypervisor.host.SchedulingPolicy;
import org.pneuma.hypervisor.host.ThreadConfinedMonotonicClock;

/**
 * The alarm task above control: a thread at a higher SCHED_FIFO priority than the control loop, on
 * the same CPU, that wakes every {@value #PERIOD_MS} ms (absolute CLOCK_MONOTONIC deadlines) and
 * checks that the tick is completing. When it has not completed for {@value #HUNG_AFTER_MS} ms — the
 * control path hung: an endless loop, a lock, a tick that never returns — the watchdog trips, once and
 * for good: it puts the valves in the safe state (inspiratory valves shut, expiratory and safety valves
 * open: the patient can breathe room air) and turns the sounder on and the light red through the
 * hardware ports itself, prints one line, and tells the tick. Should the tick ever run again it
 * abandons control, so the alarm monitor holds the safe state and CONTROL_FAILURE from then on.
 *
 * <p><b>Not fooled by a stalled machine.</b> These machines are VMs whose rare multi-millisecond stalls
 * stop every thread, this one too, and a garbage collection pauses every Java thread. So silence counts
 * only once the watchdog has itself woken on time {@value #QUIET_WAKE_UPS} times in a row without
 * seeing a tick complete: after a stall the watchdog sleeps a period (deadlines missed are skipped, not
 * run back to back) and the control loop, below it on the same CPU, gets to catch up first. A real
 * hang is therefore caught {@value #HUNG_AFTER_MS} to about {@value #HUNG_AFTER_MS} + {@value #PERIOD_MS}
 * ms after the last tick completed.
 *
 * <p><b>What it can and cannot save here.</b> The simulated patient lives in this process and is
 * advanced by the tick: a hung tick stops the simulated patient too, so here the safe-state valve
 * command lands on a plant that no longer moves. With real hardware the same port calls would act on
 * the machine. The ports it drives are the tick's; it only drives them once the tick has been silent
 * for the whole timeout, and a {@code Plant} or sounder is not made for two threads at once — honest
 * for a hung tick, a race for a tick that is merely very slow (which then abandons control anyway).
 * A process that dies outright is the supervisor's to see (the counters' loop ticks stop) and restart.
 */
final class AlarmWatchdog implements Runnable {
    static final long PERIOD_MS = 5;
    static final long HUNG_AFTER_MS = 20;
    static final int QUIET_WAKE_UPS = 3;
    private static final long PERIOD_NS = PERIOD_MS * 1_000_000L;
    private static final long HUNG_AFTER_NS = HUNG_AFTER_MS * 1_000_000L;

    private final TickProgress progress;
    private final Valves valves;
    private final Sounder sounder;
    private final Indicator indicator;
    private final int cpu;
    private final int priority;
    private final Consumer<String> log;
    private final ValveCommand safeState = new ValveCommand();
    private final List<String> degradations = new ArrayList<>();
    private volatile boolean stopRequested;
    private volatile boolean prepared;
    private long seenCompleted;
    private int quietWakeUps;

    AlarmWatchdog(TickProgress progress, Valves valves, Sounder sounder, Indicator indicator, int cpu, int priority,
                  Consumer<String> log) {
        this.progress = progress;
        this.valves = valves;
        this.sounder = sounder;
        this.indicator = indicator;
        this.cpu = cpu;
        this.priority = priority;
        this.log = log;
        safeState.safeState();
    }

    @Override
    public void run() {
        prepare();
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            long deadline = clock.nowNs() + PERIOD_NS;
            while (!stopRequested) {
                clock.sleepUntilNs(deadline);
                long now = clock.nowNs();
                check(now);
                deadline += PERIOD_NS;
                if (now - deadline > 0) deadline = now + PERIOD_NS; // woken late: skip, never catch up
            }
        } finally {
            release();
        }
    }

    /** One look at the tick; package-private so a test can drive it with its own times. */
    void check(long nowNs) {
        long completed = progress.completed();
        // Not armed before the first tick nor once stopping; trips once.
        if (completed == 0 || stopRequested || progress.isWatchdogTripped()) return;
        if (completed != seenCompleted) {
            seenCompleted = completed;
            quietWakeUps = 0;
            return;
        }
        quietWakeUps++;
        long silentNs = nowNs - progress.lastCompletedNs();
        if (quietWakeUps >= QUIET_WAKE_UPS && silentNs >= HUNG_AFTER_NS) trip(silentNs);
    }

    private void trip(long silentNs) {
        valves.apply(safeState);
        sounder.sound(true);
        indicator.show(LampColour.RED);
        progress.watchdogTripped();
        log.accept(String.format(java.util.Locale.ROOT,
                "alarm watchdog: no control tick for %.1f ms: valves in the safe state, sounder on, light red; "
                        + "control is abandoned for good (CONTROL_FAILURE)", silentNs / 1e6));
    }

    /** Asks the thread to return within a period. Any thread. */
    void requestStop() {
        stopRequested = true;
    }

    /** What the host refused when the thread was raised (empty when pinned at its priority); after it started. */
    List<String> degradations() {
        synchronized (degradations) {
            return List.copyOf(degradations);
        }
    }

    /** Whether the thread has pinned and raised itself (or failed to, see {@link #degradations}). */
    boolean prepared() {
        return prepared;
    }

    private void prepare() {
        BitSet cpus = new BitSet();
        cpus.set(cpu);
        synchronized (degradations) {
            try {
                LinuxHost.setCurrentThreadAffinity(cpus);
            } catch (HostCallException e) {
                degradations.add("alarm watchdog not pinned to CPU " + cpu + ": " + e.getMessage());
            }
            try {
                LinuxHost.setCurrentThreadScheduling(SchedulingPolicy.FIFO, priority);
            } catch (HostCallException e) {
                degradations.add("alarm watchdog has no real-time priority (SCHED_FIFO " + priority
                        + " refused; it runs as an ordinary thread and may not preempt a hung control loop): " + e.getMessage());
            }
        }
        prepared = true;
    }

    private void release() {
        try {
            LinuxHost.setCurrentThreadScheduling(SchedulingPolicy.OTHER, 0);
        } catch (HostCallException ignored) {
            // It never got real-time priority: nothing to give back.
        }
    }
}
