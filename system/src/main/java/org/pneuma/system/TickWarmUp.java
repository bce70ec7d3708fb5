package org.pneuma.system;

import java.util.Map;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandRequestWriter;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.PlatformAlarm;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.channel.SensorBus;
import org.pneuma.safety.command.CommandHandler;
import org.pneuma.safety.command.CommandHandlerConfig;
import org.pneuma.safety.command.CommandTarget;
import org.pneuma.safety.command.OperatorCommand.Acknowledge;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;
import org.pneuma.safety.command.OperatorCommandCodec;
import org.pneuma.safety.command.SettingField;

/**
 * Runs the tick on a twin of the partition — its own simulated patient, in-memory bus, mailbox,
 * counters and platform board — as fast as the CPU allows, before the real loop starts: every class
 * the tick needs is loaded and its code compiled, so the first real ticks are not the slow,
 * interpreted ones (a first tick that loads classes takes far longer than the alarm watchdog allows).
 * The twin sees platform alarms raised and cleared, and commands decided, so those paths are warm too.
 * Touches nothing of the real partition.
 */
final class TickWarmUp {
    /** Twenty simulated seconds: past the JIT's thresholds for every per-tick method. */
    static final int TICKS = 20_000;

    private TickWarmUp() {
    }

    static void run(SettingsInForce inForce, int ticks) {
        try (SensorBus bus = SensorBus.allocate(1024);
             CommandMailbox mailbox = CommandMailbox.allocate();
             CounterBoard counters = CounterBoard.allocate();
             PlatformAlarmBoard platform = PlatformAlarmBoard.allocate()) {
            SimulatedVentilator twin = SimulatedVentilator.standard(inForce, bus.writer());
            CommandHandler handler = new CommandHandler(mailbox, CommandTarget.forPartition(twin.partition),
                    inForce.settings(), inForce.limits(), counters, CommandHandlerConfig.DEFAULT);
            SafetyTick tick = new SafetyTick(twin, handler, platform, counters, new TickProgress(), true);
            CommandRequestWriter guest = mailbox.requestWriter();
            CommandFrame sameSettings = OperatorCommandCodec.encode(new ChangeSettings(1, inForce.settings().mode(), null,
                    Map.of(SettingField.PEEP_CMH2O, inForce.settings().peepCmH2O())), new CommandFrame());
            CommandFrame acknowledge = OperatorCommandCodec.encode(new Acknowledge(2), new CommandFrame());
            long nowNs = System.nanoTime();
            for (int i = 0; i < ticks; i++) {
                if (i % 2_000 == 100) platform.set(PlatformAlarm.DISPLAY_LOST, true);
                if (i % 2_000 == 1_100) platform.set(PlatformAlarm.DISPLAY_LOST, false);
                if (i % 5_000 == 200) guest.offer(sameSettings);
                if (i % 5_000 == 300) guest.offer(acknowledge);
                tick.run(nowNs);
                tick.record(0, false);
                nowNs += SimulatedVentilator.TICK_NS;
            }
            tick.takeLog();
            tick.takeSettingsToPersist();
        }
    }
}
