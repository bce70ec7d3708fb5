package org.pneuma.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pneuma.channel.ReadStatus;
import org.pneuma.channel.RunDirectory;
import org.pneuma.channel.SensorBus;
import org.pneuma.channel.SensorBusReader;
import org.pneuma.channel.SensorSample;
import org.pneuma.safety.alarm.AlarmId;

/**
 * Watches a running system's sensor bus from outside, as an independent witness: every breath's
 * numbers as the safety partition published them, every alarm it ever signalled, and the longest
 * gap between two consecutive samples by their own time stamps.
 */
final class VentilationWatch implements AutoCloseable {
    /** One completed breath, as published with the first sample of the next. */
    record Breath(long number, long timeNs, double pipCmH2O, double peepCmH2O, double vteMl, double rateBpm) {
    }

    private final SensorBus bus;
    private final SensorBusReader reader;
    private final Thread thread;
    private final List<Breath> breaths = new CopyOnWriteArrayList<>();
    private final Set<String> alarmsSeen = new TreeSet<>();
    private volatile boolean stop;
    private long longestSilenceNs;
    private long lastAlarmBits;

    VentilationWatch(RunDirectory run) throws IOException {
        bus = SensorBus.mapReadOnly(run.sensorBus());
        reader = bus.newReader(100_000_000);
        thread = Thread.ofPlatform().daemon().name("ventilation-watch").start(this::watch);
    }

    /**
     * Reads every sample in order (the bus holds a second of them, so a reader that falls behind for less
     * catches up without loss) and measures gaps by the samples' own time: this reader's scheduling is not the
     * safety partition's timing. A stretch this reader lost (an overrun) is not measured.
     */
    private void watch() {
        SensorSample sample = new SensorSample();
        long breath = -1;
        long lastTimeNs = 0;
        long lastSequence = -1;
        while (!stop) {
            ReadStatus status = reader.readNext(sample);
            if (status == ReadStatus.NO_DATA || status == ReadStatus.TORN) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            if (status != ReadStatus.OK) {
                lastSequence = -1;
                continue;
            }
            synchronized (this) {
                if (lastSequence >= 0 && sample.sequence() == lastSequence + 1) {
                    longestSilenceNs = Math.max(longestSilenceNs, sample.timeNs() - lastTimeNs);
                }
                lastSequence = sample.sequence();
                lastTimeNs = sample.timeNs();
                lastAlarmBits = sample.alarmBits();
                for (AlarmId id : AlarmId.values()) {
                    if ((sample.alarmBits() & id.bit()) != 0) alarmsSeen.add(id.name());
                }
            }
            if (sample.breathNumber() != breath) {
                if (breath >= 0) {
                    breaths.add(new Breath(sample.breathNumber(), System.nanoTime(), sample.pipCmH2O(),
                        sample.peepCmH2O(), sample.vteMl(), sample.rateBpm()));
                }
                breath = sample.breathNumber();
            }
        }
    }

    /** Forgets the longest gap so far: a restarted safety partition leaves a gap on purpose. */
    synchronized void forgetGaps() {
        longestSilenceNs = 0;
    }

    List<Breath> breaths() {
        return List.copyOf(breaths);
    }

    List<Breath> breathsSince(long sinceNs) {
        List<Breath> out = new ArrayList<>();
        for (Breath b : breaths) if (b.timeNs() >= sinceNs) out.add(b);
        return out;
    }

    synchronized Set<String> alarmsSeen() {
        return new TreeSet<>(alarmsSeen);
    }

    synchronized void forgetAlarms() {
        alarmsSeen.clear();
    }

    synchronized Set<String> alarmsNow() {
        Set<String> now = new TreeSet<>();
        for (AlarmId id : AlarmId.values()) if ((lastAlarmBits & id.bit()) != 0) now.add(id.name());
        return now;
    }

    synchronized long longestSilenceNs() {
        return longestSilenceNs;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(1000);
        bus.close();
    }
}
