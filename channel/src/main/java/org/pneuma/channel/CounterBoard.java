package org.pneuma.channel;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The safety partition's counters (loop timing, deadline misses, command outcomes), one fixed slot per
 * {@link CounterId}, in memory any process can map read-only. Built on Agrona's
 * {@link CountersManager} (values and metadata buffers) behind a small header of ours.
 *
 * <pre>
 * header (128 bytes, written once before MAGIC): 0 magic int "PNCT", 4 layout version int, 8 counter count int
 * values at VALUES_OFFSET:        counter count * 128 bytes (Agrona's counter records: one value per 2 cache lines)
 * metadata at metadataOffset(n):  counter count * 512 bytes (Agrona's metadata: state, type id, label)
 * </pre>
 *
 * <p><b>Threads.</b> Each counter has one writer thread, in the process that owns the board (it made
 * it with {@link #allocate} or {@link #createFile}, or took it over with {@link #mapReadWrite}); any thread in any process may {@link #get} any
 * counter. Writes are release stores, reads are volatile loads: a reader sees each counter's latest
 * value soon, but counters are independent (no snapshot of several at one instant).
 *
 * <p><b>Cost.</b> {@link #increment}, {@link #add}, {@link #set}, {@link #proposeMax} and {@link #get}
 * never block or allocate; the writes are not atomic read-modify-writes (one writer per counter).
 * {@link #snapshot()} and the factory methods allocate.
 */
public final class CounterBoard implements AutoCloseable {
    /** "PNCT" in ASCII. */
    public static final int MAGIC = 0x504E_4354;
    public static final int LAYOUT_VERSION = 3;
    public static final int TYPE_ID_BASE = 0x504E_0000;
    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 4;
    public static final int COUNTER_COUNT_OFFSET = 8;
    public static final int VALUES_OFFSET = 128;

    private static final CounterId[] IDS = CounterId.values();

    private final AtomicBuffer buffer;
    private final MappedByteBuffer mapping;
    private final CountersReader reader;
    private final AtomicCounter[] counters;
    private boolean closed;

    private enum Access { CREATE, READ_WRITE, READ_ONLY }

    private CounterBoard(AtomicBuffer buffer, MappedByteBuffer mapping, Access access) {
        this.buffer = buffer;
        this.mapping = mapping;
        if (access == Access.CREATE) {
            CountersManager manager = new CountersManager(metadata(buffer), values(buffer), StandardCharsets.US_ASCII);
            counters = new AtomicCounter[IDS.length];
            for (CounterId id : IDS) {
                int counterId = manager.allocate(id.label(), id.typeId());
                if (counterId != id.ordinal()) {
                    throw new IllegalStateException("counter " + id + " was given id " + counterId);
                }
                counters[counterId] = new AtomicCounter(manager.valuesBuffer(), counterId);
            }
            buffer.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
            buffer.putInt(COUNTER_COUNT_OFFSET, IDS.length);
            buffer.putIntRelease(MAGIC_OFFSET, MAGIC);
            reader = manager;
        } else {
            validateHeader(buffer);
            reader = new CountersReader(metadata(buffer), values(buffer), StandardCharsets.US_ASCII);
            for (CounterId id : IDS) {
                int i = id.ordinal();
                if (reader.getCounterState(i) != CountersReader.RECORD_ALLOCATED || reader.getCounterTypeId(i) != id.typeId()
                    || !id.label().equals(reader.getCounterLabel(i))) {
                    throw new IllegalStateException("counter board slot " + i + " is not " + id + " (\""
                        + id.label() + "\"): found \"" + reader.getCounterLabel(i) + "\"");
                }
            }
            if (access == Access.READ_WRITE) {
                counters = new AtomicCounter[IDS.length];
                for (CounterId id : IDS) {
                    counters[id.ordinal()] = new AtomicCounter(reader.valuesBuffer(), id.ordinal());
                }
            } else {
                counters = null;
            }
        }
    }

    /** Bytes a board needs. */
    public static int totalLength() {
        return metadataOffset() + IDS.length * CountersReader.METADATA_LENGTH;
    }

    /** A board in this process's memory; this process writes it. */
    public static CounterBoard allocate() {
        return new CounterBoard(new UnsafeBuffer(BufferUtil.allocateDirectAligned(totalLength(), 64)), null, Access.CREATE);
    }

    /**
     * Creates a new zero-filled file, maps it read-write and lays out every counter at 0; this
     * process writes it.
     *
     * @throws IOException if the file exists already or cannot be created or mapped
     */
    public static CounterBoard createFile(Path path) throws IOException {
        return MappedFiles.own(IoUtil.mapNewFile(path.toFile(), totalLength(), true),
            mapping -> new CounterBoard(new UnsafeBuffer(mapping), mapping, Access.CREATE));
    }

    /**
     * Maps an existing board read-only and checks that every counter is where this code expects it.
     *
     * @throws IllegalStateException naming what is wrong if the file is not such a board
     */
    public static CounterBoard mapReadOnly(Path path) throws IOException {
        return mapExisting(path, Access.READ_ONLY);
    }

    /**
     * Maps an existing board read-write for its writer (a board the supervisor created, or that a
     * writer before this one wrote), checks it as {@link #mapReadOnly} does and keeps every value: a
     * restarted writer continues the counts, so a watcher never sees them go back.
     *
     * @throws IllegalStateException naming what is wrong if the file is not such a board
     */
    public static CounterBoard mapReadWrite(Path path) throws IOException {
        return mapExisting(path, Access.READ_WRITE);
    }

    private static CounterBoard mapExisting(Path path, Access access) throws IOException {
        return MappedFiles.own(MappedFiles.mapExisting(path, access == Access.READ_ONLY, "counter board"), mapping -> {
            if (mapping.capacity() < totalLength()) {
                throw new IllegalStateException(path + " is " + mapping.capacity() + " bytes; a counter board is " + totalLength());
            }
            return new CounterBoard(new UnsafeBuffer(mapping), mapping, access);
        });
    }

    /** Adds one. Owner only: {@link IllegalStateException} on a read-only mapping. */
    public void increment(CounterId id) {
        writable()[id.ordinal()].incrementRelease();
    }

    /** Adds {@code delta}. Owner only. */
    public void add(CounterId id, long delta) {
        writable()[id.ordinal()].getAndAddRelease(delta);
    }

    /** Sets the value. Owner only. */
    public void set(CounterId id, long value) {
        writable()[id.ordinal()].setRelease(value);
    }

    /** Raises the value to {@code value} if that is larger. Owner only. */
    public void proposeMax(CounterId id, long value) {
        writable()[id.ordinal()].proposeMaxRelease(value);
    }

    /** The counter's latest value. Any thread, any process. */
    public long get(CounterId id) {
        return reader.getCounterValue(id.ordinal());
    }

    /** Every counter's value, read one after the other. Allocates. */
    public Map<CounterId, Long> snapshot() {
        EnumMap<CounterId, Long> values = new EnumMap<>(CounterId.class);
        for (CounterId id : IDS) {
            values.put(id, get(id));
        }
        return Collections.unmodifiableMap(values);
    }

    /** The Agrona reader over the board, for generic tools that list counters by label. */
    public CountersReader countersReader() {
        return reader;
    }

    public boolean isReadOnly() {
        return counters == null;
    }

    /** Unmaps a file mapping; idempotent; never deletes the file. Stop every reader and writer first. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        MappedFiles.unmap(mapping);
    }

    private AtomicCounter[] writable() {
        if (counters == null) {
            throw new IllegalStateException("a read-only counter board mapping cannot be written");
        }
        return counters;
    }

    private static int metadataOffset() {
        return VALUES_OFFSET + IDS.length * CountersReader.COUNTER_LENGTH;
    }

    private static AtomicBuffer values(AtomicBuffer buffer) {
        return new UnsafeBuffer(buffer, VALUES_OFFSET, IDS.length * CountersReader.COUNTER_LENGTH);
    }

    private static AtomicBuffer metadata(AtomicBuffer buffer) {
        return new UnsafeBuffer(buffer, metadataOffset(), IDS.length * CountersReader.METADATA_LENGTH);
    }

    private static void validateHeader(AtomicBuffer buffer) {
        RegionIdentity.require(buffer, "counter board", VALUES_OFFSET, MAGIC, LAYOUT_VERSION);
        int count = buffer.getInt(COUNTER_COUNT_OFFSET);
        if (count != IDS.length) {
            throw new IllegalStateException("counter board holds " + count + " counters, this code knows " + IDS.length);
        }
    }
}
