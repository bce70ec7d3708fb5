package org.pneuma.channel;

import static org.pneuma.channel.CommandMailboxLayout.*;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Makes the command mailbox's memory and hands out its four ends: the guest's
 * {@link CommandRequestWriter} and {@link CommandResponseReader}s, the safety partition's
 * {@link CommandRequestReader} and {@link CommandResponseWriter}.
 *
 * <p>Ways to get the memory: {@link #allocate} (in-process, both sides, for simulation and tests);
 * {@link #createFile} (the owner of the shared-memory file creates and maps it read-write, as the
 * safety side); {@link #mapForSafety} (the safety partition maps a file the supervisor created);
 * {@link #mapForGuest} (a guest maps it read-write: it has to write its requests). A mapping made for
 * one side refuses to hand out the other side's ends, so a wiring mistake fails at start-up.
 *
 * <p><b>What the guest can do.</b> Everything in the mapping is writable by the guest. The safety
 * side's ends read the header once, here, and keep the geometry; afterwards they judge every slot
 * they read and compute every offset from their own state, so any bytes the guest writes cost it only
 * its own commands. (Shrinking the file under the mapping is another matter: see the module README.)
 *
 * <p><b>Threads.</b> Factory methods, the end getters and {@link #close()} are setup and teardown
 * calls: thread-safe, and they may allocate, lock and do I/O. Hot-path guarantees are the ends'.
 *
 * <p><b>Lifecycle.</b> {@link #close()} unmaps a file mapping; stop using every end first (touching
 * unmapped memory crashes the JVM). Closing never deletes the file.
 */
public final class CommandMailbox implements AutoCloseable {
    private enum Side { BOTH, SAFETY, GUEST }

    private final AtomicBuffer buffer;
    private final MappedByteBuffer mapping;
    private final Side side;
    private final int requestSlotCount;
    private final int responseSlotCount;
    private boolean requestReaderHandedOut;
    private boolean responseWriterHandedOut;
    private boolean requestWriterHandedOut;
    private boolean closed;

    private CommandMailbox(AtomicBuffer buffer, MappedByteBuffer mapping, Side side) {
        CommandMailboxHeader.Geometry geometry = CommandMailboxHeader.validate(buffer);
        this.buffer = buffer;
        this.mapping = mapping;
        this.side = side;
        this.requestSlotCount = geometry.requestSlotCount();
        this.responseSlotCount = geometry.responseSlotCount();
    }

    /** A mailbox of the default sizes in this process's memory; hands out both sides' ends. */
    public static CommandMailbox allocate() {
        return allocate(DEFAULT_REQUEST_SLOT_COUNT, DEFAULT_RESPONSE_SLOT_COUNT);
    }

    /**
     * A mailbox in cache-line aligned direct memory of this process; hands out both sides' ends.
     *
     * @throws IllegalArgumentException if a slot count is not a power of two from
     *                                  {@link CommandMailboxLayout#MIN_SLOT_COUNT} to {@link CommandMailboxLayout#MAX_SLOT_COUNT}
     */
    public static CommandMailbox allocate(int requestSlotCount, int responseSlotCount) {
        CommandMailboxHeader.requireValidSlotCounts(requestSlotCount, responseSlotCount);
        UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            totalLength(requestSlotCount, responseSlotCount), CACHE_LINE_LENGTH));
        CommandMailboxHeader.initialise(buffer, requestSlotCount, responseSlotCount);
        return new CommandMailbox(buffer, null, Side.BOTH);
    }

    /** As {@link #createFile(Path, int, int)} with the default sizes. */
    public static CommandMailbox createFile(Path path) throws IOException {
        return createFile(path, DEFAULT_REQUEST_SLOT_COUNT, DEFAULT_RESPONSE_SLOT_COUNT);
    }

    /**
     * Creates a new file at {@code path}, zero-filled to its full size (every page touched now, not
     * on the hot path), maps it read-write and writes the header. The result is the safety side.
     *
     * @throws IOException              if the file exists already or cannot be created or mapped
     * @throws IllegalArgumentException as {@link #allocate(int, int)}
     */
    public static CommandMailbox createFile(Path path, int requestSlotCount, int responseSlotCount) throws IOException {
        CommandMailboxHeader.requireValidSlotCounts(requestSlotCount, responseSlotCount);
        return MappedFiles.own(IoUtil.mapNewFile(path.toFile(), totalLength(requestSlotCount, responseSlotCount), true),
            mapping -> {
                UnsafeBuffer buffer = new UnsafeBuffer(mapping);
                CommandMailboxHeader.initialise(buffer, requestSlotCount, responseSlotCount);
                return new CommandMailbox(buffer, mapping, Side.SAFETY);
            });
    }

    /**
     * Maps an existing mailbox file read-write as the safety side, checking its header once.
     *
     * @throws IOException           if the file cannot be opened or mapped
     * @throws IllegalStateException naming what is wrong if the file is not a valid mailbox
     */
    public static CommandMailbox mapForSafety(Path path) throws IOException {
        return mapExisting(path, Side.SAFETY);
    }

    /**
     * Maps an existing mailbox file read-write as the guest side, checking its header.
     *
     * @throws IOException           if the file cannot be opened or mapped
     * @throws IllegalStateException naming what is wrong if the file is not a valid mailbox
     */
    public static CommandMailbox mapForGuest(Path path) throws IOException {
        return mapExisting(path, Side.GUEST);
    }

    private static CommandMailbox mapExisting(Path path, Side side) throws IOException {
        return MappedFiles.own(MappedFiles.mapExisting(path, false, "command mailbox"),
            mapping -> new CommandMailbox(new UnsafeBuffer(mapping), mapping, side));
    }

    /**
     * The safety partition's one request reader. Kinds outside {@code 1..highestKind} are garbled.
     *
     * @throws IllegalStateException if this is the guest's mapping, closed, or the reader was handed out already
     */
    public synchronized CommandRequestReader requestReader(int highestKind) {
        requireSide(Side.SAFETY, "request reader");
        if (requestReaderHandedOut) {
            throw new IllegalStateException("this mailbox's request reader was handed out already; it has only one");
        }
        CommandRequestReader reader = new CommandRequestReader(buffer, requestSlotCount, highestKind);
        requestReaderHandedOut = true;
        return reader;
    }

    /**
     * The safety partition's one response writer.
     *
     * @throws IllegalStateException if this is the guest's mapping, closed, or the writer was handed out already
     */
    public synchronized CommandResponseWriter responseWriter() {
        requireSide(Side.SAFETY, "response writer");
        if (responseWriterHandedOut) {
            throw new IllegalStateException("this mailbox's response writer was handed out already; it has only one");
        }
        responseWriterHandedOut = true;
        return new CommandResponseWriter(buffer, requestSlotCount, responseSlotCount);
    }

    /**
     * The guest's one request writer (per mapping; other processes cannot be policed).
     *
     * @throws IllegalStateException if this is the safety side's mapping, closed, or the writer was handed out already
     */
    public synchronized CommandRequestWriter requestWriter() {
        requireSide(Side.GUEST, "request writer");
        if (requestWriterHandedOut) {
            throw new IllegalStateException("this mailbox's request writer was handed out already; it has only one");
        }
        requestWriterHandedOut = true;
        return new CommandRequestWriter(buffer, requestSlotCount);
    }

    /**
     * A new guest-side response reader; it sees responses published from now on.
     *
     * @throws IllegalStateException if this is the safety side's mapping or closed
     */
    public synchronized CommandResponseReader newResponseReader() {
        requireSide(Side.GUEST, "response reader");
        return new CommandResponseReader(buffer, requestSlotCount, responseSlotCount);
    }

    /**
     * The raw memory of the mailbox, for fault injection and tests: writing it is exactly what an
     * untrusted guest can do. Offsets are in {@link CommandMailboxLayout}.
     */
    public AtomicBuffer buffer() {
        return buffer;
    }

    public int requestSlotCount() {
        return requestSlotCount;
    }

    public int responseSlotCount() {
        return responseSlotCount;
    }

    /** Unmaps a file mapping (no-op for allocated memory); idempotent. Never deletes the file. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        MappedFiles.unmap(mapping);
    }

    private void requireSide(Side wanted, String end) {
        if (closed) {
            throw new IllegalStateException("command mailbox is closed");
        }
        if (side != Side.BOTH && side != wanted) {
            throw new IllegalStateException("the " + side.name().toLowerCase(java.util.Locale.ROOT)
                + " side's mapping of a command mailbox has no " + end);
        }
    }
}
