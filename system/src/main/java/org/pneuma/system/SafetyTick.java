package org.pneuma.system;

import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.PlatformAlarm;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.hypervisor.runtime.RealTimeLoop;
import org.pneuma.safety.SafetyPartition;
import org.pneuma.safety.alarm.AlarmId;

/**
 * One millisecond of the safety partition process, run by the real-time loop:
 * <ol>
 *   <li>the partition's clock becomes the loop's wake-up time;</li>
 *   <li>if the alarm watchdog found the control path hung, control is abandoned (once): from here on
 *       the monitor holds the safe state and CONTROL_FAILURE;</li>
 *   <li>on the first tick of a resumed process, CONTROL_FAILURE is raised until acknowledged;</li>
 *   <li>what the command desk accepted since the last tick is put in force (settings, acknowledge,
 *       audio pause) — the commands themselves are judged on the desk's thread, never here;</li>
 *   <li>the platform's alarms (DISPLAY_LOST, GUEST_FAULT) are read from the supervisor's board and
 *       given to the partition as conditions;</li>
 *   <li>the partition ticks: sensors, control, alarm monitor, valves, sounder and light, sensor bus;</li>
 *   <li>the simulated patient advances 1 ms;</li>
 *   <li>counters: loop ticks, last and longest tick duration; then the watchdog hears the tick done.</li>
 * </ol>
 * Wake-up lateness and deadline misses come from the loop ({@link #record}).
 *
 * <p><b>Allocation.</b> None, whether or not a command was accepted or platform alarms come and go (a
 * test counts it).
 *
 * <p><b>Threads.</b> {@link #run} and {@link #record} on the loop thread only.
 */
final class SafetyTick implements RealTimeLoop.Tick, RealTimeLoop.WakeUpRecorder {
    private final SimulatedVentilator ventilator;
    private final SafetyPartition partition;
    private final AcceptedCommands accepted;
    private final PlatformAlarmBoard platformAlarms;
    private final CounterBoard counters;
    private final TickProgress progress;
    private boolean controlInterruptedToRaise;

    /**
     * @param resumed the previous process died: the first tick raises CONTROL_FAILURE until acknowledged
     */
    SafetyTick(SimulatedVentilator ventilator, AcceptedCommands accepted, PlatformAlarmBoard platformAlarms,
               CounterBoard counters, TickProgress progress, boolean resumed) {
        this.ventilator = ventilator;
        this.partition = ventilator.partition;
        this.accepted = accepted;
        this.platformAlarms = platformAlarms;
        this.counters = counters;
        this.progress = progress;
        this.controlInterruptedToRaise = resumed;
    }

    @Override
    public void run(long nowNs) {
        ventilator.clock.set(nowNs);
        if (progress.isWatchdogTripped() && !partition.controlAbandoned()) partition.abandonControl();
        if (controlInterruptedToRaise) {
            partition.controlInterrupted();
            controlInterruptedToRaise = false;
        }
        accepted.applyTo(partition);
        partition.platformCondition(AlarmId.DISPLAY_LOST, platformAlarms.active(PlatformAlarm.DISPLAY_LOST));
        partition.platformCondition(AlarmId.GUEST_FAULT, platformAlarms.active(PlatformAlarm.GUEST_FAULT));
        partition.tick();
        ventilator.plant.advance(SimulatedVentilator.TICK_NS);

        counters.increment(CounterId.LOOP_TICKS);
        long done = System.nanoTime();
        long duration = done - nowNs;
        counters.set(CounterId.LOOP_LAST_DURATION_NS, duration);
        counters.proposeMax(CounterId.LOOP_MAX_DURATION_NS, duration);
        progress.tickCompleted(done);
    }

    @Override
    public void record(long latenessNs, boolean overran) {
        counters.proposeMax(CounterId.LOOP_MAX_LATENESS_NS, latenessNs);
        if (overran) counters.increment(CounterId.DEADLINE_MISSES);
    }
}
