package org.pneuma.simulation;

import org.junit.jupiter.api.Test;
import org.pneuma.safety.breath.BreathPhase;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thread stepping the safety partition's controller and the plant allocates nothing in steady
 * state. Performance evidence, not timing: it counts bytes, not nanoseconds.
 */
class ScenarioRunnerAllocationTest {
    private static final int WARM_UP_TICKS = 30_000;
    private static final int MEASURED_TICKS = 60_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static Object sink;

    @Test
    void sixtySimulatedSecondsOfVentilationAllocateNothingAfterWarmUp() {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        ScenarioRunner runner = ScenarioRunner.unrecorded(
                Scenarios.pcAc((WARM_UP_TICKS + MEASURED_TICKS) / 1000.0 + 1, 3, List.of(), List.of()));
        for (int i = 0; i < WARM_UP_TICKS; i++) runner.stepOnce();

        int inspirationTicks = 0;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED_TICKS; i++) {
            runner.stepOnce();
            if (runner.controller().phase() == BreathPhase.INSPIRATION) inspirationTicks++;
        }
        long after = THREADS.getCurrentThreadAllocatedBytes();

        assertThat(inspirationTicks).as("the controller ventilated while measured").isGreaterThan(MEASURED_TICKS / 10);
        assertThat(after - before).as("bytes allocated while stepping %d ticks", MEASURED_TICKS).isZero();
    }

    @Test
    void theAllocationCounterSeesAnAllocation() {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        sink = new long[1024];
        long after = THREADS.getCurrentThreadAllocatedBytes();

        assertThat(after - before).isGreaterThanOrEqualTo(8 * 1024);
    }
}
