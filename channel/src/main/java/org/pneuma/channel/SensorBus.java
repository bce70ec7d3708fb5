package org.pneuma.channel;

import static org.pneuma.channel.SensorBusLayout.*;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Makes a sensor bus's memory and hands out its one writer and its readers.
 *
 * <p>Four ways to get the memory: {@link #allocate} (in-process, for simulation and tests),
 * {@link #createFile} (the owner of a shared-memory file, e.g. on a tmpfs; maps it read-write),
 * {@link #mapForWriter} (the writer maps a file someone else created, the supervisor say, or that a
 * writer before it wrote: read-write, header kept) and {@link #mapReadOnly} (a reader in another
 * process; maps the file read-only, so the operating system refuses any write to it).
 *
 * <p><b>Threads.</b> The factory methods, {@link #writer()}, {@link #newReader} and {@link #close()}
 * are setup and teardown calls: thread-safe, but they may allocate, lock and do I/O. The hot-path
 * guarantees are those of {@link SingleWriterSensorBus} and {@link SensorBusReader}.
 *
 * <p><b>Lifecycle.</b> {@link #close()} unmaps a file mapping. Stop every writer and reader of this
 * instance first: touching unmapped memory crashes the JVM. Closing never deletes the file; that is
 * its owner's job. The JVM needs {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} for
 * Agrona's buffers.
 */
public final class SensorBus implements AutoCloseable {
    private final AtomicBuffer buffer;
    private final MappedByteBuffer mapping;
    private final boolean readOnly;
    private final int slotCount;
    private boolean writerHandedOut;
    private boolean closed;

    private SensorBus(AtomicBuffer buffer, MappedByteBuffer mapping, boolean readOnly) {
        this.buffer = buffer;
        this.mapping = mapping;
        this.readOnly = readOnly;
        this.slotCount = SensorBusHeader.validate(buffer);
    }

    /** A bus in cache-line aligned direct memory of this process, at the default 1 kHz sample period. */
    public static SensorBus allocate(int slotCount) {
        return allocate(slotCount, DEFAULT_SAMPLE_PERIOD_NS);
    }

    /**
     * A bus in cache-line aligned direct memory of this process.
     *
     * @throws IllegalArgumentException if {@code slotCount} is not a power of two from
     *                                  {@link SensorBusLayout#MIN_SLOT_COUNT} to
     *                                  {@link SensorBusLayout#MAX_SLOT_COUNT}, or the period is not positive
     */
    public static SensorBus allocate(int slotCount, long samplePeriodNs) {
        SensorBusHeader.requireValidSlotCount(slotCount);
        UnsafeBuffer buffer = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(totalLength(slotCount), CACHE_LINE_LENGTH));
        SensorBusHeader.initialise(buffer, slotCount, samplePeriodNs);
        return new SensorBus(buffer, null, false);
    }

    /** As {@link #createFile(Path, int, long)} at the default 1 kHz sample period. */
    public static SensorBus createFile(Path path, int slotCount) throws IOException {
        return createFile(path, slotCount, DEFAULT_SAMPLE_PERIOD_NS);
    }

    /**
     * Creates a new file at {@code path}, sized and zero-filled for {@code slotCount} slots (so every
     * page is touched now, not on the hot path), maps it read-write and writes the header.
     *
     * @throws IOException              if the file exists already or cannot be created or mapped
     * @throws IllegalArgumentException as {@link #allocate(int, long)}
     */
    public static SensorBus createFile(Path path, int slotCount, long samplePeriodNs) throws IOException {
        SensorBusHeader.requireValidSlotCount(slotCount);
        if (samplePeriodNs <= 0) {
            throw new IllegalArgumentException("sample period must be positive, was " + samplePeriodNs + " ns");
        }
        return MappedFiles.own(IoUtil.mapNewFile(path.toFile(), totalLength(slotCount), true), mapping -> {
            UnsafeBuffer buffer = new UnsafeBuffer(mapping);
            SensorBusHeader.initialise(buffer, slotCount, samplePeriodNs);
            return new SensorBus(buffer, mapping, false);
        });
    }

    /**
     * Maps an existing bus file read-write for its writer and checks its header; nothing in the file
     * is changed. The {@link #writer()} continues the bus's sequence from the latest sample the file
     * holds, so a restarted writer never makes readers see the sequence go back. A sample the previous
     * writer left half-written (odd sequence word) is the next one written, so readers never accept it.
     *
     * @throws IOException           if the file cannot be opened or mapped read-write
     * @throws IllegalStateException naming what is wrong if the file is not a valid sensor bus
     */
    public static SensorBus mapForWriter(Path path) throws IOException {
        return MappedFiles.own(MappedFiles.mapExisting(path, false, "sensor bus"),
            mapping -> new SensorBus(new UnsafeBuffer(mapping), mapping, false));
    }

    /**
     * Maps an existing bus file read-only and checks its header. The mapping stays valid after the
     * file is deleted, until {@link #close()}.
     *
     * @throws IOException           if the file cannot be opened or mapped
     * @throws IllegalStateException naming what is wrong if the file is not a valid sensor bus
     */
    public static SensorBus mapReadOnly(Path path) throws IOException {
        return MappedFiles.own(MappedFiles.mapExisting(path, true, "sensor bus"),
            mapping -> new SensorBus(new UnsafeBuffer(mapping), mapping, true));
    }

    /**
     * The bus's one writer. Can be had once per instance; other processes cannot be policed.
     *
     * @throws IllegalStateException if the bus is read-only, closed, or its writer was handed out already
     */
    public synchronized SingleWriterSensorBus writer() {
        requireOpen();
        if (readOnly) {
            throw new IllegalStateException("a read-only sensor bus mapping has no writer");
        }
        if (writerHandedOut) {
            throw new IllegalStateException("this sensor bus's writer was handed out already; it has only one");
        }
        writerHandedOut = true;
        return new SingleWriterSensorBus(buffer);
    }

    /**
     * A new reader with its own cursor; see {@link SensorBusReader#SensorBusReader(AtomicBuffer, long)}.
     *
     * @throws IllegalStateException if the bus is closed
     */
    public synchronized SensorBusReader newReader(long staleAfterNs) {
        requireOpen();
        return new SensorBusReader(buffer, staleAfterNs);
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public int slotCount() {
        return slotCount;
    }

    /** Unmaps a file mapping (no-op for allocated memory); idempotent. Never deletes the file. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        MappedFiles.unmap(mapping);
    }

    /** The raw memory, for tests and diagnostics in this package. */
    AtomicBuffer buffer() {
        return buffer;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("sensor bus is closed");
        }
    }
}
