package org.pneuma.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Performance evidence: reading the clock and sleeping to a deadline allocate nothing once compiled. */
class ThreadConfinedMonotonicClockAllocationTest {
    private static final int READ_WARM_UP = 200_000;
    private static final int READS_MEASURED = 100_000;
    /** Fewer sleeps: under SCHED_OTHER even a passed deadline costs a wake-up plus the thread's timer slack. */
    private static final int SLEEP_WARM_UP = 30_000;
    private static final int SLEEPS_MEASURED = 10_000;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void readingTheClockAllocatesNothingInSteadyState() {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            long sum = read(clock, READ_WARM_UP);
            long allocated = Long.MAX_VALUE;
            // One clean window proves it: the JIT may charge a one-off compilation to this thread.
            for (int window = 0; window < 5 && allocated != 0; window++) {
                allocated = allocatedBy(() -> read(clock, READS_MEASURED));
            }

            assertThat(allocated).as("bytes allocated by %d clock_gettime", READS_MEASURED).isZero();
            assertThat(sum).isPositive();
        }
    }

    @Test
    void sleepingToADeadlineAllocatesNothingInSteadyState() {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            long sum = sleep(clock, SLEEP_WARM_UP);
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < 5 && allocated != 0; window++) {
                allocated = allocatedBy(() -> sleep(clock, SLEEPS_MEASURED));
            }

            assertThat(allocated).as("bytes allocated by %d clock_gettime + clock_nanosleep", SLEEPS_MEASURED)
                .isZero();
            assertThat(sum).isPositive();
        }
    }

    @Test
    void theAllocationMeterSeesTheAllocatingVariant() {
        threads.setThreadAllocatedMemoryEnabled(true);
        long threadId = Thread.currentThread().threadId();
        threads.getThreadAllocatedBytes(threadId);
        long before = threads.getThreadAllocatedBytes(threadId);

        long now = LinuxHost.monotonicNowNs();

        assertThat(threads.getThreadAllocatedBytes(threadId) - before).isPositive();
        assertThat(now).isPositive();
    }

    private long allocatedBy(Runnable work) {
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        long threadId = Thread.currentThread().threadId();
        threads.getThreadAllocatedBytes(threadId);
        long before = threads.getThreadAllocatedBytes(threadId);
        work.run();
        return threads.getThreadAllocatedBytes(threadId) - before;
    }

    private static long read(ThreadConfinedMonotonicClock clock, int iterations) {
        long sum = 0;
        for (int i = 0; i < iterations; i++) {
            sum += (clock.nowNs() & 1) + 1;
        }
        return sum;
    }

    /** Sleeps to deadlines already passed, so every call is made without waiting for time to pass. */
    private static long sleep(ThreadConfinedMonotonicClock clock, int iterations) {
        long sum = 0;
        for (int i = 0; i < iterations; i++) {
            long now = clock.nowNs();
            clock.sleepUntilNs(now - 1);
            sum += (now & 1) + 1;
        }
        return sum;
    }
}
