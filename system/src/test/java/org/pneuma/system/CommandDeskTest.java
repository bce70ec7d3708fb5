package org.pneuma.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandRequestWriter;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.channel.SensorBus;
import org.pneuma.safety.command.CommandHandler;
import org.pneuma.safety.command.CommandHandlerConfig;
import org.pneuma.safety.command.OperatorCommand.Acknowledge;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;
import org.pneuma.safety.command.OperatorCommandCodec;
import org.pneuma.safety.command.SettingField;

/** The command desk judges, persists and prints off the tick; the tick only applies what it accepted. */
class CommandDeskTest {
    @TempDir
    Path dir;

    private final SensorBus bus = SensorBus.allocate(1024);
    private final CommandMailbox mailbox = CommandMailbox.allocate();
    private final CounterBoard counters = CounterBoard.allocate();
    private final PlatformAlarmBoard platform = PlatformAlarmBoard.allocate();
    private final SettingsInForce inForce = SettingsInForce.defaults();
    private final SimulatedVentilator ventilator = SimulatedVentilator.standard(inForce, bus.writer());
    private final AcceptedCommands accepted = new AcceptedCommands();
    private final CommandHandler handler = new CommandHandler(mailbox, accepted, inForce.settings(), inForce.limits(),
            counters, CommandHandlerConfig.DEFAULT);
    private final SafetyTick tick = new SafetyTick(ventilator, accepted, platform, counters, new TickProgress(), false);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private long nowNs = 3_600_000_000_000L;

    @AfterEach
    void unmap() {
        bus.close();
        mailbox.close();
        counters.close();
        platform.close();
    }

    @Test
    void anAcceptedChangeIsPersistedPrintedAndInForceAtTheNextTick() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("safety-settings"));
        CommandDesk desk = new CommandDesk(handler, store, log::add);
        mailbox.requestWriter().offer(OperatorCommandCodec.encode(
                new ChangeSettings(7, null, null, Map.of(SettingField.RATE_BPM, 20.0)), new CommandFrame()));

        desk.poll(nowNs);

        assertThat(store.load()).hasValueSatisfying(s -> assertThat(s.settings().rateBpm()).isEqualTo(20.0));
        assertThat(log).anyMatch(l -> l.startsWith("command accepted: request 1 (kind 1, correlation 7)"));
        assertThat(log).anyMatch(l -> l.startsWith("settings persisted to "));
        assertThat(ventilator.controller.settings().rateBpm()).as("not before the tick").isEqualTo(inForce.settings().rateBpm());
        tick.run(nowNs);
        assertThat(ventilator.controller.settings().rateBpm()).isEqualTo(20.0);
    }

    @Test
    void aFloodIsJudgedOnTheDeskAndSummedUpNotPrintedFrameByFrame() {
        SettingsStore store = new SettingsStore(dir.resolve("safety-settings"));
        CommandDesk desk = new CommandDesk(handler, store, log::add);
        CommandRequestWriter guest = mailbox.requestWriter();
        CommandFrame ack = OperatorCommandCodec.encode(new Acknowledge(1), new CommandFrame());
        int offered = 0;
        for (int round = 0; round < 50; round++) {
            while (guest.offer(ack) > 0) offered++;
            desk.poll(nowNs);
            nowNs += 1_000_000;
        }
        for (int drain = 0; drain < 200; drain++) { // the ring empties within the same rate window
            desk.poll(nowNs);
            nowNs += 1_000_000;
        }
        desk.poll(nowNs + 2_000_000_000L);

        assertThat(counters.get(CounterId.COMMANDS_ACCEPTED)).isEqualTo(CommandHandlerConfig.DEFAULT.maxCommandsPerWindow());
        assertThat(counters.get(CounterId.COMMANDS_RATE_LIMITED)).isEqualTo(offered - counters.get(CounterId.COMMANDS_ACCEPTED));
        assertThat(log.size()).as("log lines for %d frames", offered).isLessThan(offered / 4);
        assertThat(log).anyMatch(l -> l.startsWith("commands rejected besides, in the last second: {RATE_LIMITED="));
        assertThat(store.file()).as("acknowledges change no setting: nothing persisted").doesNotExist();
    }
}
