package org.pneuma.hypervisor.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.pneuma.channel.RunDirectory;

/**
 * What a supervisor that was killed (SIGKILL, power cut of the JVM) leaves behind, found and removed
 * before a new system boots: processes started for the old run directory, the guest partition's
 * cgroups with whatever still runs in them, and the run directory itself.
 */
final class RunLeftovers {
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private RunLeftovers() {
    }

    /** Removes them; returns what was found, in words, for the log. */
    static List<String> reclaim(RunDirectory run, String guestPartition) {
        List<String> found = new ArrayList<>();
        String root = run.root().toString();
        ProcessHandle self = ProcessHandle.current();
        List<ProcessHandle> programs = ProcessHandle.allProcesses()
            .filter(p -> p.pid() != self.pid())
            .filter(p -> p.info().arguments().map(args -> isPartitionProgramOf(List.of(args), root)).orElse(false))
            .toList();
        for (ProcessHandle p : programs) {
            found.add("process " + p.pid() + " of the old run (" + p.info().arguments().flatMap(a -> java.util.Arrays
                .stream(a).filter(arg -> arg.startsWith("org.pneuma.")).findFirst()).orElse("?") + ")");
            p.destroyForcibly();
        }
        for (ProcessHandle p : programs) {
            try {
                p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new SupervisorException("a process of the old run does not die: " + p.pid());
            } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                // Gone, or we are being stopped: either way, on.
            }
        }
        for (Path dir : cgroupDirectories(guestPartition)) {
            found.add("cgroup " + dir);
            killMembers(dir);
        }
        for (Path dir : cgroupDirectories(guestPartition)) {
            removeWithRetry(dir);
        }
        if (Files.exists(run.root())) {
            found.add("run directory " + run.root());
            deleteTree(run.root());
        }
        Path scratch = scratchDirectory(run);
        if (Files.exists(scratch)) {
            found.add("scratch directory " + scratch);
            deleteTree(scratch);
        }
        return found;
    }

    /** A short tag of the run directory's path: it names what belongs to this run outside the run directory. */
    static String tag(RunDirectory run) {
        return Integer.toHexString(run.root().toString().hashCode());
    }

    /** Where guest loads write to disk (the io load): on disk, not in memory, and named after the run. */
    static Path scratchDirectory(RunDirectory run) {
        return Path.of("/var/tmp", "pneuma-scratch-" + tag(run));
    }

    /** A partition program ({@link JavaCommand}: a main class of ours) started for this run directory. */
    private static boolean isPartitionProgramOf(List<String> args, String root) {
        return args.contains(root) && args.stream().anyMatch(a -> a.startsWith("org.pneuma."));
    }

    /** The guest partition's cgroup directories under every hierarchy: {@code <hierarchy>/pneuma/<name>}. */
    static List<Path> cgroupDirectories(String partition) {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(CGROUP_ROOT)) {
            hierarchies.map(h -> h.resolve("pneuma").resolve(partition)).filter(Files::isDirectory).forEach(dirs::add);
        } catch (IOException e) {
            // No cgroup file system: nothing of a sandbox can be left.
        }
        return dirs;
    }

    private static void killMembers(Path dir) {
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                if (!line.isBlank()) ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | NumberFormatException e) {
            // Empty or gone.
        }
    }

    private static void removeWithRetry(Path dir) {
        for (int attempt = 0; attempt < 50; attempt++) {
            killMembers(dir);
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new SupervisorException("cannot remove the leftover cgroup " + dir + ": processes in it do not die");
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new SupervisorException("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
