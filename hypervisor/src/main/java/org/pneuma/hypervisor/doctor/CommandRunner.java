package org.pneuma.hypervisor.doctor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds host tools and runs them with a deadline, so that a missing tool is an answer and a hanging one is a
 * timeout, never an exception or a hang. Off the hot path: forks, blocks, allocates. Any thread may call.
 */
final class CommandRunner {
    /** Directories searched after {@code PATH}: where Debian puts runc, unshare and QEMU. */
    private static final List<String> WELL_KNOWN_DIRECTORIES =
        List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    private static final int MAX_OUTPUT_BYTES = 8192;

    /**
     * What a command did.
     *
     * @param started  whether it could be started at all
     * @param timedOut whether it (and its children) had to be killed at the deadline
     * @param exitCode its exit status; meaningful only if started and not timed out
     * @param output   its stdout and stderr together, at most 8 KiB; or why it could not start
     */
    record Result(boolean started, boolean timedOut, int exitCode, String output) {
        boolean succeeded() {
            return started && !timedOut && exitCode == 0;
        }

        /** The first non-blank line of the output, or an empty string. */
        String firstLine() {
            for (String line : output.split("\n")) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
            return "";
        }

        /** A short account, {@code "exit 1: unshare: unshare failed: Operation not permitted"}. */
        String describe(Duration timeout) {
            if (!started) {
                return "could not start: " + output;
            }
            if (timedOut) {
                return "no answer within " + timeout.toMillis() + " ms (killed)";
            }
            String line = firstLine();
            return "exit " + exitCode + (line.isEmpty() ? "" : ": " + line);
        }
    }

    private final Duration timeout;

    CommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** The executable {@code tool} on {@code PATH} or in the usual system directories; empty if there is none. */
    Optional<Path> find(String tool) {
        Set<String> directories = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                if (!directory.isEmpty()) {
                    directories.add(directory);
                }
            }
        }
        directories.addAll(WELL_KNOWN_DIRECTORIES);
        for (String directory : directories) {
            Path candidate = Path.of(directory, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command} with no input; kills it and everything it started if it outlives the timeout. */
    Result run(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("pneuma-doctor-", ".out");
            Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.SECONDS);
                return new Result(true, true, -1, read(output));
            }
            return new Result(true, false, process.exitValue(), read(output));
        } catch (IOException e) {
            return new Result(false, false, -1, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, false, -1, "interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A leftover file in the temp directory is harmless.
                }
            }
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
        }
    }
}
