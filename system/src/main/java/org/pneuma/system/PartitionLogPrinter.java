package org.pneuma.system;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.pneuma.channel.ReadStatus;
import org.pneuma.channel.SensorBusReader;
import org.pneuma.channel.SensorSample;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.command.CommandDecision;

/**
 * Prints, off the tick, what the operator and the supervisor's log want to know: one line per command
 * decision (accepted or rejected, and why), from the batches of the command log the tick hands over,
 * and one line each time the set of signalling alarms changes, read back from the sensor bus. An
 * ordinary thread polling every {@value #POLL_MS} ms; decisions overwritten in the log before it got
 * to them are counted in one line, never silently dropped.
 */
final class PartitionLogPrinter implements Runnable {
    static final long POLL_MS = 50;
    /** Rejections printed one by one per poll; the rest are counted by reason in one line. */
    static final int REJECTIONS_SHOWN_PER_BATCH = 3;

    private final SafetyTick tick;
    private final SensorBusReader bus;
    private final Consumer<String> log;
    private final SensorSample sample = new SensorSample();
    private volatile boolean stopRequested;
    private long printed;
    private long alarmBits;

    /** @param bus a reader of the bus this process writes, for the alarm word; null for no alarm lines */
    PartitionLogPrinter(SafetyTick tick, SensorBusReader bus, Consumer<String> log) {
        this.tick = tick;
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
        SafetyTick.LogBatch batch = tick.takeLog();
        if (batch != null) print(batch);
        if (bus != null && bus.readLatest(sample) == ReadStatus.OK && sample.alarmBits() != alarmBits) {
            alarmBits = sample.alarmBits();
            log.accept("alarms signalling: " + names(alarmBits));
        }
    }

    private void print(SafetyTick.LogBatch batch) {
        List<CommandDecision> decisions = batch.decisions();
        long first = batch.recorded() - decisions.size();
        if (first > printed) {
            log.accept("command log: " + (first - printed) + " decisions overwritten before they could be printed");
            printed = first;
        }
        int rejectedShown = 0;
        Map<String, Integer> rejectedUnshown = new TreeMap<>();
        for (int i = (int) (printed - first); i < decisions.size(); i++) {
            CommandDecision d = decisions.get(i);
            if (!d.accepted() && rejectedShown >= REJECTIONS_SHOWN_PER_BATCH) {
                rejectedUnshown.merge(String.valueOf(d.reason()), 1, Integer::sum);
                continue;
            }
            if (!d.accepted()) rejectedShown++;
            log.accept(String.format(Locale.ROOT, "command %s: request %d (kind %d, correlation %d): %s",
                    d.accepted() ? "accepted" : "rejected " + d.reason(), d.requestSequence(), d.kind(), d.correlationId(), d.text()));
        }
        if (!rejectedUnshown.isEmpty()) {
            // A flood is summed up, not printed line by line: the log must not become the flood's amplifier.
            log.accept("commands rejected besides, in the last " + POLL_MS + " ms: " + rejectedUnshown);
        }
        printed = batch.recorded();
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
