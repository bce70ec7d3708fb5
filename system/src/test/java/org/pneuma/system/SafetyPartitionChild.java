package org.pneuma.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.pneuma.channel.RunDirectory;

/** {@link SafetyPartitionMain} in a child JVM of this test's Java and class path; its output kept line by line. */
final class SafetyPartitionChild implements AutoCloseable {
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final long startedNs = System.nanoTime();

    private final Thread reader;

    private SafetyPartitionChild(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon(true).name("child-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) lines.add(line);
            } catch (IOException ignored) {
                // The child is gone.
            }
        });
    }

    static SafetyPartitionChild start(RunDirectory dir, int cpu, String... extra) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SafetyPartitionMain.class.getName(),
                "--run-dir", dir.root().toString(), "--cpu", Integer.toString(cpu),
                "--control-priority", "80", "--alarm-priority", "90"));
        command.addAll(List.of(extra));
        return new SafetyPartitionChild(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    static SafetyPartitionChild run(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SafetyPartitionMain.class.getName()));
        command.addAll(List.of(args));
        return new SafetyPartitionChild(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    boolean anyLine(String containing) {
        return lines.stream().anyMatch(l -> l.contains(containing));
    }

    /** Waits for a line containing {@code text}; false on timeout or if the child ended first. */
    boolean awaitLine(String text, long timeoutMs) throws InterruptedException {
        return await(() -> anyLine(text), timeoutMs);
    }

    static boolean await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) return false;
            Thread.sleep(2);
        }
        return true;
    }

    /** Waits for the child's output to end (after it exited); then {@link #lines} is complete. */
    void awaitOutputEnd() throws InterruptedException {
        reader.join(2_000);
    }

    String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
