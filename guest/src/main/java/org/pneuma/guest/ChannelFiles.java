package org.pneuma.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.HeartbeatBoard;
import org.pneuma.channel.SensorBus;

/**
 * Maps the run directory's channel files the way a guest process may: the sensor bus read-only, the
 * heartbeat board and the command mailbox read-write. A file that is missing, unreadable or not what
 * its name says is a {@link UsageException} naming the file.
 */
final class ChannelFiles {
    private ChannelFiles() {
    }

    static SensorBus sensorBus(Path file) throws UsageException {
        return map(file, "sensor bus", SensorBus::mapReadOnly);
    }

    static HeartbeatBoard heartbeatBoard(Path file) throws UsageException {
        return map(file, "heartbeat board", HeartbeatBoard::mapReadWrite);
    }

    static CommandMailbox commandMailbox(Path file) throws UsageException {
        return map(file, "command mailbox", CommandMailbox::mapForGuest);
    }

    @FunctionalInterface
    private interface Mapping<T> {
        T map(Path file) throws IOException;
    }

    private static <T> T map(Path file, String what, Mapping<T> mapping) throws UsageException {
        requireFile(file, what);
        try {
            return mapping.map(file);
        } catch (IOException | RuntimeException e) {
            throw refused(file, what, e);
        }
    }

    static void requireFile(Path file, String what) throws UsageException {
        if (!Files.exists(file)) {
            throw new UsageException(what + " file " + file + " does not exist (is the run directory right, and the system booted?)");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(what + " file " + file + " is not a regular file");
        }
    }

    private static UsageException refused(Path file, String what, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new UsageException("cannot use " + what + " file " + file + ": " + why, e);
    }
}
