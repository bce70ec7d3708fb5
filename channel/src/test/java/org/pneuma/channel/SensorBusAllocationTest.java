package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Performance evidence: the 1 kHz path allocates nothing once warmed up. */
class SensorBusAllocationTest {
    private static final int WARM_UP_ITERATIONS = 200_000;
    private static final int MEASURED_ITERATIONS = 100_000;
    private static final int MAX_WINDOWS = 5;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void publishingAndReadingAllocateNothingInSteadyState() {
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        SensorBus bus = SensorBus.allocate(SensorBusLayout.DEFAULT_SLOT_COUNT);
        SingleWriterSensorBus writer = bus.writer();
        SensorBusReader display = bus.newReader(50_000_000L);
        SensorBusReader recorder = bus.newReader(0);
        SensorSample published = Samples.everyFieldDistinct();
        SensorSample read = new SensorSample();

        long checksum = exercise(writer, display, recorder, published, read, WARM_UP_ITERATIONS);
        long threadId = Thread.currentThread().threadId();
        threads.getThreadAllocatedBytes(threadId);
        // The JIT, compiling on its own schedule, can charge a few bytes to this thread once; code
        // that allocates per publish or read would show in every window, so one clean window is proof.
        long allocated = Long.MAX_VALUE;
        int windows = 0;
        while (allocated != 0 && windows < MAX_WINDOWS) {
            long before = threads.getThreadAllocatedBytes(threadId);
            checksum += exercise(writer, display, recorder, published, read, MEASURED_ITERATIONS);
            allocated = threads.getThreadAllocatedBytes(threadId) - before;
            windows++;
        }

        assertThat(allocated).as("bytes allocated by %d publish + 3 reads (best of %d windows)", MEASURED_ITERATIONS, windows).isZero();
        assertThat(checksum).as("every read succeeded").isEqualTo(3L * (WARM_UP_ITERATIONS + (long) windows * MEASURED_ITERATIONS));
    }

    @Test
    void theAllocationMeterSeesAnAllocationOfASample() {
        threads.setThreadAllocatedMemoryEnabled(true);
        long threadId = Thread.currentThread().threadId();
        threads.getThreadAllocatedBytes(threadId);
        long before = threads.getThreadAllocatedBytes(threadId);

        SensorSample[] samples = new SensorSample[16];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new SensorSample();
        }

        assertThat(threads.getThreadAllocatedBytes(threadId) - before).isPositive();
        assertThat(samples[15]).isNotNull();
    }

    private static long exercise(SingleWriterSensorBus writer, SensorBusReader display, SensorBusReader recorder,
                                 SensorSample published, SensorSample read, int iterations) {
        long ok = 0;
        for (int i = 0; i < iterations; i++) {
            published.timeNs(i);
            writer.publish(published);
            ok += display.readLatest(read, i) == ReadStatus.OK ? 1 : 0;
            ok += display.readLatest(read) == ReadStatus.OK ? 1 : 0;
            ok += recorder.readNext(read) == ReadStatus.OK ? 1 : 0;
        }
        return ok;
    }
}
