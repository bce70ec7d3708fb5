package org.pneuma.hypervisor.host;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.Objects;

/**
 * The Linux calls that put a thread on a core at real-time priority with its memory locked, and the monotonic
 * clock the real-time tick sleeps on — each a thin, typed wrapper of one libc function.
 *
 * <p><b>Threads.</b> Any platform thread may call. The {@code currentThread…} calls act on the calling thread's
 * kernel task only (its {@code gettid}), never on the whole process; they refuse virtual threads with an
 * {@link IllegalStateException}, whose kernel task is a carrier that other virtual threads share.
 * {@link #lockAllMemory()} and {@link #unlockAllMemory()} act on the whole process.
 *
 * <p><b>Allocation and blocking.</b> Every method here allocates (a confined arena per call for its arguments and
 * {@code errno}) and is meant for start-up and shutdown. The 1 kHz path uses {@link ThreadConfinedMonotonicClock},
 * which allocates nothing. {@link #sleepUntilMonotonicNs} blocks; {@link #lockAllMemory()} may take as long as
 * faulting in every mapped page; the rest return at once.
 *
 * <p><b>Failure.</b> A call the kernel refuses throws {@link HostCallException} naming the call, its arguments and
 * the errno with libc's text. Nothing is retried except {@code clock_nanosleep} after {@code EINTR}.
 */
public final class LinuxHost {
    private LinuxHost() {
    }

    /** The calling thread's kernel task id ({@code gettid}); refuses virtual threads. */
    public static int currentThreadId() {
        requirePlatformThread("gettid");
        try {
            return (int) Libc.GETTID.invokeExact();
        } catch (Throwable t) {
            throw unexpected("gettid", t);
        }
    }

    /** The effective user id of this process ({@code geteuid}); 0 is root. */
    public static int effectiveUserId() {
        try {
            return (int) Libc.GETEUID.invokeExact();
        } catch (Throwable t) {
            throw unexpected("geteuid", t);
        }
    }

