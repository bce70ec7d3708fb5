package org.pneuma.hypervisor.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.config.PartitionConfig;

/**
 * The safety partition's process as the supervisor sees it: started, watched through its tick counter
 * (the safety heartbeat: a process that ticks is alive and not hung), restarted when it dies or stops
 * ticking — with {@code resumed}, so it raises CONTROL_FAILURE and resumes the last accepted settings —
 * and stopped last at shutdown. Supervisor thread only.
 */
final class SafetyProcess {
    /** A JVM needs this long to come up and tick once. */
    static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);
    /** No tick for this long is a hung safety partition (its own watchdog has long put the valves safe). */
    static final long HUNG_AFTER_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long STOP_GRACE_NS = TimeUnit.SECONDS.toNanos(5);

    /** What a check found. */
    enum Health { TICKING, STARTING, DIED, HUNG }

    private final PartitionCommands commands;
    private final RunDirectory run;
    private final PartitionConfig config;
    private final CounterBoard counters;
    private final Consumer<String> log;
    private final Deque<Long> restartTimesNs = new ArrayDeque<>();
    private volatile Process process;
    private Thread output;
    private long startedNs;
    private long lastTicks = -1;
    private long lastProgressNs;
    private boolean ticked;
    private volatile int restarts;

    SafetyProcess(PartitionCommands commands, RunDirectory run, PartitionConfig config, CounterBoard counters,
                  Consumer<String> log) {
        this.commands = commands;
        this.run = run;
        this.config = config;
        this.counters = counters;
        this.log = log;
    }

    /** Starts the process and waits until it ticks. */
    void start(boolean resumed) {
        List<String> command = commands.safetyPartition(run, cpu(), config.scheduling().controlPriority(),
            config.scheduling().alarmPriority(), resumed);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SupervisorException("cannot start the safety partition " + command + ": " + e.getMessage(), e);
        }
        output = pump(process, log);
        startedNs = System.nanoTime();
        ticked = false;
        lastTicks = counters.get(CounterId.LOOP_TICKS);
        lastProgressNs = startedNs;
        while (check(System.nanoTime()) == Health.STARTING) {
            sleepMillis(20);
        }
        Health health = check(System.nanoTime());
        if (health != Health.TICKING) {
            throw new SupervisorException("the safety partition did not start: "
                + (health == Health.DIED ? "it exited " + process.exitValue() : "no tick within "
                + TimeUnit.NANOSECONDS.toSeconds(START_TIMEOUT_NS) + " s") + " (its output is above)");
        }
        log.accept("safety partition ticking: pid " + process.pid() + ", asked for CPU " + cpu() + " at SCHED_FIFO "
            + config.scheduling().controlPriority() + " (control) / " + config.scheduling().alarmPriority()
            + " (alarm watchdog); its own lines say what it got"
            + (resumed ? "; resumed after a failure (CONTROL_FAILURE raised)" : ""));
    }

    /** Whether it is ticking; called every supervision period. */
    Health check(long nowNs) {
        long ticks = counters.get(CounterId.LOOP_TICKS);
        if (ticks != lastTicks) {
            lastTicks = ticks;
            lastProgressNs = nowNs;
            ticked = true;
        }
        if (!process.isAlive()) {
            return Health.DIED;
        }
        if (!ticked) {
            return nowNs - startedNs > START_TIMEOUT_NS ? Health.HUNG : Health.STARTING;
        }
        return nowNs - lastProgressNs > HUNG_AFTER_NS ? Health.HUNG : Health.TICKING;
    }

    /**
     * Kills what is left of a failed process and starts another, resumed.
     *
     * @throws SupervisorException if the restart policy allows no more restarts, or the new one does not start
     */
    void restart(String why) {
        long now = System.nanoTime();
        Integer max = config.restart() == null ? null : config.restart().maxRestarts();
        double withinS = config.restart() == null || config.restart().withinS() == null ? 60 : config.restart().withinS();
        while (!restartTimesNs.isEmpty() && now - restartTimesNs.peekFirst() > (long) (withinS * 1e9)) {
            restartTimesNs.removeFirst();
        }
        if ("never".equals(policy()) || (max != null && max > 0 && restartTimesNs.size() >= max)) {
            throw new SupervisorException("the safety partition failed (" + why + ") and its restart policy allows no"
                + " more restarts (" + restartTimesNs.size() + " in the last " + withinS + " s)");
        }
        log.accept("safety partition failed: " + why + "; restarting it with the last accepted settings");
        kill();
        restartTimesNs.addLast(now);
        restarts++;
        start(true);
    }

    /** SIGTERM, a grace period, then SIGKILL. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output, losing its last words
        try {
            if (!process.waitFor(STOP_GRACE_NS, TimeUnit.NANOSECONDS)) {
                log.accept("safety partition did not stop within 5 s of SIGTERM: SIGKILL");
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        try {
            output.join(1000); // its last words (loop figures) before ours
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.accept("safety partition stopped (exit " + (process.isAlive() ? "?" : process.exitValue()) + ")");
    }

    private void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_GRACE_NS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process == null ? 0 : process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    int restarts() {
        return restarts;
    }

    int cpu() {
        return config.cpus().getFirst();
    }

    private String policy() {
        return config.restart() == null || config.restart().policy() == null ? "always" : config.restart().policy();
    }

    /** Copies a child's output to the log, line by line, on a daemon thread, prefixed with its name. */
    static Thread pump(Process child, Consumer<String> log) {
        return Thread.ofPlatform().daemon().name("safety-output-" + child.pid()).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    log.accept("safety | " + line);
                }
            } catch (IOException e) {
                // The process ended; nothing more to copy.
            }
        });
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupervisorException("interrupted while waiting for the safety partition");
        }
    }
}
