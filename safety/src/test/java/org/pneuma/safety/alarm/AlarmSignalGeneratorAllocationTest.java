package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pneuma.hal.Indicator;
import org.pneuma.hal.Indicator.LampColour;
import org.pneuma.hal.Sounder;

/**
 * Performance evidence: once warmed up, {@link AlarmSignalGenerator#step} allocates nothing while the
 * priorities change, every pattern starts, restarts and is cut short, and both outputs toggle.
 *
 * <p>The JIT compiler can move the thread's allocation counter once in a while as it compiles, so the
 * step passes when, after warm-up, one of a few consecutive windows of 60 simulated seconds allocates
 * nothing; a step that allocated per tick or per edge would allocate in every window.
 */
class AlarmSignalGeneratorAllocationTest {
    private static final long NS_PER_MS = 1_000_000L;
    private static final long WARM_UP_MS = 30_000;
    private static final long MEASURED_MS = 60_000;
    private static final int MAX_WINDOWS = 5;
    /** How long each pair of priorities below holds: long enough for whole HIGH bursts, short enough to cut MEDIUM ones. */
    private static final long PHASE_MS = 9_100;
    private static final AlarmPriority H = AlarmPriority.HIGH;
    private static final AlarmPriority M = AlarmPriority.MEDIUM;
    private static final AlarmPriority L = AlarmPriority.LOW;
    private static final AlarmPriority[] AUDIBLE = {H, M, null, L, H, null, M, H, L, null};
    private static final AlarmPriority[] VISUAL = {H, M, H, L, M, null, M, H, L, M};

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long threadId = Thread.currentThread().threadId();
    private long meterOverheadBytes = Long.MAX_VALUE;

    /** Holds deliberate allocations so that they cannot be optimized away. */
    static volatile Object sink;

    /** Counts the sounder's edges without allocating. */
    private static final class CountingSounder implements Sounder {
        long pulses;
        boolean on;

        @Override
        public void sound(boolean on) {
            if (on && !this.on) pulses++;
            this.on = on;
        }
    }

    /** Counts the light's edges per colour without allocating. */
    private static final class CountingIndicator implements Indicator {
        final long[] shown = new long[LampColour.values().length];

        @Override
        public void show(LampColour colour) {
            shown[colour.ordinal()]++;
        }
    }

    private final CountingSounder sounder = new CountingSounder();
    private final CountingIndicator indicator = new CountingIndicator();
    private long nowMs;

    @BeforeEach
    void measureTheMeter() {
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < 1_000; i++) {
            long before = threads.getThreadAllocatedBytes(threadId);
            long after = threads.getThreadAllocatedBytes(threadId);
            meterOverheadBytes = Math.min(meterOverheadBytes, after - before);
        }
        assertThat(meterOverheadBytes).as("the meter's own allocation").isLessThan(64);
    }

    /** Steps every millisecond for {@code durationMs}, the priorities changing every {@link #PHASE_MS}. */
    private void run(AlarmSignalGenerator generator, long durationMs) {
        long endMs = nowMs + durationMs;
        for (; nowMs < endMs; nowMs++) {
            int phase = (int) ((nowMs / PHASE_MS) % AUDIBLE.length);
            generator.step(nowMs * NS_PER_MS, AUDIBLE[phase], VISUAL[phase]);
        }
    }

    /** Bytes allocated by each consecutive window, stopping at the first that allocated nothing. */
    private List<Long> allocationPerWindow(AlarmSignalGenerator generator) {
        List<Long> windows = new ArrayList<>(MAX_WINDOWS);
        for (int i = 0; i < MAX_WINDOWS; i++) {
            long before = threads.getThreadAllocatedBytes(threadId);
            run(generator, MEASURED_MS);
            long allocated = threads.getThreadAllocatedBytes(threadId) - before - meterOverheadBytes;
            windows.add(allocated);
            if (allocated <= 0) break;
        }
        return windows;
    }

    @Test
    void aWarmedUpStepAllocatesNothingWhilePrioritiesChange() {
        AlarmSignalGenerator generator = new AlarmSignalGenerator(sounder, indicator);
        run(generator, WARM_UP_MS);
        long pulsesBefore = sounder.pulses;
        long redBefore = indicator.shown[LampColour.RED.ordinal()];
        long yellowBefore = indicator.shown[LampColour.YELLOW.ordinal()];

        List<Long> windows = allocationPerWindow(generator);

        assertThat(windows.getLast()).as("bytes allocated per %d ms window: %s", MEASURED_MS, windows).isLessThanOrEqualTo(0);
        assertThat(nowMs - WARM_UP_MS).as("simulated ms measured").isGreaterThanOrEqualTo(60_000);
        assertThat(sounder.pulses - pulsesBefore).as("pulses sounded while measured").isGreaterThanOrEqualTo(20);
        assertThat(indicator.shown[LampColour.RED.ordinal()] - redBefore).as("red flashes").isGreaterThanOrEqualTo(10);
        assertThat(indicator.shown[LampColour.YELLOW.ordinal()] - yellowBefore).as("yellow flashes").isPositive();
    }

    @Test
    void theMeterSeesASounderThatAllocatesOncePerEdge() {
        Sounder allocating = on -> {
            sounder.sound(on);
            sink = new byte[64];
        };
        AlarmSignalGenerator generator = new AlarmSignalGenerator(allocating, indicator);
        run(generator, WARM_UP_MS);

        List<Long> windows = allocationPerWindow(generator);

        assertThat(windows).as("every window allocates").hasSize(MAX_WINDOWS).allMatch(bytes -> bytes >= 20 * 64);
    }
}
