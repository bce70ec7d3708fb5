package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One writer publishing as fast as it can into a small ring, two readers racing it. Every field of
 * sample {@code n} is derived from {@code n}, so a sample stitched from two writes cannot pass.
 *
 * <p>Allowed outcomes of a latest read: OK with a consistent sample whose sequence never goes
 * backwards, TORN, or NO_DATA before the first publish. Of a cursor read: OK with the consistent
 * sample the cursor wanted, TORN, OVERRUN (samples counted as lost), or NO_DATA. Never
 * CHECKSUM_MISMATCH (nothing is garbled, so a mismatch would mean the seqlock let a torn read through)
 * and never STALE (no clock is given).
 */
class SensorBusConcurrencyTest {
    private static final long SAMPLES = 1_500_000;
    private static final int SLOTS = 16; // small, so the writer laps the readers and tears their reads

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentReadersNeverAcceptATornSampleAndTheCursorAccountsForEverySample() throws Exception {
        SensorBus bus = SensorBus.allocate(SLOTS);
        SingleWriterSensorBus writer = bus.writer();
        SensorBusReader display = bus.newReader(0);
        SensorBusReader recorder = bus.newReader(0);
        AtomicReference<String> firstViolation = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        Map<ReadStatus, Long> latestOutcomes = new EnumMap<>(ReadStatus.class);
        Map<ReadStatus, Long> cursorOutcomes = new EnumMap<>(ReadStatus.class);
        long[] cursorDelivered = new long[1];

        Thread writerThread = new Thread(() -> {
            await(start);
            SensorSample sample = new SensorSample();
            for (long n = 1; n <= SAMPLES; n++) {
                writer.publish(Samples.derivedFrom(n, sample));
            }
        }, "writer");

        Thread displayThread = new Thread(() -> {
            await(start);
            SensorSample read = new SensorSample();
            SensorSample scratch = new SensorSample();
            long lastSeen = 0;
            while (lastSeen < SAMPLES && firstViolation.get() == null) {
                ReadStatus status = display.readLatest(read);
                latestOutcomes.merge(status, 1L, Long::sum);
                switch (status) {
                    case OK -> {
                        if (!Samples.isDerivedFromItsSequence(read, scratch)) {
                            firstViolation.compareAndSet(null, "latest read accepted a torn sample " + read.sequence());
                        } else if (read.sequence() < lastSeen) {
                            firstViolation.compareAndSet(null, "latest went back from " + lastSeen + " to " + read.sequence());
                        }
                        lastSeen = read.sequence();
                    }
                    case NO_DATA -> Thread.yield();
                    case TORN -> { }
                    default -> firstViolation.compareAndSet(null, "latest read returned " + status);
                }
            }
        }, "display");

        Thread recorderThread = new Thread(() -> {
            await(start);
            SensorSample read = new SensorSample();
            SensorSample scratch = new SensorSample();
            while (recorder.nextSequence() <= SAMPLES && firstViolation.get() == null) {
                long wanted = recorder.nextSequence();
                ReadStatus status = recorder.readNext(read);
                cursorOutcomes.merge(status, 1L, Long::sum);
                switch (status) {
                    case OK -> {
                        cursorDelivered[0]++;
                        if (read.sequence() != wanted) {
                            firstViolation.compareAndSet(null, "cursor wanted " + wanted + ", got " + read.sequence());
                        } else if (!Samples.isDerivedFromItsSequence(read, scratch)) {
                            firstViolation.compareAndSet(null, "cursor read accepted a torn sample " + wanted);
                        }
                    }
                    case NO_DATA -> Thread.yield(); // two cores, three threads: let the writer run
                    case TORN, OVERRUN -> { }
                    default -> firstViolation.compareAndSet(null, "cursor read returned " + status);
                }
            }
        }, "recorder");

        writerThread.start();
        displayThread.start();
        recorderThread.start();
        start.countDown();
        writerThread.join();
        displayThread.join();
        recorderThread.join();

        assertThat(firstViolation.get()).as("first violation; outcomes latest=%s cursor=%s",
            latestOutcomes, cursorOutcomes).isNull();
        assertThat(latestOutcomes.getOrDefault(ReadStatus.OK, 0L)).isPositive();
        assertThat(cursorDelivered[0]).isPositive();
        assertThat(cursorDelivered[0] + recorder.lostSampleCount()).isEqualTo(SAMPLES);
        assertThat(recorder.nextSequence()).isEqualTo(SAMPLES + 1);
        assertThat(display.corruptSampleCount() + recorder.corruptSampleCount()).isZero();
        System.out.printf("concurrency: latest %s; cursor %s, delivered %d, lost %d%n",
            latestOutcomes, cursorOutcomes, cursorDelivered[0], recorder.lostSampleCount());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