    /** The CPUs the calling thread may run on ({@code sched_getaffinity} on its tid). */
    public static BitSet currentThreadAffinity() {
        int tid = currentThreadId();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            MemorySegment mask = arena.allocate(Libc.CPU_SET_BYTES, 8);
            int rc = (int) Libc.SCHED_GETAFFINITY.invokeExact(state, tid, Libc.CPU_SET_BYTES, mask);
            if (rc != 0) {
                throw new HostCallException("sched_getaffinity", "tid " + tid, Libc.errno(state));
            }
            return BitSet.valueOf(mask.toArray(JAVA_LONG));
        } catch (Throwable t) {
            throw unexpected("sched_getaffinity", t);
        }
    }

    /**
     * Restricts the calling thread to {@code cpus} ({@code sched_setaffinity} on its tid). The kernel decides
     * what is valid: an empty set, or only CPUs that are offline or outside the thread's cpuset, fails with
     * {@code EINVAL}.
     *
     * @throws IllegalArgumentException if a CPU index is 1024 or more (beyond glibc's {@code cpu_set_t})
     */
    public static void setCurrentThreadAffinity(BitSet cpus) {
        setThreadAffinity(currentThreadId(), cpus);
    }

    /**
     * Restricts kernel task {@code tid} of this process — a thread Java did not start, such as the JVM's own VM
     * thread — to {@code cpus}; otherwise as {@link #setCurrentThreadAffinity}.
     */
    public static void setThreadAffinity(int tid, BitSet cpus) {
        Objects.requireNonNull(cpus, "cpus");
        if (cpus.length() > Libc.CPU_SET_BITS) {
            throw new IllegalArgumentException("CPU " + (cpus.length() - 1) + " is beyond cpu_set_t ("
                + Libc.CPU_SET_BITS + " CPUs)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            MemorySegment mask = arena.allocate(Libc.CPU_SET_BYTES, 8);
            long[] words = cpus.toLongArray();
            MemorySegment.copy(words, 0, mask, JAVA_LONG, 0, words.length);
            int rc = (int) Libc.SCHED_SETAFFINITY.invokeExact(state, tid, Libc.CPU_SET_BYTES, mask);
            if (rc != 0) {
                throw new HostCallException("sched_setaffinity", "tid " + tid + ", cpus " + cpus, Libc.errno(state));
            }
        } catch (Throwable t) {
            throw unexpected("sched_setaffinity", t);
        }
    }

    /** The calling thread's policy and priority ({@code sched_getscheduler} and {@code sched_getparam}). */
    public static ThreadScheduling currentThreadScheduling() {
        int tid = currentThreadId();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            int policy = (int) Libc.SCHED_GETSCHEDULER.invokeExact(state, tid);
            if (policy < 0) {
                throw new HostCallException("sched_getscheduler", "tid " + tid, Libc.errno(state));
            }
            MemorySegment param = arena.allocate(JAVA_INT);
            int rc = (int) Libc.SCHED_GETPARAM.invokeExact(state, tid, param);
            if (rc != 0) {
                throw new HostCallException("sched_getparam", "tid " + tid, Libc.errno(state));
            }
            return new ThreadScheduling(SchedulingPolicy.fromLinux(policy), param.get(JAVA_INT, 0));
        } catch (Throwable t) {
            throw unexpected("sched_getscheduler", t);
        }
    }

    /**
     * Sets the calling thread's policy and priority ({@code sched_setscheduler} on its tid), for example
     * {@code FIFO, 80} for a control loop and {@code OTHER, 0} to go back. Without {@code CAP_SYS_NICE} or a
     * sufficient {@code RLIMIT_RTPRIO}, real-time policies fail with {@code EPERM}; a priority outside the policy's
     * range fails with {@code EINVAL}.
     */
    public static void setCurrentThreadScheduling(SchedulingPolicy policy, int priority) {
        setThreadScheduling(currentThreadId(), policy, priority);
    }

    /** Sets kernel task {@code tid}'s policy and priority; otherwise as {@link #setCurrentThreadScheduling}. */
    public static void setThreadScheduling(int tid, SchedulingPolicy policy, int priority) {
        Objects.requireNonNull(policy, "policy");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            MemorySegment param = arena.allocate(JAVA_INT);
            param.set(JAVA_INT, 0, priority);
            int rc = (int) Libc.SCHED_SETSCHEDULER.invokeExact(state, tid, policy.linuxValue(), param);
            if (rc != 0) {
                throw new HostCallException("sched_setscheduler",
                    "tid " + tid + ", " + policy.linuxName() + ", priority " + priority, Libc.errno(state));
            }
        } catch (Throwable t) {
            throw unexpected("sched_setscheduler", t);
        }
    }

    /**
     * Locks every page the process has mapped and will map into RAM ({@code mlockall(MCL_CURRENT|MCL_FUTURE)}), so
     * no page fault to disk can stall a real-time thread. Faults in every mapped page first, which takes time and
     * RAM. Without {@code CAP_IPC_LOCK}, fails with {@code ENOMEM} or {@code EPERM} when the process exceeds
     * {@code RLIMIT_MEMLOCK}.
     */
    public static void lockAllMemory() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            int rc = (int) Libc.MLOCKALL.invokeExact(state, Libc.MCL_CURRENT | Libc.MCL_FUTURE);
            if (rc != 0) {
                throw new HostCallException("mlockall", "MCL_CURRENT|MCL_FUTURE", Libc.errno(state));
            }
        } catch (Throwable t) {
            throw unexpected("mlockall", t);
        }
    }

    /** Undoes {@link #lockAllMemory()} for the whole process ({@code munlockall}). */
    public static void unlockAllMemory() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            int rc = (int) Libc.MUNLOCKALL.invokeExact(state);
            if (rc != 0) {
                throw new HostCallException("munlockall", "", Libc.errno(state));
            }
        } catch (Throwable t) {
            throw unexpected("munlockall", t);
        }
    }

    /** {@code clock_gettime(CLOCK_MONOTONIC)} in nanoseconds; allocates — the tick uses the confined clock. */
    public static long monotonicNowNs() {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            return clock.nowNs();
        }
    }

    /**
     * Blocks until {@code CLOCK_MONOTONIC} reaches {@code deadlineNs} ({@code clock_nanosleep} with
     * {@code TIMER_ABSTIME}); returns at once for a deadline in the past. Allocates — the tick uses the confined
     * clock.
     */
    public static void sleepUntilMonotonicNs(long deadlineNs) {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            clock.sleepUntilNs(deadlineNs);
        }
    }

    private static void requirePlatformThread(String call) {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException(call + " on a virtual thread would act on its carrier; "
                + "use a platform thread");
        }
    }

    /**
     * What to throw for a {@code Throwable} from {@code invokeExact}: unchecked exceptions as they are (a
     * {@link WrongThreadException} or a closed arena's {@link IllegalStateException}), errors rethrown, anything
     * checked — which a downcall never throws — wrapped.
     */
    static RuntimeException unexpected(String call, Throwable t) {
        if (t instanceof Error error) {
            throw error;
        }
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(call + ": unexpected failure of the native call", t);
    }
}
