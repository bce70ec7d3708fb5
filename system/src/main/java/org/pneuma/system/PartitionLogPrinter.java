package org.pneuma.system;

import java.util.function.Consumer;
import org.pneuma.channel.ReadStatus;
import org.pneuma.channel.SensorBusReader;
import org.pneuma.channel.SensorSample;
import org.pneuma.safety.alarm.AlarmId;

/**
 * Prints, off the tick, one line each time the set of signalling alarms changes, read back from the
 * sensor bus this process writes. An ordinary thread polling every {@value #POLL_MS} ms. (Command
 * decisions are printed by the {@link CommandDesk}, which makes them.)
 */
final class PartitionLogPrinter implements Runnable {
    static final long POLL_MS = 50;

    private final SensorBusReader bus;
    private final Consumer<String> log;
    private final SensorSample sample = new SensorSample();
    private volatile boolean stopRequested;
    private long alarmBits;

    PartitionLogPrinter(SensorBusReader bus, Consumer<String> log) {
        this.bus = bus;
        this.log = log;
    }

    @Override
    public void run() {
        while (!stopRequested) {
            printPending();
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                break;
            }
        }
        printPending();
    }

    void requestStop() {
        stopRequested = true;
    }

    void printPending() {
        if (bus.readLatest(sample) == ReadStatus.OK && sample.alarmBits() != alarmBits) {
            alarmBits = sample.alarmBits();
            log.accept("alarms signalling: " + names(alarmBits));
        }
    }

    static String names(long bits) {
        if (bits == 0) return "none";
        StringBuilder s = new StringBuilder();
        for (AlarmId id : AlarmId.values()) {
            if ((bits & id.bit()) != 0) {
                if (!s.isEmpty()) s.append(", ");
                s.append(id).append(" (").append(id.priority()).append(')');
            }
        }
        return s.toString();
    }
}
