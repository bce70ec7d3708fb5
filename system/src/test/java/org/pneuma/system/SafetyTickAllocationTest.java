package org.pneuma.system;

import org.pneuma.testkit.AllocationMeter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.PlatformAlarm;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.channel.SensorBus;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.command.CommandHandler;
import org.pneuma.safety.command.CommandHandlerConfig;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;
import org.pneuma.safety.command.OperatorCommandCodec;
import org.pneuma.safety.command.SettingField;

/**
 * Performance evidence: the process's whole tick — accepted commands applied, platform alarms read and
 * given to the partition, the partition (control, monitor, valves, signals, bus), the simulated patient
 * and the counters — allocates nothing, with DISPLAY_LOST and GUEST_FAULT raised and cleared and
 * acknowledges and audio pauses applied in every measured window. Judging a command allocates, on the
 * command desk's thread, and the meter sees that.
 */
class SafetyTickAllocationTest {
    private static final long MS = 1_000_000L;
    private static final int WARM_UP_TICKS = 30_000;
    private static final int WINDOW_TICKS = 10_000;

    private final SensorBus bus = SensorBus.allocate(1024);
    private final CommandMailbox mailbox = CommandMailbox.allocate();
    private final AcceptedCommands accepted = new AcceptedCommands();
    private final CounterBoard counters = CounterBoard.allocate();
    private final PlatformAlarmBoard platform = PlatformAlarmBoard.allocate();
    private final SettingsInForce inForce = SettingsInForce.defaults();
    private final SimulatedVentilator ventilator = SimulatedVentilator.standard(inForce, bus.writer());
    private final CommandHandler handler = new CommandHandler(mailbox, accepted, inForce.settings(), inForce.limits(),
            counters, CommandHandlerConfig.DEFAULT);
    private final TickProgress progress = new TickProgress();
    private final SafetyTick tick = new SafetyTick(ventilator, accepted, platform, counters, progress, true);
    private final AllocationMeter meter = new AllocationMeter();
    private long nowNs = 3_600_000 * MS;
    private long displayLostRaises;

    @AfterEach
    void unmap() {
        bus.close();
        mailbox.close();
        counters.close();
        platform.close();
    }

    @Test
    void aWarmedUpTickAllocatesNothingWhilePlatformAlarmsComeAndGoAndCommandsAreApplied() {
        ticks(WARM_UP_TICKS);
        List<Long> windows = meter.bytesPerWindow(() -> ticks(WINDOW_TICKS));

        assertThat(windows).as("bytes allocated by windows of %d ticks", WINDOW_TICKS).last().isEqualTo(0L);
        assertThat(displayLostRaises).as("DISPLAY_LOST seen raised in every window").isGreaterThanOrEqualTo(windows.size() + 3);
        assertThat(counters.get(CounterId.LOOP_TICKS)).isEqualTo(WARM_UP_TICKS + (long) windows.size() * WINDOW_TICKS);
        assertThat(ventilator.controller.meter().lastBreath().number).as("ventilating").isPositive();
        assertThat(ventilator.alarms.signalling(AlarmId.CONTROL_FAILURE))
                .as("resumed: CONTROL_FAILURE held until the acknowledge the desk accepted was applied").isFalse();
    }

    @Test
    void anAcceptedSettingsChangeIsInForceAtTheNextTick() {
        ticks(WARM_UP_TICKS);
        CommandFrame change = OperatorCommandCodec.encode(
                new ChangeSettings(7, null, null, Map.of(SettingField.PEEP_CMH2O, 6.0)), new CommandFrame());
        mailbox.requestWriter().offer(change);

        long judging = meter.bytesAllocatedBy(() -> handler.poll(nowNs));
        assertThat(judging).as("judging a command allocates (on the desk's thread)").isPositive();
        assertThat(counters.get(CounterId.COMMANDS_ACCEPTED)).isEqualTo(1);
        assertThat(ventilator.controller.settings().peepCmH2O()).as("not before the tick").isEqualTo(inForce.settings().peepCmH2O());

        ticks(1);
        assertThat(ventilator.controller.settings().peepCmH2O()).isEqualTo(6.0);
    }

    /** {@code n} ticks of 1 ms; DISPLAY_LOST raised for 2 s and GUEST_FAULT for 1 s of every 5. */
    private long ticks(int n) {
        long published = 0;
        for (int i = 0; i < n; i++) {
            long phase = (nowNs / MS) % 5_000;
            if (phase == 1_000) platform.set(PlatformAlarm.DISPLAY_LOST, true);
            if (phase == 3_000) platform.set(PlatformAlarm.DISPLAY_LOST, false);
            if (phase == 2_000) platform.set(PlatformAlarm.GUEST_FAULT, true);
            if (phase == 2_999) platform.set(PlatformAlarm.GUEST_FAULT, false);
            if (phase == 4_000) accepted.acknowledge();
            if (phase == 4_500) accepted.pauseAudio();
            tick.run(nowNs);
            tick.record(1_000, false);
            if (phase == 1_000 && ventilator.alarms.signalling(AlarmId.DISPLAY_LOST)) displayLostRaises++;
            nowNs += MS;
            published++;
        }
        return published;
    }
}
