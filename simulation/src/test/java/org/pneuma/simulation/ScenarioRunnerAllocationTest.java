package org.pneuma.simulation;

import org.junit.jupiter.api.Test;
import org.pneuma.plant.PlantFault;
import org.pneuma.plant.SensorId;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.alarm.AlarmSignalGenerator;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.simulation.scenario.ControlFault;
import org.pneuma.simulation.scenario.ScenarioEvent;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thread stepping the safety partition — control step, alarm monitor, alarm manager, signal
 * generator, sensor bus — and the plant allocates nothing in steady state: ventilating quietly, with
 * an alarm sounding, and in the safe state after a control failure. Performance evidence, not timing:
 * it counts bytes, not nanoseconds.
 */
class ScenarioRunnerAllocationTest {
    private static final int WARM_UP_TICKS = 30_000;
    private static final int MEASURED_TICKS = 60_000;
    private static final int MAX_WINDOWS = 5;
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

        List<Long> windows = allocationPerWindow(runner);
        int inspirationTicks = 0;
        for (int i = 0; i < 5_000; i++) {
            runner.stepOnce();
            if (runner.controller().phase() == BreathPhase.INSPIRATION) inspirationTicks++;
        }

        assertThat(inspirationTicks).as("the controller still ventilates").isGreaterThan(500);
        assertThat(windows).as("bytes allocated per window of %d ticks", MEASURED_TICKS).last().isEqualTo(0L);
    }

    /**
     * Bytes allocated by consecutive windows of {@link #MEASURED_TICKS}, stopping at the first that
     * allocated nothing. The JIT compiler may move the thread's allocation counter once in a while as
     * it compiles a path first taken late (a burst repeats only every few seconds), so an alarm mode
     * passes when one of a few windows allocates nothing; a step that allocated per tick or per edge
     * would allocate in every window.
     */
    private static List<Long> allocationPerWindow(ScenarioRunner runner) {
        List<Long> windows = new ArrayList<>();
        for (int w = 0; w < MAX_WINDOWS; w++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED_TICKS; i++) runner.stepOnce();
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            windows.add(allocated);
            if (allocated == 0) break;
        }
        return windows;
    }

    private static double alarmModeDurationS() {
        return (WARM_UP_TICKS + MAX_WINDOWS * MEASURED_TICKS) / 1000.0 + 1;
    }

    @Test
    void ventilatingWithAHighAlarmSoundingAllocatesNothingAfterWarmUp() {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        // A frozen O2 reading: SENSOR_FAULT (HIGH) from 5.25 s on, sounding and flashing throughout. Frozen
        // once the O2 cell has settled on the set FiO2, so that no FiO2 alarm comes later.
        ScenarioRunner runner = ScenarioRunner.unrecorded(Scenarios.pcAc(alarmModeDurationS(), 3,
                List.of(new ScenarioEvent.InjectFault(5, new PlantFault.SensorStuck(SensorId.OXYGEN))), List.of()));
        for (int i = 0; i < WARM_UP_TICKS; i++) runner.stepOnce();
        long sounderEdges = runner.sounder().edgeCount();
        long lightEdges = runner.indicator().edgeCount();
        long beats = runner.controller().heartbeat();

        List<Long> windows = allocationPerWindow(runner);

        assertThat(runner.partition().alarms().signalling(AlarmId.SENSOR_FAULT)).isTrue();
        assertThat(runner.partition().alarms().audible(runner.nowNs())).as("sounding, not silenced").isNotNull();
        assertThat(runner.controller().heartbeat() - beats).as("the control step ran every tick")
                .isEqualTo((long) windows.size() * MEASURED_TICKS);
        assertThat(runner.sounder().edgeCount() - sounderEdges).as("sounder edges while measured")
                .isGreaterThanOrEqualTo(2L * AlarmSignalGenerator.HIGH_PULSES * (MEASURED_TICKS / AlarmSignalGenerator.HIGH_BURST_REPEAT_MS));
        assertThat(runner.indicator().edgeCount() - lightEdges).as("light edges while measured")
                .isGreaterThanOrEqualTo(2L * (MEASURED_TICKS / AlarmSignalGenerator.HIGH_FLASH_PERIOD_MS) - 2);
        assertThat(windows).as("bytes allocated per window of %d ticks", MEASURED_TICKS).last().isEqualTo(0L);
    }

    @Test
    void theSafeStateAfterAControlStallWithItsAlarmSoundingAllocatesNothingAfterWarmUp() {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        ScenarioRunner runner = ScenarioRunner.unrecorded(Scenarios.pcAc(alarmModeDurationS(), 3,
                List.of(new ScenarioEvent.InjectControlFault(1, ControlFault.CONTROL_STALL)), List.of()));
        for (int i = 0; i < WARM_UP_TICKS; i++) runner.stepOnce();
        long sounderEdges = runner.sounder().edgeCount();

        List<Long> windows = allocationPerWindow(runner);

        assertThat(runner.partition().alarms().signalling(AlarmId.CONTROL_FAILURE)).isTrue();
        assertThat(runner.plant().safetyValveOpen()).isTrue();
        assertThat(runner.sounder().edgeCount() - sounderEdges).as("sounder edges while measured").isPositive();
        assertThat(windows).as("bytes allocated per window of %d ticks", MEASURED_TICKS).last().isEqualTo(0L);
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
