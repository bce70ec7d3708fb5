package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneuma.testkit.AllocationMeter;

/** Performance evidence: the 1 kHz path allocates nothing once warmed up. */
class SensorBusAllocationTest {
    private static final int WARM_UP_ITERATIONS = 200_000;
    private static final int MEASURED_ITERATIONS = 100_000;
    private final AllocationMeter meter = new AllocationMeter();

    @Test
    void publishingAndReadingAllocateNothingInSteadyState() {
        SensorBus bus = SensorBus.allocate(SensorBusLayout.DEFAULT_SLOT_COUNT);
        SingleWriterSensorBus writer = bus.writer();
        SensorBusReader display = bus.newReader(50_000_000L);
        SensorBusReader recorder = bus.newReader(0);
        SensorSample published = Samples.everyFieldDistinct();
        SensorSample read = new SensorSample();

        long checksum = exercise(writer, display, recorder, published, read, WARM_UP_ITERATIONS);
        // The JIT, compiling on its own schedule, can charge a few bytes to this thread once; code
        // that allocates per publish or read would show in every window, so one clean window is proof.
        List<Long> windows = meter.bytesPerWindow(() -> exercise(writer, display, recorder, published, read, MEASURED_ITERATIONS));
        checksum += meter.sink;

        assertThat(windows.getLast()).as("bytes allocated by %d publish + 3 reads (best of %s)", MEASURED_ITERATIONS, windows).isZero();
        assertThat(checksum).as("every read succeeded").isEqualTo(3L * (WARM_UP_ITERATIONS + (long) windows.size() * MEASURED_ITERATIONS));
    }

    @Test
    void theAllocationMeterSeesAnAllocationOfASample() {
        SensorSample[] samples = new SensorSample[16];
        long allocated = meter.bytesAllocatedBy(() -> {
            for (int i = 0; i < samples.length; i++) {
                samples[i] = new SensorSample();
            }
            return samples.length;
        });

        assertThat(allocated).isPositive();
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
