package org.pneuma.channel;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The one word the supervisor writes for the safety partition: which {@link PlatformAlarm}s are
 * raised. The supervisor creates it and is its only writer; the safety partition maps it read-only
 * and reads it each tick ({@link #active} is one volatile load, allocation-free); the guest never
 * maps it writable.
 *
 * <pre>
 * 0  int  magic 'PNPA'
 * 4  int  layout version
 * 8  long raised flags, bit i = PlatformAlarm ordinal i
 * </pre>
 */
public final class PlatformAlarmBoard implements AutoCloseable {
    public static final int MAGIC = 0x504E_5041;
    public static final int LAYOUT_VERSION = 1;
    static final int MAGIC_OFFSET = RegionIdentity.MAGIC_OFFSET;
    static final int VERSION_OFFSET = RegionIdentity.LAYOUT_VERSION_OFFSET;
    static final int FLAGS_OFFSET = 8;
    static final int LENGTH = 64;

    private final AtomicBuffer buffer;
    private final MappedByteBuffer mapping;
    private final boolean readOnly;

    private PlatformAlarmBoard(AtomicBuffer buffer, MappedByteBuffer mapping, boolean readOnly) {
        RegionIdentity.require(buffer, "platform alarm board", LENGTH, MAGIC, LAYOUT_VERSION);
        this.buffer = buffer;
        this.mapping = mapping;
        this.readOnly = readOnly;
    }

    /** A board in this process's memory (tests, simulation). */
    public static PlatformAlarmBoard allocate() {
        UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(LENGTH, 64));
        initialise(buffer);
        return new PlatformAlarmBoard(buffer, null, false);
    }

    /**
     * Creates the file, nothing raised, mapped read-write (the supervisor).
     *
     * @throws IOException if the file exists already or cannot be created or mapped
     */
    public static PlatformAlarmBoard createFile(Path path) throws IOException {
        return MappedFiles.own(IoUtil.mapNewFile(path.toFile(), LENGTH, true), mapping -> {
            UnsafeBuffer buffer = new UnsafeBuffer(mapping);
            initialise(buffer);
            return new PlatformAlarmBoard(buffer, mapping, false);
        });
    }

    /** Maps an existing board read-only (the safety partition, status readers). */
    public static PlatformAlarmBoard mapReadOnly(Path path) throws IOException {
        return MappedFiles.own(MappedFiles.mapExisting(path, true, "platform alarm board"),
            mapping -> new PlatformAlarmBoard(new UnsafeBuffer(mapping), mapping, true));
    }

    private static void initialise(AtomicBuffer buffer) {
        buffer.putInt(MAGIC_OFFSET, MAGIC);
        buffer.putInt(VERSION_OFFSET, LAYOUT_VERSION);
        buffer.putLongVolatile(FLAGS_OFFSET, 0);
    }

    /** Raises or clears one alarm; the other flags are kept. Writer side only. */
    public void set(PlatformAlarm alarm, boolean raised) {
        if (readOnly) throw new IllegalStateException("platform alarm board is mapped read-only");
        long flags = buffer.getLongVolatile(FLAGS_OFFSET);
        buffer.putLongVolatile(FLAGS_OFFSET, raised ? flags | alarm.bit() : flags & ~alarm.bit());
    }

    /** Whether {@code alarm} is raised now. One volatile load; allocation-free. */
    public boolean active(PlatformAlarm alarm) {
        return (buffer.getLongVolatile(FLAGS_OFFSET) & alarm.bit()) != 0;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** Unmaps a file mapping; never deletes the file. */
    @Override
    public void close() {
        MappedFiles.unmap(mapping);
    }
}
