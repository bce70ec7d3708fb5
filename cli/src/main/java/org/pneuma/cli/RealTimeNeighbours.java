package org.pneuma.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Other processes' real-time threads that may run on a CPU: what else competes with the bench's loop and cyclictest at
 * SCHED_FIFO or SCHED_RR (a safety partition started by someone else, another bench). Kernel threads are left out (the
 * per-CPU ones are every machine's). Read from {@code /proc}; a thread that vanishes while it is read is skipped.
 */
final class RealTimeNeighbours {
    private static final long PF_KTHREAD = 0x00200000L;

    private RealTimeNeighbours() {
    }

    /** Each as {@code "pid 4711 thread 4712 safety-control FIFO 80"}, in a stable order; empty if there is none. */
    static List<String> on(int cpu) {
        TreeSet<String> found = new TreeSet<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                String[] stat = fields(process.resolve("stat"));
                if (pid == self || stat == null || (Long.parseLong(stat[6]) & PF_KTHREAD) != 0) continue;
                try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"))) {
                    for (Path task : tasks) {
                        String[] t = fields(task.resolve("stat"));
                        if (t == null || t.length < 39) continue;
                        int policy = Integer.parseInt(t[38]);
                        if ((policy != 1 && policy != 2) || !allowedOn(task.resolve("status"), cpu)) continue;
                        found.add("pid " + pid + " thread " + task.getFileName() + " " + name(task.resolve("stat"))
                                + (policy == 1 ? " FIFO " : " RR ") + t[37]);
                    }
                } catch (IOException e) {
                    // The process ended while it was read.
                }
            }
        } catch (IOException e) {
            return List.of("(cannot read /proc: " + e.getMessage() + ")");
        }
        return new ArrayList<>(found);
    }

    /** The fields of a {@code stat} file after the command name: index 0 is field 3 (state); null if it is gone. */
    private static String[] fields(Path stat) {
        try {
            String s = Files.readString(stat, StandardCharsets.UTF_8);
            return s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String name(Path stat) {
        try {
            String s = Files.readString(stat, StandardCharsets.UTF_8);
            return s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static boolean allowedOn(Path status, int cpu) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("Cpus_allowed_list:")) return inList(line.substring(line.indexOf(':') + 1).trim(), cpu);
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Whether {@code cpu} is in a kernel CPU list such as {@code 0-1,3}. */
    static boolean inList(String list, int cpu) {
        for (String range : list.split(",")) {
            if (range.isBlank()) continue;
            String[] ends = range.split("-");
            int first = Integer.parseInt(ends[0].trim());
            int last = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : first;
            if (cpu >= first && cpu <= last) return true;
        }
        return false;
    }
}
