package org.pneuma.hypervisor.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The host as the tests see it, read independently of the code under test, and the fixtures they share. */
final class GuestHost {
    static final long MIB = 1024 * 1024;

    private GuestHost() {
    }

    /** A partition name no other test run uses at the same time. */
    static String uniqueName(String prefix) {
        return prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** CPU 0, 50 % of it, 64 MiB, 64 pids, pid + mount + net namespaces. */
    static GuestPartitionSpec spec(String name, List<Path> readOnlyPaths) {
        return new GuestPartitionSpec(name, "0", 50, 64 * MIB, 64, EnumSet.allOf(GuestNamespace.class), readOnlyPaths,
            Map.of());
    }

    /** Fails, naming them, if this host lacks what the sandbox backend needs. */
    static void requireSandboxPrerequisites() {
        assertThat(SandboxBackend.onThisHost().missingPrerequisites())
            .as("this host lacks prerequisites of the sandbox backend; the tests need them, not a skip").isEmpty();
    }

    /** Runs {@code script} with {@code sh -c} as a service and waits for it to end (10 s at most). */
    static GuestService run(GuestPartition partition, String service, String script) throws InterruptedException {
        GuestService launched = partition.launch(service, List.of("/bin/sh", "-c", script), Map.of());
        assertThat(launched.waitFor(Duration.ofSeconds(10))).as(service + " ended; output: " + launched.output()).isTrue();
        return launched;
    }

    /** Every {@code /sys/fs/cgroup/<hierarchy>/pneuma/<name>} that exists now. */
    static List<Path> cgroupDirectoriesNamed(String name) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> hierarchies = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
            for (Path hierarchy : hierarchies) {
                Path candidate = hierarchy.resolve("pneuma").resolve(name);
                if (Files.exists(candidate)) {
                    found.add(candidate);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Host pids of every process whose {@code /proc/<pid>/cgroup} places it in a cgroup {@code pneuma/<name>}. */
    static List<Long> processesInCgroupsNamed(String name) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String cgroups = readOrEmpty(process.resolve("cgroup"));
                for (String line : cgroups.split("\n")) {
                    if (line.endsWith("/pneuma/" + name) || line.contains("/pneuma/" + name + "/")) {
                        found.add(Long.parseLong(process.getFileName().toString()));
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Whether a v1 hierarchy of this process's mount table has {@code controller} (else it is v2's, if anyone's). */
    static CgroupHierarchy expectedHierarchyOf(String controller) {
        for (String line : read(Path.of("/proc/self/mountinfo")).split("\n")) {
            int separator = line.indexOf(" - cgroup cgroup ");
            if (separator >= 0) {
                String options = line.substring(separator).split(" ")[4];
                if (List.of(options.split(",")).contains(controller)) {
                    return CgroupHierarchy.V1;
                }
            }
        }
        return CgroupHierarchy.V2;
    }

    /** CPU time a process has used, from {@code /proc/<pid>/stat} (user + system, in clock ticks of 10 ms). */
    static long cpuTimeNs(long pid) {
        String stat = read(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }

    /** Sends a signal from the host with {@code kill(1)}. */
    static void hostKill(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + signal + " " + pid).isZero();
    }

    /** Whether a process with this pid exists and is not a zombie. */
    static boolean isAlive(long pid) {
        String state = processState(pid);
        return !state.isEmpty() && !state.equals("Z") && !state.equals("X");
    }

    /** The state letter of {@code /proc/<pid>/stat} ({@code T} when stopped), or empty if it is gone. */
    static String processState(long pid) {
        String stat = readOrEmpty(Path.of("/proc/" + pid + "/stat"));
        return stat.isEmpty() ? "" : stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code timeout} passes; returns whether it held. */
    static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** A file like the sensor bus, in {@code /dev/shm}, with {@code content}. */
    static Path busLikeFile(String content) throws IOException {
        Path bus = Files.createTempFile(Path.of("/dev/shm"), "pneuma-test-bus-", ".bin");
        Files.writeString(bus, content, StandardCharsets.US_ASCII);
        return bus;
    }
}
