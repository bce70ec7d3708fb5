package org.pneuma.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.channel.RunDirectory;
import org.pneuma.channel.SensorBus;
import org.pneuma.hypervisor.host.HostCallException;
import org.pneuma.hypervisor.host.LinuxHost;
import org.pneuma.hypervisor.runtime.RealTimeLoop;
import org.pneuma.safety.command.CommandHandler;
import org.pneuma.safety.command.CommandHandlerConfig;

/**
 * The safety partition process's parts and their lifecycle: maps the channels of the run directory,
 * resumes the persisted settings, assembles the partition on the simulated patient, and runs it on
 * four threads —
 *
 * <table>
 *   <caption>threads</caption>
 *   <tr><th>thread</th><th>scheduling</th><th>job</th></tr>
 *   <tr><td>{@code safety-alarm-watchdog}</td><td>SCHED_FIFO alarm priority, pinned to the CPU</td>
 *       <td>{@link AlarmWatchdog}: safe state and sounder when the tick hangs</td></tr>
 *   <tr><td>{@code safety-control}</td><td>SCHED_FIFO control priority, pinned, memory locked</td>
 *       <td>{@link RealTimeLoop} at 1 kHz running {@link SafetyTick}</td></tr>
 *   <tr><td>{@code safety-commands}</td><td>ordinary</td><td>{@link CommandDesk}: judges the guest's commands,
 *       hands the accepted ones to the tick, persists the settings, prints its decisions</td></tr>
 *   <tr><td>{@code safety-log}</td><td>ordinary</td><td>{@link PartitionLogPrinter}: alarm changes</td></tr>
 * </table>
 *
 * <p>{@link #open} does everything that can refuse (a missing or wrong channel file, a corrupt settings
 * file) before any thread starts; {@link #start} starts the threads; {@link #stop} stops them in order
 * (the loop first, so nothing touches the channels when they are unmapped) and unmaps. Lifecycle
 * events are one line each, through the log given.
 */
public final class SafetyPartitionProcess implements AutoCloseable {
    private static final long PERIOD_NS = 1_000_000L;
    private static final long JOIN_MS = 1_000;

    private final SafetyPartitionOptions options;
    private final Consumer<String> log;
    private final List<AutoCloseable> channels = new ArrayList<>();
    private final TickProgress progress = new TickProgress();
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private SensorBus bus;
    private CounterBoard counters;
    private SettingsInForce startSettings;
    private SafetyTick tick;
    private SimulatedVentilator ventilator;
    private RealTimeLoop loop;
    private AlarmWatchdog watchdog;
    private CommandDesk desk;
    private PartitionLogPrinter printer;
    private Thread loopThread;
    private Thread watchdogThread;
    private Thread deskThread;
    private Thread printerThread;
    private volatile Throwable loopFailure;
    private boolean stopped;
    private volatile boolean stopRequested;
    private int confineRefusals;

