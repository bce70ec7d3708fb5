package org.pneuma.channel;

import java.nio.file.Path;

/**
 * A misbehaving guest, run as a child process by {@link SensorBusReadOnlyMappingTest}: maps a bus
 * read-only, then tries to overwrite its latest sequence through the raw buffer. The write must never
 * land; the process is expected to die on the memory protection fault.
 */
public final class WriteIntoReadOnlySensorBus {
    static final String MAPPED = "mapped read-only";
    static final String WROTE = "write landed";

    private WriteIntoReadOnlySensorBus() {
    }

    public static void main(String[] args) throws Exception {
        SensorBus bus = SensorBus.mapReadOnly(Path.of(args[0]));
        System.out.println(MAPPED);
        System.out.flush();
        bus.buffer().putLong(SensorBusLayout.LATEST_SEQUENCE_OFFSET, 999_999L);
        System.out.println(WROTE);
        System.exit(0);
    }
}
