package org.pneuma.testkit;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Counts the bytes the calling thread allocates: the evidence behind every "allocates nothing" claim.
 *
 * <p>The JIT compiler makes the thread's allocation counter move once in a while as it compiles and
 * recompiles (the same code run interpreted shows no allocation at all). So after warm-up the work is
 * measured in consecutive windows, stopping at the first that allocates nothing: code that allocated
 * per call would allocate in every window, and the last window would not be zero.
 */
public final class AllocationMeter {
    private static final int WARM_UP_ROUNDS = 15;
    private static final int MAX_WINDOWS = 5;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long threadId = Thread.currentThread().threadId();
    /** Sum of the work's results, kept so the JIT cannot drop the work and callers can check it was done. */
    public long sink;

    public AllocationMeter() {
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new AssertionError("this JVM cannot count allocated bytes per thread");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        threads.getThreadAllocatedBytes(threadId);
    }

    /** Runs {@code round} a fixed number of times, unmeasured. */
    public void warmUp(LongSupplier round) {
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            sink += round.getAsLong();
        }
    }

    /** Bytes allocated by each consecutive window of {@code work}, stopping at the first that allocated nothing. */
    public List<Long> bytesPerWindow(LongSupplier work) {
        List<Long> windows = new ArrayList<>(MAX_WINDOWS);
        for (int i = 0; i < MAX_WINDOWS; i++) {
            long bytes = bytesAllocatedBy(work);
            windows.add(bytes);
            if (bytes == 0) {
                break;
            }
        }
        return windows;
    }

    /** Bytes allocated while {@code work} runs once. */
    public long bytesAllocatedBy(LongSupplier work) {
        long before = threads.getThreadAllocatedBytes(threadId);
        long result = work.getAsLong();
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        sink += result;
        return allocated;
    }
}
