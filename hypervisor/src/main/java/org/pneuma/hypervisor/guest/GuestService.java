package org.pneuma.hypervisor.guest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A service running in a guest partition: one process (and whatever it starts) launched by
 * {@link GuestPartition#launch}. Any thread may call; nothing here blocks except {@link #waitFor}.
 *
 * <p>The service's standard output and error go to a file of the partition's; {@link #output()} reads their last
 * {@value #MAX_OUTPUT_BYTES} bytes, also after the partition has stopped. Standard input is at end of file.
 */
public final class GuestService {
    /** How much of the service's output {@link #output()} returns at most (the end of it). */
    public static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final String name;
    private final Process launcher;
    private final ProcessHandle process;
    private final Path outputFile;
    private volatile String keptOutput;

    /**
     * @param launcher   the child process the partition started; its exit status is the service's (a launcher that
     *                   enters namespaces passes its child's status on, re-raising a fatal signal)
     * @param process    the service's own process: the launcher itself, or the launcher's only child
     * @param outputFile where standard output and error go
     */
    GuestService(String name, Process launcher, ProcessHandle process, Path outputFile) {
        this.name = Objects.requireNonNull(name, "name");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.process = Objects.requireNonNull(process, "process");
        this.outputFile = Objects.requireNonNull(outputFile, "outputFile");
    }

    /** The name it was launched under. */
    public String name() {
        return name;
    }

    /** Its process id as the host sees it (inside a pid namespace it has another, smaller one). */
    public long pid() {
        return process.pid();
    }

    /** Whether it has not yet exited. A stopped ({@code SIGSTOP}) service is alive. */
    public boolean isAlive() {
        return launcher.isAlive();
    }

    /**
     * Sends {@code SIGKILL} to the service and to every descendant it has at this moment; does not wait. A process it
     * forks during the call may survive; stopping the partition ends those too.
     */
    public void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Its exit status once it has exited: the code it exited with, or 128 + N if signal N killed it (137 for
     * {@code SIGKILL}, as a shell reports it).
     */
    public OptionalInt exitCode() {
        return launcher.isAlive() ? OptionalInt.empty() : OptionalInt.of(launcher.exitValue());
    }

    /** Blocks until it has exited or {@code timeout} has passed; true if it has exited. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return launcher.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The last {@value #MAX_OUTPUT_BYTES} bytes of its standard output and error together, so far. */
    public String output() {
        String kept = keptOutput;
        return kept != null ? kept : readOutput();
    }

    /** Keeps the output in memory, so {@link #output()} still answers after the partition deletes the file. */
    void keepOutput() {
        if (keptOutput == null) {
            keptOutput = readOutput();
        }
    }

    Process launcher() {
        return launcher;
    }

    ProcessHandle process() {
        return process;
    }

    private String readOutput() {
        try (var channel = Files.newByteChannel(outputFile)) {
            long size = channel.size();
            channel.position(Math.max(0, size - MAX_OUTPUT_BYTES));
            try (InputStream in = java.nio.channels.Channels.newInputStream(channel)) {
                return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "service " + name + " (pid " + pid() + (isAlive() ? ", running)" : ", exited " + launcher.exitValue() + ")");
    }
}
