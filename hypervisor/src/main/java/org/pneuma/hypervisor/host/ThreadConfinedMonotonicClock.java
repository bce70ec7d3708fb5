package org.pneuma.hypervisor.host;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@code CLOCK_MONOTONIC} for a real-time tick: reads it ({@code clock_gettime}) and sleeps to an absolute
 * deadline on it ({@code clock_nanosleep} with {@code TIMER_ABSTIME}), so a late wake-up never shifts the next one.
 * It is the same clock as {@link System#nanoTime()} on Linux.
 *
 * <p><b>Threads.</b> One thread: the one that constructed it. Its native memory lives in a confined arena, so any
 * other thread gets a {@link WrongThreadException}. Use a platform thread: a virtual thread would pin its carrier
 * while it sleeps.
 *
 * <p><b>Allocation.</b> The constructor allocates 16 bytes of {@code timespec} and the {@code errno} capture state,
 * off heap; {@link #nowNs()} and {@link #sleepUntilNs(long)} allocate nothing once compiled (a test counts it).
 *
 * <p><b>Blocking.</b> {@link #nowNs()} never blocks. {@link #sleepUntilNs(long)} blocks in the kernel until the
 * deadline, and restarts the sleep after a signal ({@code EINTR}) — the deadline is absolute, so nothing drifts.
 * The kernel wakes a {@code SCHED_OTHER} thread up to its timer slack late (50 us by default, see
 * {@code /proc/self/timerslack_ns}), even for a deadline already passed; a real-time thread has no slack.
 *
 * <p><b>Failure.</b> Both throw {@link HostCallException} if the kernel refuses, which for a valid clock and a
 * deadline of 0 or more it does not; the exception allocates.
 *
 * <p><b>Lifecycle.</b> {@link #close()} frees the native memory; any use afterwards throws
 * {@link IllegalStateException}.
 */
public final class ThreadConfinedMonotonicClock implements AutoCloseable {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment timespec = arena.allocate(Libc.TIMESPEC_BYTES, 8);
    private final MemorySegment callState = arena.allocate(Libc.CALL_STATE);

    /** {@code CLOCK_MONOTONIC} now, in nanoseconds. */
    public long nowNs() {
        int rc;
        try {
            rc = (int) Libc.CLOCK_GETTIME.invokeExact(callState, Libc.CLOCK_MONOTONIC, timespec);
        } catch (Throwable t) {
            throw LinuxHost.unexpected("clock_gettime", t);
        }
        if (rc != 0) {
            throw new HostCallException("clock_gettime", "CLOCK_MONOTONIC", Libc.errno(callState));
        }
        return timespec.get(JAVA_LONG, 0) * NANOS_PER_SECOND + timespec.get(JAVA_LONG, Libc.TIMESPEC_NSEC_OFFSET);
    }

    /**
     * Sleeps until {@code CLOCK_MONOTONIC} reaches {@code deadlineNs}; returns at once if it already has.
     *
     * @param deadlineNs an absolute time on this clock, 0 or more (compare with {@link #nowNs()})
     */
    public void sleepUntilNs(long deadlineNs) {
        timespec.set(JAVA_LONG, 0, deadlineNs / NANOS_PER_SECOND);
        timespec.set(JAVA_LONG, Libc.TIMESPEC_NSEC_OFFSET, deadlineNs % NANOS_PER_SECOND);
        int rc;
        do {
            try {
                rc = (int) Libc.CLOCK_NANOSLEEP.invokeExact(Libc.CLOCK_MONOTONIC, Libc.TIMER_ABSTIME, timespec,
                    MemorySegment.NULL);
            } catch (Throwable t) {
                throw LinuxHost.unexpected("clock_nanosleep", t);
            }
        } while (rc == Errno.EINTR);
        if (rc != 0) {
            throw new HostCallException("clock_nanosleep",
                "CLOCK_MONOTONIC, TIMER_ABSTIME, deadline " + deadlineNs + " ns", rc);
        }
    }

    /** Frees the native memory; only the owning thread may call. */
    @Override
    public void close() {
        arena.close();
    }
}
