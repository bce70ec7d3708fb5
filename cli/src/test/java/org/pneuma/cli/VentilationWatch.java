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
 * time the bus went without a new sample.
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
    private long lastSampleNs;
    private long longestSilenceNs;
    private long lastAlarmBits;

    VentilationWatch(RunDirectory run) throws IOException {
        bus = SensorBus.mapReadOnly(run.sensorBus());
        reader = bus.newReader(100_000_000);
        thread = Thread.ofPlatform().daemon().name("ventilation-watch").start(this::watch);
    }

    private void watch() {
        SensorSample sample = new SensorSample();
        long breath = -1;
        while (!stop) {
            ReadStatus status = reader.readLatest(sample, System.nanoTime());
            long now = System.nanoTime();
            if (status == ReadStatus.OK) {
                synchronized (this) {
                    if (lastSampleNs != 0) longestSilenceNs = Math.max(longestSilenceNs, now - lastSampleNs);
                    lastSampleNs = now;
                    lastAlarmBits = sample.alarmBits();
                    for (AlarmId id : AlarmId.values()) {
                        if ((sample.alarmBits() & id.bit()) != 0) alarmsSeen.add(id.name());
                    }
                }
                if (sample.breathNumber() != breath) {
                    if (breath >= 0) {
                        breaths.add(new Breath(sample.breathNumber(), now, sample.pipCmH2O(), sample.peepCmH2O(),
                            sample.vteMl(), sample.rateBpm()));
                    }
                    breath = sample.breathNumber();
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
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
