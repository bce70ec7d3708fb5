package org.pneuma.hypervisor.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.channel.HeartbeatBoard;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.channel.ReadStatus;
import org.pneuma.channel.RunDirectory;
import org.pneuma.channel.SensorBus;
import org.pneuma.channel.SensorBusReader;
import org.pneuma.channel.SensorSample;
import org.pneuma.hypervisor.config.GuestBackendChoice;
import org.pneuma.hypervisor.config.PartitionConfig;
import org.pneuma.hypervisor.guest.GuestBackend;
import org.pneuma.hypervisor.guest.GuestNamespace;
import org.pneuma.hypervisor.guest.GuestPartition;
import org.pneuma.hypervisor.guest.GuestPartitionSpec;
import org.pneuma.hypervisor.guest.ProcessBackend;
import org.pneuma.hypervisor.guest.SandboxBackend;

/**
 * The hypervisor level's supervisor: boots the system from its configuration and keeps it up.
 *
 * <ol>
 * <li>Creates the run directory and every channel in it (sensor bus, command mailbox, heartbeat, counter
 * and platform alarm boards), after reclaiming what a killed supervisor left there.</li>
 * <li>Starts the safety partition's process and waits until it ticks.</li>
 * <li>Starts the guest partition on the chosen backend and its services in it.</li>
 * <li>Every {@value #PERIOD_MS} ms: restarts a safety process that died or stopped ticking (it resumes the
 * last accepted settings and raises CONTROL_FAILURE), and lets {@link GuestSupervision} judge the
 * guest services by their heartbeats.</li>
 * <li>Answers {@code status} and {@code fault …} on its control endpoint (loopback TCP, with a token).</li>
 * <li>{@link #shutdown()}: guest first, then safety, then the run directory — nothing is left.</li>
 * </ol>
 *
 * <p>The supervisor is never on the ventilation path: if it dies, the safety partition goes on
 * ventilating and alarming on its own.
 */
public final class Supervisor implements AutoCloseable {
    static final int PERIOD_MS = 100;
    private static final int BUS_SLOTS = 1024;
    private static final long BUS_PERIOD_NS = 1_000_000;
    private static final long BUS_STALE_NS = 100_000_000;
    private static final int EVENTS_KEPT = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final SupervisorOptions options;
    private final RunDirectory run;
    private final Consumer<String> out;
    private final Deque<String> events = new ArrayDeque<>();
    private final long startedNs = System.nanoTime();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Path scratch;
    private SensorBus bus;
    private SensorBusReader busReader;
    private final SensorSample sample = new SensorSample();
    private CounterBoard counters;
    private HeartbeatBoard heartbeats;
    private PlatformAlarmBoard platformAlarms;
    private SafetyProcess safety;
    private GuestSupervision guest;
    private FaultInjector faults;
    private ControlServer control;
    /** Set once: no check, status or fault after it. */
    private volatile boolean shutDown;
    /** Held while the mapped channels are read for a status and while they are unmapped: never read unmapped memory. */
    private final Object channelsLock = new Object();
    private boolean channelsUnmapped;

    private Supervisor(SupervisorOptions options, Consumer<String> out) {
        this.options = options;
        this.run = options.run();
        this.out = out;
        this.scratch = RunLeftovers.scratchDirectory(run);
    }

