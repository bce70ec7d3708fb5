package org.pneuma.hypervisor.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.guest.GuestLoad;
import org.pneuma.hypervisor.guest.GuestPartition;
import org.pneuma.hypervisor.guest.GuestService;
import org.pneuma.hypervisor.health.GuestHealthMonitor;

/**
 * Puts a {@link FaultKind} into the running system. The guest loads run as extra processes of the guest
 * partition for a while and are then killed, every copy of them; kill and hang act on the display
 * service's process; the bus, flood and garbage faults run their guest half inside the partition to
 * the end and report what it saw. What the system does about each fault is for the caller to observe
 * (status, sensor bus): the injector only injects. Control-socket threads; never on a real-time path.
 */
final class FaultInjector implements AutoCloseable {
    /** How long a load runs when no duration is given. */
    static final Duration DEFAULT_LOAD_DURATION = Duration.ofSeconds(10);
    private static final long GUEST_HALF_TIMEOUT_S = 120;
    private static final long KILL_LOAD_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final GuestSupervision guest;
    private final PartitionCommands commands;
    private final RunDirectory run;
    private final Path scratch;
    private final Consumer<String> log;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("fault-timer").factory());

    FaultInjector(GuestSupervision guest, PartitionCommands commands, RunDirectory run, Path scratch, Consumer<String> log) {
        this.guest = guest;
        this.commands = commands;
        this.run = run;
        this.scratch = scratch;
        this.log = log;
    }

    /** Injects {@code kind}; a load runs for {@code duration}, a guest half with {@code options}. */
    FaultReport inject(FaultKind kind, Duration duration, List<String> options) {
        log.accept("fault injected: " + kind.label() + " — " + kind.what());
        return switch (kind) {
            case GUEST_CPU_HOG -> load(kind, GuestLoad.CPU, duration);
            case GUEST_MEMORY_HOG -> load(kind, GuestLoad.MEMORY, duration);
            case GUEST_FORK_BOMB -> load(kind, GuestLoad.FORK, duration);
            case GUEST_IO_FLOOD -> load(kind, GuestLoad.IO, duration);
            case GUEST_KILL -> display(kind, "KILL");
            case GUEST_HANG -> display(kind, "STOP");
            case BUS_WRITE_ATTEMPT, COMMAND_FLOOD, COMMAND_GARBAGE -> guestHalf(kind, options);
        };
    }

    private FaultReport load(FaultKind kind, GuestLoad load, Duration duration) {
        GuestPartition partition = guest.partition();
        if (load == GuestLoad.FORK && partition.cgroupDirectories().isEmpty()) {
            return FaultReport.refused(kind.label(), "the " + partition.backend() + " backend has no pids limit: a fork "
                + "bomb would take the whole host; inject it into a sandboxed guest");
        }
        List<String> command = load.command(partition.spec(), scratch);
        GuestService service = guest.launchExtra("fault-" + load.label(), command);
        timers.schedule(() -> end(kind, service, command), duration.toMillis(), TimeUnit.MILLISECONDS);
        return new FaultReport(kind.label(), true, kind.what(), kind.expected(), load.summary() + "; pid "
            + service.pid() + ", ends in " + duration.toSeconds() + " s", -1, "");
    }

    /** Kills a load and every copy of it (a fork bomb's copies outlive their parents), retrying for a while. */
    private void end(FaultKind kind, GuestService service, List<String> command) {
        long deadline = System.nanoTime() + KILL_LOAD_TIMEOUT_NS;
        int killed;
        do {
            service.kill();
            killed = killCopies(command);
        } while ((killed > 0 || service.isAlive()) && System.nanoTime() - deadline < 0);
        log.accept("fault ended: " + kind.label() + (killed > 0 ? " (" + killed + " copies still being killed)" : ""));
    }

    /**
     * SIGKILL to every process of the partition running exactly {@code command}; how many there were. Every process
     * of the partition is in each of its cgroups, so one membership list is enough.
     */
    private int killCopies(List<String> command) {
        Optional<Path> procs = guest.partition().cgroupDirectories().stream().map(d -> d.resolve("cgroup.procs"))
            .filter(Files::isReadable).findFirst();
        int count = 0;
        try {
            for (String line : procs.isPresent() ? Files.readAllLines(procs.get()) : List.<String>of()) {
                if (line.isBlank()) continue;
                long pid = Long.parseLong(line.strip());
                if (command.equals(commandLine(pid))) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    count++;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The cgroup is going away with the partition: nothing left to kill there.
        }
        return count;
    }

    private static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return args;
        } catch (IOException e) {
            return List.of();
        }
    }

    private FaultReport display(FaultKind kind, String signal) {
        GuestService display = guest.current(GuestHealthMonitor.DISPLAY);
        if (display == null || !display.isAlive()) {
            return FaultReport.refused(kind.label(), "the display service is not running now (being restarted?)");
        }
        if (signal.equals("KILL")) {
            display.kill();
        } else {
            signal(display.pid(), signal);
        }
        return new FaultReport(kind.label(), true, kind.what(), kind.expected(), "SIG" + signal + " to display pid "
            + display.pid(), -1, "");
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new SupervisorException("kill -" + signal + " " + pid + " failed: "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new SupervisorException("cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupervisorException("interrupted while signalling " + pid);
        }
    }

    private FaultReport guestHalf(FaultKind kind, List<String> options) {
        GuestService half = guest.launchExtra("fault-" + kind.label().replace("-attempt", ""),
            commands.guestFault(kind.label(), run, options));
        try {
            if (!half.waitFor(Duration.ofSeconds(GUEST_HALF_TIMEOUT_S))) {
                half.kill();
                return new FaultReport(kind.label(), true, kind.what(), kind.expected(), "the guest half did not end within "
                    + GUEST_HALF_TIMEOUT_S + " s and was killed", -1, lastLine(half.output()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            half.kill();
            return FaultReport.refused(kind.label(), "interrupted");
        }
        int exit = half.exitCode().orElse(-1);
        String result = lastLine(half.output());
        log.accept("fault " + kind.label() + ": guest half exited " + exit + ": " + result);
        return new FaultReport(kind.label(), true, kind.what(), kind.expected(), "guest half pid " + half.pid()
            + " exited " + exit, exit, result);
    }

    private static String lastLine(String output) {
        Optional<String> last = output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b);
        return last.orElse("").strip();
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
