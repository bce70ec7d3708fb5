package org.pneuma.guest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fault injection {@code bus-write-attempt}: tries every way a guest process has to write the sensor
 * bus file, as the guest partition runs it. Inside the partition the file is bound read-only, so each
 * attempt must be refused by the kernel ({@code EROFS}) or the JDK (a read-only channel).
 *
 * <p>Every attempt is real, and every one that gets through is made harmless on purpose: it writes back
 * the bytes it read (the header's layout version, written once at creation), truncates to the size the
 * file already has, sets the permissions it already has, removes the file it created beside the bus, or
 * remounts the bind read-only again. A live bus therefore keeps its content
 * even when the partition is broken; the breach is that the write happened at all. Run against a
 * writable file, every attempt but the one through a read-only descriptor succeeds: that is how the
 * tests show the attempts are real.
 */
final class BusWriteAttempt {
    /** Exit status when a write got through. */
    static final int BREACH_EXIT_CODE = 3;
    /** Bytes 4..7 of a sensor bus: the layout version, written once when the bus is created. */
    private static final int PROBE_OFFSET = 4;
    private static final int PROBE_LENGTH = 4;

    /** The outcome of one attempt. */
    record Outcome(String name, boolean succeeded, String detail) {
        /** {@code name=refused(why)} or {@code name=WRITTEN(what)}; the text in parentheses has none of its own. */
        String render() {
            return name + "=" + (succeeded ? "WRITTEN(" : "refused(") + detail.replace('(', '[').replace(')', ']') + ")";
        }
    }

    private interface Attempt {
        /** Does the write; returns what it did. Any exception is a refusal. */
        String run(Path file) throws Exception;
    }

    private BusWriteAttempt() {
    }

    /** Runs every attempt against {@code file}, prints one line each and the RESULT line; returns the exit status. */
    static int run(Path file, PrintStream out) {
        List<Outcome> outcomes = attemptAll(file);
        int refused = 0;
        List<String> breached = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            out.println("attempt " + outcome.render());
            if (outcome.succeeded()) {
                breached.add(outcome.name());
            } else {
                refused++;
            }
        }
        StringBuilder result = new StringBuilder("RESULT bus-write-attempt file=").append(file)
            .append(" attempts=").append(outcomes.size()).append(" refused=").append(refused)
            .append(" written=").append(breached.size());
        for (Outcome outcome : outcomes) {
            result.append(' ').append(outcome.render());
        }
        if (!breached.isEmpty()) {
            out.println("BREACH: the guest wrote the sensor bus file " + file + " by " + String.join(", ", breached)
                + ": the guest partition does not keep the bus read-only");
            result.append(" BREACH");
        }
        out.println(result);
        out.flush();
        return breached.isEmpty() ? 0 : BREACH_EXIT_CODE;
    }

    static List<Outcome> attemptAll(Path file) {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(attempt("map_rw", file, BusWriteAttempt::mapReadWrite));
        outcomes.add(attempt("map_rw_from_ro_fd", file, BusWriteAttempt::mapReadWriteFromReadOnlyChannel));
        outcomes.add(attempt("open_write", file, BusWriteAttempt::openForWrite));
        outcomes.add(attempt("open_append", file, BusWriteAttempt::openForAppend));
        outcomes.add(attempt("truncate", file, BusWriteAttempt::truncate));
        outcomes.add(attempt("truncate_ro_fd", file, BusWriteAttempt::truncateReadOnlyDescriptor));
        outcomes.add(attempt("chmod", file, BusWriteAttempt::chmod));
        outcomes.add(attempt("create_in_dir", file, BusWriteAttempt::createBeside));
        outcomes.add(attempt("remount_rw", file, f -> Remount.readWriteAndBack(f.toAbsolutePath().getParent())));
        return outcomes;
    }

    private static Outcome attempt(String name, Path file, Attempt attempt) {
        try {
            return new Outcome(name, true, attempt.run(file));
        } catch (Exception | Error e) {
            return new Outcome(name, false, why(e));
        }
    }

    /** Opens the file read-write, maps it READ_WRITE and stores a byte it read back into the mapping. */
    private static String mapReadWrite(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, PROBE_OFFSET + PROBE_LENGTH);
            mapping.put(PROBE_OFFSET, mapping.get(PROBE_OFFSET));
            mapping.force();
            return "mapped read-write, stored a byte";
        }
    }

    /** Opens the file read-only, as a guest may, and asks for a READ_WRITE mapping of it. */
    private static String mapReadWriteFromReadOnlyChannel(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, PROBE_OFFSET + PROBE_LENGTH);
            mapping.put(PROBE_OFFSET, mapping.get(PROBE_OFFSET));
            return "mapped read-write from a read-only descriptor, stored a byte";
        }
    }

    /** Opens the file for writing (no truncation) and writes back the bytes it holds at the probe offset. */
    private static String openForWrite(Path file) throws IOException {
        byte[] bytes = readProbe(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            int written = channel.write(ByteBuffer.wrap(bytes), PROBE_OFFSET);
            channel.force(false);
            return "opened for writing, wrote " + written + " bytes";
        }
    }

    /** Opens the file for appending; a writable descriptor is the breach, so nothing is appended. */
    private static String openForAppend(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            return "opened for appending: a writable descriptor on " + channel.size() + " bytes, nothing appended";
        }
    }

    /** Opens the file read-write and truncates it (ftruncate) to the size it has. */
    private static String truncate(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long size = raf.length();
            raf.setLength(size);
            return "opened read-write, ftruncate to its own size " + size;
        }
    }

    /** ftruncate through a read-only descriptor, the one a guest does get. */
    private static String truncateReadOnlyDescriptor(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            raf.setLength(size);
            return "ftruncate through a read-only descriptor to its own size " + size;
        }
    }

    /** Sets the permissions the file has; on a read-only mount even that is refused. */
    private static String chmod(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            throw new IOException("no POSIX permissions on this file system");
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        view.setPermissions(permissions);
        return "permissions set (to what they were)";
    }

    /**
     * Creates a file beside the bus (and removes it): whoever can do that can replace the bus by a
     * rename, under every reader that maps it next. The run directory binds the safety partition's
     * directory read-only whole, so this is refused too.
     */
    private static String createBeside(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path probe = Files.createTempFile(dir, ".guest-write-probe-", "");
        Files.delete(probe);
        return "created and removed a file in " + dir;
    }

    private static byte[] readProbe(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(PROBE_LENGTH);
            while (bytes.hasRemaining() && channel.read(bytes, PROBE_OFFSET + bytes.position()) > 0) {
                // read the probe bytes
            }
            return bytes.array();
        }
    }

    /** A short reason: the system's error text where there is one, else the exception's kind. */
    static String why(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e.getClass() == IOException.class && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();   // the system's own text (strerror), as Remount gives it
        }
        if (e instanceof NonWritableChannelException) {
            return "NonWritableChannel";
        }
        String message = e.getMessage();
        if (e instanceof java.io.FileNotFoundException && message != null && message.endsWith(")")
            && message.lastIndexOf(" (") >= 0) {
            // RandomAccessFile's form: "path (reason)"
            return message.substring(message.lastIndexOf(" (") + 2, message.length() - 1);
        }
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
