package org.pneuma.hypervisor.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel tasks of this JVM that Java did not start, found by name in {@code /proc/self/task/<tid>/comm}.
 *
 * <p>Why a real-time process needs them: every garbage collection, and a few other JVM operations, stop all Java
 * threads at a safepoint until the JVM's <em>VM Thread</em> has finished. That thread is an ordinary
 * {@code SCHED_OTHER} task on any CPU; on a busy machine it may wait for a CPU while the real-time tick waits for it.
 * Pinned to the real-time CPU (idle between ticks) at a real-time priority just below the tick's, it runs at once.
 */
public final class JvmThreads {
    /** The JVM's VM thread: it runs safepoint operations, and the serial collector's collections. */
    public static final String VM_THREAD = "VM Thread";

    private JvmThreads() {
    }

    /**
     * Restricts every task of this process that exists now to {@code cpus}; threads started later inherit their
     * creator's CPUs, so called early it confines the whole process. Returns the tasks it could not move (a task that
     * ended meanwhile is not counted).
     */
    public static int confineProcess(java.util.BitSet cpus) {
        int refused = 0;
        for (int tid : all()) {
            try {
                LinuxHost.setThreadAffinity(tid, cpus);
            } catch (HostCallException e) {
                if (Files.exists(Path.of("/proc/self/task/" + tid))) refused++;
            }
        }
        return refused;
    }

    /** Every task id of this process. */
    public static List<Integer> all() {
        List<Integer> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> tids.add(Integer.parseInt(t.getFileName().toString())));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list this process's tasks in /proc/self/task: " + e.getMessage(), e);
        }
        return tids;
    }

    /** The task ids of this process whose name is {@code name} (Linux cuts names to 15 bytes). */
    public static List<Integer> named(String name) {
        String wanted = name.length() > 15 ? name.substring(0, 15) : name;
        List<Integer> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                } catch (IOException gone) {
                    continue;
                }
                if (comm.equals(wanted)) tids.add(Integer.parseInt(task.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list this process's tasks in /proc/self/task: " + e.getMessage(), e);
        }
        return tids;
    }
}