    private SafetyPartitionProcess(SafetyPartitionOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /** A start-up refusal: the message names the file and the problem. */
    public static final class StartupException extends Exception {
        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Maps every channel, loads the settings and assembles the partition; starts nothing.
     *
     * @throws StartupException naming the file and what is wrong with it
     */
    public static SafetyPartitionProcess open(SafetyPartitionOptions options, Consumer<String> log) throws StartupException {
        SafetyPartitionProcess p = new SafetyPartitionProcess(options, log);
        try {
            p.assemble();
            return p;
        } catch (StartupException | RuntimeException | Error e) {
            p.closeChannels();
            throw e;
        }
    }

    private void assemble() throws StartupException {
        RunDirectory dir = options.runDir();
        SettingsStore store = new SettingsStore(dir.safetySettings());
        SettingsInForce inForce;
        try {
            inForce = store.load().orElse(null);
        } catch (SettingsStore.SettingsFileException e) {
            throw new StartupException(e.getMessage(), e);
        }
        boolean fromFile = inForce != null;
        if (!fromFile) inForce = SettingsInForce.defaults();
        startSettings = inForce;

        bus = map("sensor bus", dir.sensorBus().toString(), () -> SensorBus.mapForWriter(dir.sensorBus()));
        CommandMailbox mailbox = map("command mailbox", dir.commandMailbox().toString(), () -> CommandMailbox.mapForSafety(dir.commandMailbox()));
        counters = map("counter board", dir.counters().toString(), () -> CounterBoard.mapReadWrite(dir.counters()));
        PlatformAlarmBoard platformAlarms = map("platform alarm board", dir.platformAlarms().toString(),
                () -> PlatformAlarmBoard.mapReadOnly(dir.platformAlarms()));

        try {
            ventilator = SimulatedVentilator.standard(inForce, bus.writer());
        } catch (IllegalStateException e) {
            throw new StartupException("the simulated ventilator cannot start: " + e.getMessage(), e);
        }
        AcceptedCommands accepted = new AcceptedCommands();
        CommandHandler handler = new CommandHandler(mailbox, accepted, inForce.settings(), inForce.limits(), counters,
                CommandHandlerConfig.DEFAULT);
        tick = new SafetyTick(ventilator, accepted, platformAlarms, counters, progress, options.resumed());
        loop = new RealTimeLoop(options.cpu(), options.controlPriority(), PERIOD_NS);
        watchdog = new AlarmWatchdog(progress, ventilator.plant, ventilator.outputs, ventilator.outputs, options.cpu(),
                options.alarmPriority(), log);
        desk = new CommandDesk(handler, store, log);
        printer = new PartitionLogPrinter(bus.newReader(Long.MAX_VALUE), counters, log);
        log.accept("starting: " + options.describe() + "; settings " + (fromFile ? "resumed from " + store.file()
                : "by default (no " + store.file() + ")") + ": " + SettingsStore.describe(inForce));
    }

    @FunctionalInterface
    private interface Mapping<T> {
        T map() throws IOException;
    }

    private <T extends AutoCloseable> T map(String what, String file, Mapping<T> mapping) throws StartupException {
        try {
            T channel = mapping.map();
            channels.add(channel);
            return channel;
        } catch (IOException | RuntimeException e) {
            throw new StartupException("cannot map the " + what + " " + file + ": " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file (the supervisor creates it)";
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Starts the threads: the watchdog first (it arms itself at the first tick), then the loop and the helpers. */
    public synchronized void start() {
        confineToCpu();
        watchdogThread = Thread.ofPlatform().name("safety-alarm-watchdog").daemon(true).start(watchdog);
        loopThread = Thread.ofPlatform().name("safety-control").start(this::runLoop);
        deskThread = Thread.ofPlatform().name("safety-commands").daemon(true).start(desk);
        printerThread = Thread.ofPlatform().name("safety-log").daemon(true).start(printer);
    }

    /**
     * This process's own threads on the safety CPU: they start from this one and inherit it. A safepoint stops the
     * tick until every Java thread has reached it; our ordinary threads (command desk, log) left on a CPU the guest
     * keeps busy reached it late, and the tick woke 52 ms late while the guest booted. On the safety CPU, idle
     * between ticks and never the guest's, they get there at once, and the real-time threads preempt them. The
     * JVM's own threads (compiler, VM thread) are left where the kernel puts them: confined to the safety CPU too,
     * a tick stalled 950 ms — something at real-time priority waited on one of them, which only RT throttling let
     * run.
     */
    private void confineToCpu() {
        java.util.BitSet cpu = new java.util.BitSet();
        cpu.set(options.cpu());
        try {
            LinuxHost.setCurrentThreadAffinity(cpu);
            log.accept("this process's own threads on CPU " + options.cpu() + " (the JVM's own threads where the kernel puts them)");
        } catch (HostCallException e) {
            confineRefusals = 1;
            log.accept("degraded: this process's threads stay on every CPU, so a safepoint may wait for one on a busy CPU: "
                    + e.getMessage());
        }
    }

    private void runLoop() {
        long warmUpNs = System.nanoTime();
        TickWarmUp.run(startSettings, TickWarmUp.TICKS);
        log.accept(String.format(java.util.Locale.ROOT, "warmed up: %d ticks on a twin of the partition in %d ms (classes loaded, code compiled)",
                TickWarmUp.TICKS, (System.nanoTime() - warmUpNs) / 1_000_000));
        settleHeap();
        loop.prepare();
        try {
            List<String> refused = loop.degradations();
            if (refused.isEmpty()) {
                log.accept("control loop: CPU " + options.cpu() + ", SCHED_FIFO " + options.controlPriority()
                        + ", memory locked, 1 kHz");
            }
            for (String d : refused) log.accept("degraded: control loop " + d);
            waitForWatchdog();
            for (String d : watchdog.degradations()) log.accept("degraded: " + d);
            counters.set(CounterId.SAFETY_REALTIME_REFUSALS,
                    refused.size() + watchdog.degradations().size() + confineRefusals);
            if (options.resumed()) {
                log.accept("resumed after the previous safety partition process died: CONTROL_FAILURE raised until acknowledged");
            }
            log.accept("started: ventilating the simulated patient in " + ventilator.controller.settings().mode()
                    + "; sensor bus, command mailbox and counters live");
            loop.runUntilStopped(tick, tick);
        } catch (Throwable t) {
            loopFailure = t;
            log.accept("control loop FAILED: " + t);
        } finally {
            loop.release();
            loopEnded.countDown();
        }
    }

    /**
     * One full collection before real time. Everything the process built to run (the partition, the patient, the
     * warm-up's garbage) sits in the young generation; the first young collection in real time would copy all that
     * is live, tens of milliseconds on a slow machine — long enough for the watchdog to take the loop for hung. After
     * this, what is live is in the old generation and a later young collection (the command desk allocates) copies
     * only its own few objects.
     */
    private void settleHeap() {
        long startNs = System.nanoTime();
        System.gc();
        log.accept(String.format(java.util.Locale.ROOT, "heap settled before real time: one full collection, %d ms; "
                + "collections from here on are counted on the counter board", (System.nanoTime() - startNs) / 1_000_000));
        printer.startCountingCollections();
    }

    private void waitForWatchdog() {
        for (int i = 0; i < 100 && !watchdog.prepared(); i++) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Blocks until the control loop ends: stopped, or failed ({@link #loopFailure()}). */
    public void awaitLoopEnd() throws InterruptedException {
        loopEnded.await();
    }

    /** Why the loop ended by itself, or null. */
    public Throwable loopFailure() {
        return loopFailure;
    }

    /** Whether {@link #stop} has been called. */
    public boolean stopping() {
        return stopRequested;
    }

    /** Stops the loop (after its tick under way), then the watchdog and the helpers, and unmaps. Idempotent. */
    public void stop() {
        stopRequested = true;
        synchronized (this) {
            stopInOrder();
        }
    }

    private void stopInOrder() {
        if (stopped) return;
        stopped = true;
        log.accept("stopping");
        if (watchdog != null) watchdog.requestStop(); // a loop that stops on request is not a hung loop
        loop.requestStop();
        join(loopThread, "control loop");
        if (counters != null) {
            log.accept(String.format(java.util.Locale.ROOT,
                    "loop: %d ticks in this process (%d on the counters), longest tick %d us, latest wake-up %d us late, %d deadline misses",
                    progress.completed(), counters.get(CounterId.LOOP_TICKS), counters.get(CounterId.LOOP_MAX_DURATION_NS) / 1000,
                    counters.get(CounterId.LOOP_MAX_LATENESS_NS) / 1000, counters.get(CounterId.DEADLINE_MISSES)));
        }
        join(watchdogThread, "alarm watchdog");
        desk.requestStop();
        join(deskThread, "command desk");
        printer.requestStop();
        join(printerThread, "log");
        if (loopThread == null || !loopThread.isAlive()) {
            closeChannels();
        } else {
            log.accept("control loop did not stop in time: channels left mapped");
        }
        log.accept("stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private void join(Thread t, String what) {
        if (t == null) return;
        try {
            t.join(JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) log.accept(what + " thread did not stop within " + JOIN_MS + " ms");
    }

    private void closeChannels() {
        for (int i = channels.size() - 1; i >= 0; i--) {
            try {
                channels.get(i).close();
            } catch (Exception e) {
                log.accept("unmapping failed: " + e);
            }
        }
        channels.clear();
    }

    /** Waits up to {@code timeoutMs} for the first tick; true if it came. For tests and start-up reports. */
    boolean awaitFirstTick(long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (progress.completed() == 0) {
            if (System.nanoTime() - end > 0) return false;
            Thread.sleep(1);
        }
        return true;
    }
}
