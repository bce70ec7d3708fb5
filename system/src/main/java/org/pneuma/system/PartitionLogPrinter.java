package org.pneuma.system;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Consumer;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.ReadStatus;
import org.pneuma.channel.SensorBusReader;
import org.pneuma.channel.SensorSample;
import org.pneuma.safety.alarm.AlarmId;

/**
 * Prints, off the tick, one line each time the set of signalling alarms changes, read back from the
 * sensor bus this process writes, and one line for every garbage collection once the loop runs in real
 * time (each one paused the tick), counting them on the counter board. An ordinary thread polling every
 * {@value #POLL_MS} ms. (Command decisions are printed by the {@link CommandDesk}, which makes them.)
 */
final class PartitionLogPrinter implements Runnable {
    static final long POLL_MS = 50;

    private final SensorBusReader bus;
    private final CounterBoard counters;
    private final Consumer<String> log;
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private volatile long collectionsBefore = -1;
    private final SensorSample sample = new SensorSample();
    private volatile boolean stopRequested;
    private long alarmBits;

    PartitionLogPrinter(SensorBusReader bus, CounterBoard counters, Consumer<String> log) {
        this.bus = bus;
        this.counters = counters;
        this.log = log;
    }

    /** From now on (the loop is about to run in real time) every collection is counted and said. */
    void startCountingCollections() {
        collectionsBefore = collections();
    }

    private long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : collectors) n += Math.max(0, gc.getCollectionCount());
        return n;
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
        if (collectionsBefore >= 0) {
            long since = collections() - collectionsBefore;
            if (since != counters.get(CounterId.SAFETY_GC_COLLECTIONS)) {
                counters.set(CounterId.SAFETY_GC_COLLECTIONS, since);
                log.accept("garbage collections since the loop went real-time: " + since
                        + " (each one paused the tick; see the loop's longest tick)");
            }
        }
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