    /**
     * Boots the system. On any failure, what was started is stopped again and the exception names the cause.
     *
     * @param out receives every log line (time-stamped)
     */
    public static Supervisor boot(SupervisorOptions options, PartitionCommands commands, Consumer<String> out) {
        Supervisor supervisor = new Supervisor(options, out);
        try {
            supervisor.start(commands);
            return supervisor;
        } catch (RuntimeException e) {
            supervisor.log("boot failed: " + e.getMessage());
            try {
                supervisor.shutdown();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void start(PartitionCommands commands) {
        PartitionConfig safetyConfig = options.config().safety();
        PartitionConfig guestConfig = options.config().guest();
        String guestName = guestPartitionName();
        if (ControlClient.isRunning(run)) {
            throw new SupervisorException("a system is already running at " + run.root()
                + ": stop it first (Ctrl-C in its terminal), or give another --run-dir");
        }
        GuestBackend backend = chooseBackend(guestConfig);
        for (String note : notEnforced(safetyConfig, guestConfig)) {
            log("configuration: " + note);
        }
        for (String leftover : RunLeftovers.reclaim(run, guestName)) {
            log("reclaimed from a supervisor that did not shut down: " + leftover);
        }
        createChannels(guestConfig.services().size());
        safety = new SafetyProcess(commands, run, safetyConfig, counters, this::log);
        safety.start(false);
        guest = new GuestSupervision(backend, guestSpec(guestName, guestConfig), guestConfig.services(),
            guestConfig.restart(), commands, run, heartbeats.reader(), platformAlarms, this::log);
        guest.start();
        faults = new FaultInjector(guest, commands, run, scratch, this::log);
        control = ControlServer.listen(run, this::handle);
        log("system up: run directory " + run.root() + ", control endpoint on loopback port "
            + readQuietly(run.controlPort()) + " (token in " + run.controlToken() + ")");
    }

    /**
     * The guest partition's name, which names its cgroups: the configuration's name and a tag of the run directory,
     * so two systems in two run directories never share (or reclaim) each other's cgroups.
     */
    private String guestPartitionName() {
        String configured = options.config().partitions().entrySet().stream()
            .filter(e -> e.getValue() == options.config().guest()).map(Map.Entry::getKey).findFirst().orElse("guest");
        String tag = RunLeftovers.tag(run);
        String safe = configured.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return safe.substring(0, Math.min(safe.length(), 30)) + "-" + tag;
    }

    /** What the configuration asks that this supervisor does not do, said at boot rather than silently ignored. */
    static List<String> notEnforced(PartitionConfig safety, PartitionConfig guest) {
        List<String> notes = new ArrayList<>();
        if (safety.cpuBudgetPct() != null || safety.memoryMb() != null) {
            notes.add("the safety partition's cpu_budget_pct and memory_mb are not enforced: its process runs in no "
                + "cgroup (it has its CPU to itself; its heap is fixed by its JVM options)");
        }
        if (safety.scheduling() != null && !"fifo".equalsIgnoreCase(safety.scheduling().policy())) {
            notes.add("the safety partition's scheduling policy '" + safety.scheduling().policy()
                + "' is not used: it always asks for SCHED_FIFO");
        }
        if (safety.scheduling() != null) {
            notes.add("publisher_priority " + safety.scheduling().publisherPriority()
                + " is not used: the sensor bus is published inside the control tick");
        }
        if (guest.restart() != null && guest.restart().policy() != null && !"on_failure".equals(guest.restart().policy())) {
            notes.add("the guest restart policy '" + guest.restart().policy() + "' is not supported: guest services "
                + "are restarted on failure");
        }
        return notes;
    }

    private GuestBackend chooseBackend(PartitionConfig guestConfig) {
        GuestBackendChoice choice = options.guestBackend() != null ? options.guestBackend()
            : guestConfig.backend() == null ? GuestBackendChoice.STRONGEST : guestConfig.backend();
        SandboxBackend sandbox = SandboxBackend.onThisHost();
        List<String> missing = sandbox.missingPrerequisites();
        return switch (choice) {
            case VM -> throw new SupervisorException("the vm guest backend is not available in this build: "
                + "choose sandbox or process (pneuma doctor says what this host supports)");
            case SANDBOX -> {
                if (!missing.isEmpty()) {
                    throw new SupervisorException("the sandbox guest backend needs what this host lacks: "
                        + String.join(", ", missing) + " (run as root, or choose --guest process, which isolates nothing)");
                }
                yield sandbox;
            }
            case STRONGEST -> {
                if (missing.isEmpty()) {
                    log("guest backend: sandbox (strongest this host supports; the vm backend is not available in this build)");
                    yield sandbox;
                }
                log("WARNING: the sandbox backend needs what this host lacks (" + String.join(", ", missing)
                    + "); falling back to the process backend, WHICH ISOLATES NOTHING");
                yield ProcessBackend.create();
            }
            case PROCESS -> {
                log("WARNING: guest backend process chosen: THE GUEST PARTITION IS NOT ISOLATED");
                yield ProcessBackend.create();
            }
        };
    }

    private GuestPartitionSpec guestSpec(String name, PartitionConfig config) {
        String cpus = config.cpus().stream().map(String::valueOf).collect(Collectors.joining(","));
        int budget = config.cpuBudgetPct() == null ? 100 * config.cpus().size() : (int) Math.round(config.cpuBudgetPct());
        long memory = (config.memoryMb() == null ? 512L : config.memoryMb()) * 1024 * 1024;
        int pids = config.pidsMax() == null ? 256 : config.pidsMax();
        return new GuestPartitionSpec(name, cpus, budget, memory, pids, EnumSet.allOf(GuestNamespace.class),
            run.guestReadOnly(), Map.of());
    }

    private void createChannels(int services) {
        try {
            Files.createDirectories(run.safetyDirectory());
            Files.createDirectories(run.guestDirectory());
            Files.createDirectories(scratch);
            SensorBus.createFile(run.sensorBus(), BUS_SLOTS, BUS_PERIOD_NS).close();
            CommandMailbox.createFile(run.commandMailbox()).close();
            HeartbeatBoard.createFile(run.guestHeartbeats(), services).close();
            CounterBoard.createFile(run.counters()).close();
            platformAlarms = PlatformAlarmBoard.createFile(run.platformAlarms());
            bus = SensorBus.mapReadOnly(run.sensorBus());
            busReader = bus.newReader(BUS_STALE_NS);
            counters = CounterBoard.mapReadOnly(run.counters());
            heartbeats = HeartbeatBoard.mapReadOnly(run.guestHeartbeats());
        } catch (IOException e) {
            throw new SupervisorException("cannot create the channels in " + run.root() + ": " + e.getMessage(), e);
        }
        log("channels created in " + run.root() + ": sensor bus (" + BUS_SLOTS + " slots), command mailbox, "
            + services + " heartbeat slots, counters, platform alarms");
    }

    /**
     * Supervises until {@code duration} has passed ({@code null}: until {@link #requestStop()} or a {@code stop}
     * request), then returns; the caller shuts down.
     */
    public void run(Duration duration) {
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try {
            while (System.nanoTime() - end < 0 || duration == null) {
                if (stopRequested.await(PERIOD_MS, TimeUnit.MILLISECONDS)) {
                    return;
                }
                check(System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends {@link #run} at its next period. Any thread. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Supervisor thread only (the caller of {@link #run}). */
    private void check(long nowNs) {
        if (shutDown) return;
        switch (safety.check(nowNs)) {
            case DIED -> safety.restart("its process exited");
            case HUNG -> safety.restart("no tick for more than "
                + TimeUnit.NANOSECONDS.toMillis(SafetyProcess.HUNG_AFTER_NS) + " ms");
            case TICKING, STARTING -> { }
        }
        try {
            guest.check(nowNs);
        } catch (RuntimeException e) {
            log("guest supervision failed this period (retried at the next): " + e.getMessage());
        }
    }

    /** A control endpoint request; the reply is JSON, or {@code error: …}. */
    private String handle(String request) {
        List<String> words = request.isBlank() ? List.of() : Arrays.asList(request.strip().split("\\s+"));
        if (words.isEmpty()) {
            return "error: empty request; expected status, fault <kind> [seconds] [options] or ping";
        }
        return switch (words.getFirst()) {
            case "ping" -> "pong";
            case "status" -> status().toJson();
            case "fault" -> fault(words.subList(1, words.size()));
            default -> "error: unknown request '" + words.getFirst() + "'; expected status, fault or ping";
        };
    }

    private String fault(List<String> args) {
        if (args.isEmpty()) {
            return "error: which fault? one of " + kinds();
        }
        FaultKind kind = FaultKind.ofLabel(args.getFirst()).orElse(null);
        if (kind == null) {
            return "error: unknown fault '" + args.getFirst() + "'; one of " + kinds();
        }
        Duration duration = FaultInjector.DEFAULT_LOAD_DURATION;
        List<String> rest = args.subList(1, args.size());
        if (!rest.isEmpty() && rest.getFirst().matches("\\d{1,4}")) {
            duration = Duration.ofSeconds(Long.parseLong(rest.getFirst()));
            rest = rest.subList(1, rest.size());
        }
        if (shutDown) return "error: the system is shutting down";
        return faults.inject(kind, duration, rest).toJson();
    }

    private static String kinds() {
        return Arrays.stream(FaultKind.values()).map(FaultKind::label).collect(Collectors.joining(", "));
    }

    /** What {@code pneuma status} shows. Any thread. */
    public SystemStatus status() {
        long now = System.nanoTime();
        GuestPartition partition = guest == null ? null : guest.partition();
        SystemStatus.Guest guestStatus = partition == null ? null : new SystemStatus.Guest(partition.backend(),
            partition.spec().name(), partition.spec().cpus(), partition.spec().cpuBudgetPercent(),
            partition.spec().memoryLimitBytes(), partition.spec().pidsLimit(), partition.limits().toLines(),
            partition.isolation().notInForce(), guest.partitionRestarts(), guest.services(now));
        PartitionConfig safetyConfig = options.config().safety();
        SystemStatus.Safety safetyStatus = null;
        SystemStatus.Numerics numerics = null;
        SystemStatus.Loop loop = null;
        SystemStatus.Commands commands = null;
        synchronized (channelsLock) {
            if (!channelsUnmapped && counters != null) {
                if (safety != null) {
                    safetyStatus = new SystemStatus.Safety(safety.pid(), safety.isAlive(), safety.cpu(),
                        safetyConfig.scheduling().controlPriority(), safetyConfig.scheduling().alarmPriority(),
                        safety.restarts(), counters.get(CounterId.SAFETY_REALTIME_REFUSALS));
                }
                numerics = numerics(now);
                loop = new SystemStatus.Loop(counters.get(CounterId.LOOP_TICKS),
                    counters.get(CounterId.LOOP_LAST_DURATION_NS) / 1e3, counters.get(CounterId.LOOP_MAX_DURATION_NS) / 1e3,
                    counters.get(CounterId.LOOP_MAX_LATENESS_NS) / 1e3, counters.get(CounterId.DEADLINE_MISSES),
                    counters.get(CounterId.SAFETY_GC_COLLECTIONS));
                commands = new SystemStatus.Commands(counters.get(CounterId.COMMANDS_ACCEPTED),
                    counters.get(CounterId.COMMANDS_REJECTED), counters.get(CounterId.COMMANDS_RATE_LIMITED),
                    counters.get(CounterId.COMMAND_FRAMES_GARBLED));
            }
        }
        List<String> alarms = numerics == null ? List.of() : options.alarmNames().apply(numerics.alarmBits());
        return new SystemStatus(ProcessHandle.current().pid(), run.root().toString(), (now - startedNs) / 1e9,
            safetyStatus, guestStatus, numerics, alarms, loop, commands, recentEvents());
    }

    private SystemStatus.Numerics numerics(long nowNs) {
        if (busReader == null) return null;
        ReadStatus read = busReader.readLatest(sample, nowNs);
        if (!read.hasSample()) {
            return new SystemStatus.Numerics(false, read.name(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new SystemStatus.Numerics(read == ReadStatus.OK, read.name(), sample.sequence(),
            sample.airwayPressureCmH2O(), sample.patientFlowMlPerS() * 0.06, sample.volumeMl(), sample.oxygenPercent(),
            sample.breathNumber(), sample.pipCmH2O(), sample.peepCmH2O(), sample.vtiMl(), sample.vteMl(),
            sample.rateBpm(), sample.minuteVolumeLpm(), sample.ieRatio(), sample.alarmBits());
    }

    /**
     * Stops everything in order — control endpoint, guest partition, safety partition — and removes the run
     * directory. Idempotent.
     *
     * @throws SupervisorException naming what was left behind, after trying every step
     */
    public void shutdown() {
        synchronized (this) {
            if (shutDown) return;
            shutDown = true;
        }
        requestStop();
        List<String> problems = new ArrayList<>();
        log("shutting down: guest partition first, then the safety partition");
        if (control != null) control.close();
        if (faults != null) faults.close();
        try {
            if (guest != null) guest.stop();
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        if (safety != null) safety.stop();
        synchronized (channelsLock) {
            channelsUnmapped = true;
            for (AutoCloseable mapping : new AutoCloseable[] {bus, counters, heartbeats, platformAlarms}) {
                try {
                    if (mapping != null) mapping.close();
                } catch (Exception e) {
                    problems.add("unmap: " + e.getMessage());
                }
            }
        }
        try {
            RunLeftovers.deleteTree(run.root());
            RunLeftovers.deleteTree(scratch);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new SupervisorException("shutdown left behind: " + String.join("; ", problems));
        }
        log("shut down: no process, cgroup or shared-memory file of the system is left");
    }

    @Override
    public void close() {
        shutdown();
    }

    public RunDirectory runDirectory() {
        return run;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private List<String> recentEvents() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    private void log(String line) {
        String stamped = LocalTime.now().format(TIME) + " " + line;
        synchronized (events) {
            events.addLast(stamped);
            while (events.size() > EVENTS_KEPT) events.removeFirst();
        }
        out.accept(stamped);
    }
}
