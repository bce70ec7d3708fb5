package org.pneuma.system;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.PlatformAlarm;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.hypervisor.runtime.RealTimeLoop;
import org.pneuma.safety.SafetyPartition;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.command.CommandDecision;
import org.pneuma.safety.command.CommandHandler;
import org.pneuma.safety.command.CommandLog;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * One millisecond of the safety partition process, run by the real-time loop:
 * <ol>
 *   <li>the partition's clock becomes the loop's wake-up time;</li>
 *   <li>if the alarm watchdog found the control path hung, control is abandoned (once): from here on
 *       the monitor holds the safe state and CONTROL_FAILURE;</li>
 *   <li>on the first tick of a resumed process, CONTROL_FAILURE is raised until acknowledged;</li>
 *   <li>the platform's alarms (DISPLAY_LOST, GUEST_FAULT) are read from the supervisor's board and
 *       given to the partition as conditions;</li>
 *   <li>the partition ticks: sensors, control, alarm monitor, valves, sounder and light, sensor bus;</li>
 *   <li>the guest's commands are polled, decided, applied and answered (the handler counts them on
 *       the counter board);</li>
 *   <li>the simulated patient advances 1 ms;</li>
 *   <li>hand-overs to the low-priority threads: the settings in force when an accepted command changed
 *       them, the command log when it has news and the previous batch was taken;</li>
 *   <li>counters: loop ticks, last and longest tick duration; then the watchdog hears the tick done.</li>
 * </ol>
 * Wake-up lateness and deadline misses come from the loop ({@link #record}).
 *
 * <p><b>Allocation.</b> None in steady state — no command arriving, platform alarms raised or cleared
 * or not (a test counts it). A command that arrives allocates in the handler (decoding, validation,
 * the answer's text), and its hand-overs allocate once: an immutable {@link SettingsInForce}, a copy
 * of the command log.
 *
 * <p><b>Threads.</b> {@link #run} and {@link #record} on the loop thread only; the hand-over getters
 * from any thread.
 */
final class SafetyTick implements RealTimeLoop.Tick, RealTimeLoop.WakeUpRecorder {
    /** A copy of the command log's held decisions; {@code recorded} decisions had been made when copied. */
    record LogBatch(List<CommandDecision> decisions, long recorded) {
    }

    private final SimulatedVentilator ventilator;
    private final SafetyPartition partition;
    private final CommandHandler commands;
    private final CommandLog commandLog;
    private final PlatformAlarmBoard platformAlarms;
    private final CounterBoard counters;
    private final TickProgress progress;
    private final AtomicReference<SettingsInForce> settingsToPersist = new AtomicReference<>();
    private final AtomicReference<LogBatch> logToPrint = new AtomicReference<>();
    private boolean controlInterruptedToRaise;
    private VentilationSettings settingsHandedOver;
    private AlarmLimits limitsHandedOver;
    private long logHandedOver;

    /**
     * @param resumed the previous process died: the first tick raises CONTROL_FAILURE until acknowledged
     */
    SafetyTick(SimulatedVentilator ventilator, CommandHandler commands, PlatformAlarmBoard platformAlarms,
               CounterBoard counters, TickProgress progress, boolean resumed) {
        this.ventilator = ventilator;
        this.partition = ventilator.partition;
        this.commands = commands;
        this.commandLog = commands.log();
        this.platformAlarms = platformAlarms;
        this.counters = counters;
        this.progress = progress;
        this.controlInterruptedToRaise = resumed;
        this.settingsHandedOver = commands.settingsInForce();
        this.limitsHandedOver = commands.limitsInForce();
        this.logHandedOver = commandLog.recordedCount();
    }

    @Override
    public void run(long nowNs) {
        ventilator.clock.set(nowNs);
        if (progress.isWatchdogTripped() && !partition.controlAbandoned()) partition.abandonControl();
        if (controlInterruptedToRaise) {
            partition.controlInterrupted();
            controlInterruptedToRaise = false;
        }
        partition.platformCondition(AlarmId.DISPLAY_LOST, platformAlarms.active(PlatformAlarm.DISPLAY_LOST));
        partition.platformCondition(AlarmId.GUEST_FAULT, platformAlarms.active(PlatformAlarm.GUEST_FAULT));
        partition.tick();
        commands.poll(nowNs);
        ventilator.plant.advance(SimulatedVentilator.TICK_NS);
        handOver();

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

    private void handOver() {
        VentilationSettings settings = commands.settingsInForce();
        AlarmLimits limits = commands.limitsInForce();
        if (settings != settingsHandedOver || limits != limitsHandedOver) {
            settingsToPersist.set(new SettingsInForce(settings, limits));
            settingsHandedOver = settings;
            limitsHandedOver = limits;
        }
        long recorded = commandLog.recordedCount();
        if (recorded != logHandedOver && logToPrint.get() == null) {
            // At most one copy per batch the printer takes: a flood of frames costs a copy per printer poll, not per frame.
            logToPrint.set(new LogBatch(commandLog.decisions(), recorded));
            logHandedOver = recorded;
        }
    }

    /** The settings in force since the last take, if an accepted command changed them; null if not. Any thread. */
    SettingsInForce takeSettingsToPersist() {
        return settingsToPersist.getAndSet(null);
    }

    /** Puts back settings that could not be persisted, unless newer ones came meanwhile. Any thread. */
    void returnSettingsToPersist(SettingsInForce inForce) {
        settingsToPersist.compareAndSet(null, inForce);
    }

    /** The command log's news since the last take, or null. Any thread. */
    LogBatch takeLog() {
        return logToPrint.getAndSet(null);
    }
}
