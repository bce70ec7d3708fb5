package org.pneuma.safety.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pneuma.safety.breath.BreathListener;
import org.pneuma.safety.breath.BreathRecord;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * Performance evidence: once warmed up, the control step allocates nothing, in every mode, with
 * patient efforts, a leak, triggering, cycling and apnea backup all exercised.
 *
 * <p>The JIT compiler can make the thread's allocation counter move once in a while as it compiles
 * and recompiles (the same code run interpreted shows no allocation at all). So a mode passes when,
 * after warm-up, one of a few consecutive windows of 60 simulated seconds allocates nothing; code
 * that allocated per tick or per breath would allocate in every window.
 */
class VentilationControllerAllocationTest {
    private static final long WARM_UP_MS = 20_000;
    private static final long MEASURED_MS = 60_000;
    private static final int MAX_WINDOWS = 5;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long threadId = Thread.currentThread().threadId();
    /** What reading the counter twice costs by itself. */
    private long meterOverheadBytes = Long.MAX_VALUE;

    /** Counts breaths without allocating. */
    private static final class BreathCounter implements BreathListener {
        long breaths;
        long triggered;

        @Override
        public void onBreath(BreathRecord breath) {
            breaths++;
            if (breath.patientTriggered) triggered++;
        }
    }

    /** Holds deliberate allocations so that they cannot be optimized away. */
    static volatile Object sink;

    @BeforeEach
    void measureTheMeter() {
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        Runnable nothing = () -> { };
        for (int i = 0; i < 1_000; i++) {
            meterOverheadBytes = Math.min(meterOverheadBytes, rawAllocatedBytesDuring(nothing));
        }
        assertThat(meterOverheadBytes).as("the meter's own allocation").isLessThan(64);
    }

    private long rawAllocatedBytesDuring(Runnable work) {
        long before = threads.getThreadAllocatedBytes(threadId);
        work.run();
        return threads.getThreadAllocatedBytes(threadId) - before;
    }

    /** Bytes {@code work} allocated, less the meter's own. */
    private long allocatedBytesDuring(Runnable work) {
        return rawAllocatedBytesDuring(work) - meterOverheadBytes;
    }

    /**
     * Bytes allocated by each consecutive 60 s window of ticking, stopping at the first window that
     * allocated nothing.
     */
    private List<Long> allocationPerWindow(ControllerRig rig) {
        List<Long> windows = new ArrayList<>(MAX_WINDOWS);
        Runnable window = () -> rig.runMs(MEASURED_MS);
        for (int i = 0; i < MAX_WINDOWS; i++) {
            long allocated = allocatedBytesDuring(window);
            windows.add(allocated);
            if (allocated <= 0) break;
        }
        return windows;
    }

    private static VentilationSettings settingsFor(Mode mode) {
        VentilationSettings.Builder b = VentilationSettings.DEFAULTS.toBuilder().mode(mode);
        b.apneaS = 8; // PSV: efforts every 10 s leave room for backup breaths between them
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aWarmedUpControlStepAllocatesNothing(Mode mode) {
        BreathCounter counter = new BreathCounter();
        ControllerRig rig = new ControllerRig(settingsFor(mode), counter);
        rig.lung.leakOrificeMlPerSPerSqrtCmH2O = 30;
        rig.lung.effortCmH2O = 6;
        rig.lung.effortPeriodS = 10;
        rig.runMs(WARM_UP_MS);
        long breathsBefore = counter.breaths;

        List<Long> windows = allocationPerWindow(rig);

        assertThat(windows.getLast()).as("bytes allocated per %d ms window of %s control steps: %s",
                MEASURED_MS, mode, windows).isLessThanOrEqualTo(0);
        assertThat(counter.breaths - breathsBefore).as("breaths ventilated while measured").isGreaterThanOrEqualTo(8);
        if (mode.patientTriggered()) {
            assertThat(counter.triggered).as("patient-triggered breaths").isPositive();
        }
        assertThat(rig.controller.leakEstimator().leakAt10Lpm()).as("the leak was being estimated").isPositive();
    }

    @Test
    void aSettingsChangeOffTheControlPathLeavesTheStepAllocationFree() {
        BreathCounter counter = new BreathCounter();
        ControllerRig rig = new ControllerRig(settingsFor(Mode.PC_AC), counter);
        rig.runMs(WARM_UP_MS);
        rig.controller.changeSettings(settingsFor(Mode.VC_AC).toBuilder().fio2(60).peep(8).build());

        List<Long> windows = allocationPerWindow(rig);

        assertThat(windows.getLast()).as("bytes allocated per window: %s", windows).isLessThanOrEqualTo(0);
        assertThat(rig.controller.breathType()).isEqualTo(BreathType.VOLUME_CONTROL);
    }

    @Test
    void theMeterSeesAllocationsOfSixtyFourBytes() {
        Runnable allocating = () -> {
            for (int i = 0; i < 1_000; i++) {
                sink = new byte[64];
            }
        };

        assertThat(allocatedBytesDuring(allocating)).isGreaterThanOrEqualTo(64_000);
    }

    @Test
    void theMeterSeesAListenerThatAllocatesOncePerBreath() {
        BreathCounter counter = new BreathCounter();
        BreathListener allocatingListener = breath -> {
            counter.onBreath(breath);
            sink = new byte[64];
        };
        ControllerRig rig = new ControllerRig(settingsFor(Mode.PC_CMV), allocatingListener);
        rig.runMs(WARM_UP_MS);
        long breathsBefore = counter.breaths;

        List<Long> windows = allocationPerWindow(rig);

        assertThat(windows).as("every window allocates").hasSize(MAX_WINDOWS).allMatch(bytes -> bytes >= 15 * 64);
        assertThat(counter.breaths - breathsBefore).isEqualTo(MAX_WINDOWS * 15);
    }
}
