package org.pneuma.system;

import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.PlatformAlarm;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.channel.SensorBus;

/**
 * Runs the tick on a twin of the partition — its own simulated patient, in-memory bus, mailbox,
 * counters and platform board — as fast as the CPU allows, before the real loop starts: every class
 * the tick needs is loaded and its code compiled, so the first real ticks are not the slow,
 * interpreted ones (a first tick that loads classes takes far longer than the alarm watchdog allows).
 * The twin sees platform alarms raised and cleared, and accepted settings and acknowledges applied, so
 * those paths are warm too. (Commands are judged on the command desk's thread, not in the tick.)
 * Touches nothing of the real partition.
 */
final class TickWarmUp {
    /** Twenty simulated seconds: past the JIT's thresholds for every per-tick method. */
    static final int TICKS = 20_000;

    private TickWarmUp() {
    }

    static void run(SettingsInForce inForce, int ticks) {
        try (SensorBus bus = SensorBus.allocate(1024);
             CounterBoard counters = CounterBoard.allocate();
             PlatformAlarmBoard platform = PlatformAlarmBoard.allocate()) {
            SimulatedVentilator twin = SimulatedVentilator.standard(inForce, bus.writer());
            AcceptedCommands accepted = new AcceptedCommands();
            SafetyTick tick = new SafetyTick(twin, accepted, platform, counters, new TickProgress(), true);
            long nowNs = System.nanoTime();
            for (int i = 0; i < ticks; i++) {
                if (i % 2_000 == 100) platform.set(PlatformAlarm.DISPLAY_LOST, true);
                if (i % 2_000 == 1_100) platform.set(PlatformAlarm.DISPLAY_LOST, false);
                if (i % 5_000 == 200) accepted.apply(inForce.settings(), inForce.limits());
                if (i % 5_000 == 300) accepted.acknowledge();
                if (i % 5_000 == 400) accepted.pauseAudio();
                tick.run(nowNs);
                tick.record(0, false);
                nowNs += SimulatedVentilator.TICK_NS;
            }
        }
    }
}
