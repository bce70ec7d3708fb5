package org.pneuma.channel;

import static org.pneuma.channel.HeartbeatLayout.*;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A board of heartbeat slots, one per service id (0 to slot count - 1, fixed by configuration): every
 * process beats its own slot with a {@link HeartbeatWriter}, and any process reads any slot with a
 * {@link HeartbeatReader}.
 *
 * <p>Ways to get the memory: {@link #allocate}; {@link #createFile} (the supervisor); {@link #mapReadWrite}
 * (a service that beats); {@link #mapReadOnly} (a watcher). A writable board is writable in every
 * slot: a misbehaving service can forge another's beats (the checksum catches garbage, not forgery),
 * so a watcher that must not be fooled gives untrusted writers a board of their own.
 *
 * <p><b>Threads.</b> Factory methods, {@link #writer}, {@link #reader} and {@link #close()} are setup
 * and teardown calls: thread-safe, may allocate, lock and do I/O.
 *
 * <p><b>Lifecycle.</b> {@link #close()} unmaps a file mapping; stop using writers and readers first.
 * Closing never deletes the file.
 */
public final class HeartbeatBoard implements AutoCloseable {
    private final AtomicBuffer buffer;
    private final MappedByteBuffer mapping;
    private final boolean readOnly;
    private final int slotCount;
    private final boolean[] writerHandedOut;
    private boolean closed;

    private HeartbeatBoard(AtomicBuffer buffer, MappedByteBuffer mapping, boolean readOnly) {
        this.slotCount = validate(buffer);
        this.buffer = buffer;
        this.mapping = mapping;
        this.readOnly = readOnly;
        this.writerHandedOut = new boolean[slotCount];
    }

    /**
     * A board in this process's memory.
     *
     * @throws IllegalArgumentException unless {@code 1 <= slotCount <= MAX_SLOT_COUNT}
     */
    public static HeartbeatBoard allocate(int slotCount) {
        requireValidSlotCount(slotCount);
        UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(totalLength(slotCount), SLOT_LENGTH));
        initialise(buffer, slotCount);
        return new HeartbeatBoard(buffer, null, false);
    }

    /**
     * Creates a new zero-filled file for {@code slotCount} services, maps it read-write and writes the header.
     *
     * @throws IOException if the file exists already or cannot be created or mapped
     */
    public static HeartbeatBoard createFile(Path path, int slotCount) throws IOException {
        requireValidSlotCount(slotCount);
        return MappedFiles.own(IoUtil.mapNewFile(path.toFile(), totalLength(slotCount), true), mapping -> {
            UnsafeBuffer buffer = new UnsafeBuffer(mapping);
            initialise(buffer, slotCount);
            return new HeartbeatBoard(buffer, mapping, false);
        });
    }

    /** Maps an existing board read-write, for a service that beats. */
    public static HeartbeatBoard mapReadWrite(Path path) throws IOException {
        return map(path, false);
    }

    /** Maps an existing board read-only, for a watcher: the operating system refuses its writes. */
    public static HeartbeatBoard mapReadOnly(Path path) throws IOException {
        return map(path, true);
    }

    private static HeartbeatBoard map(Path path, boolean readOnly) throws IOException {
        return MappedFiles.own(MappedFiles.mapExisting(path, readOnly, "heartbeat board"),
            mapping -> new HeartbeatBoard(new UnsafeBuffer(mapping), mapping, readOnly));
    }

    /**
     * The writer of service {@code serviceId}'s slot, beating as this process.
     *
     * @throws IllegalStateException     if the board is read-only or closed, or this slot's writer was handed out
     * @throws IndexOutOfBoundsException if {@code serviceId} is not a slot
     */
    public synchronized HeartbeatWriter writer(int serviceId) {
        return writer(serviceId, ProcessHandle.current().pid());
    }

    /** As {@link #writer(int)}, with the process id to record given explicitly. */
    public synchronized HeartbeatWriter writer(int serviceId, long processId) {
        requireOpen();
        if (readOnly) {
            throw new IllegalStateException("a read-only heartbeat board mapping has no writers");
        }
        if (serviceId < 0 || serviceId >= slotCount) {
            throw new IndexOutOfBoundsException("service id " + serviceId + " is not a slot of a board of " + slotCount);
        }
        if (writerHandedOut[serviceId]) {
            throw new IllegalStateException("service " + serviceId + "'s heartbeat writer was handed out already");
        }
        writerHandedOut[serviceId] = true;
        return new HeartbeatWriter(buffer, serviceId, processId);
    }

    /** A reader of every slot; share it freely. */
    public synchronized HeartbeatReader reader() {
        requireOpen();
        return new HeartbeatReader(buffer, slotCount);
    }

    public int slotCount() {
        return slotCount;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** The raw memory, for fault injection and tests. */
    public AtomicBuffer buffer() {
        return buffer;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        MappedFiles.unmap(mapping);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("heartbeat board is closed");
        }
    }

    private static void initialise(AtomicBuffer buffer, int slotCount) {
        buffer.verifyAlignment();
        buffer.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        buffer.putInt(SLOT_COUNT_OFFSET, slotCount);
        buffer.putInt(SLOT_LENGTH_OFFSET, SLOT_LENGTH);
        buffer.putIntRelease(MAGIC_OFFSET, MAGIC);
    }

    private static int validate(AtomicBuffer buffer) {
        RegionIdentity.require(buffer, "heartbeat board", HEADER_LENGTH, MAGIC, LAYOUT_VERSION);
        int slotLength = buffer.getInt(SLOT_LENGTH_OFFSET);
        if (slotLength != SLOT_LENGTH) {
            throw new IllegalStateException("heartbeat slot length is " + slotLength + ", expected " + SLOT_LENGTH);
        }
        int slotCount = buffer.getInt(SLOT_COUNT_OFFSET);
        if (slotCount < 1 || slotCount > MAX_SLOT_COUNT) {
            throw new IllegalStateException("heartbeat board slot count is " + slotCount + ", expected 1.." + MAX_SLOT_COUNT);
        }
        if (buffer.capacity() < totalLength(slotCount)) {
            throw new IllegalStateException("heartbeat board of " + buffer.capacity() + " bytes cannot hold its "
                + slotCount + " slots (needs " + totalLength(slotCount) + ")");
        }
        return slotCount;
    }

    private static void requireValidSlotCount(int slotCount) {
        if (slotCount < 1 || slotCount > MAX_SLOT_COUNT) {
            throw new IllegalArgumentException("slot count must be 1.." + MAX_SLOT_COUNT + ", was " + slotCount);
        }
    }
}
