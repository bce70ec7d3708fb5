package org.pneuma.hypervisor.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Java's process API does not tell: whether a process still runs (a zombie is
 * {@link ProcessHandle#isAlive() alive} to Java, yet has ended) and whether it is stopped ({@code SIGSTOP}), both from
 * the state field of {@code /proc/<pid>/stat}. Any thread may call; reads one small file.
 */
final class HostProcesses {
    private HostProcesses() {
    }

    /**
     * Whether {@code process} still runs: it exists and is not a zombie. A zombie has released everything but its pid
     * and left its cgroups; only its parent (or the host's init, for an orphan) can reap it.
     */
    static boolean isRunning(ProcessHandle process) {
        char state = state(process);
        return state != 'Z' && state != 'X' && state != '?';
    }

    /** Whether {@code process} exists and is stopped by a signal. */
    static boolean isStopped(ProcessHandle process) {
        return state(process) == 'T';
    }

    /** The state letter, or {@code '?'} if the process is gone. */
    private static char state(ProcessHandle process) {
        if (!process.isAlive()) {
            return '?';
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return process.isAlive() ? 'R' : '?';
        }
    }
}
