package org.pneuma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Set;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.pneuma.hypervisor.guest.GuestBackend;
import org.pneuma.hypervisor.guest.GuestLoad;
import org.pneuma.hypervisor.guest.GuestPartition;
import org.pneuma.hypervisor.guest.GuestPartitionException;
import org.pneuma.hypervisor.guest.ProcessBackend;
import org.pneuma.hypervisor.guest.SandboxBackend;
import org.pneuma.hypervisor.runtime.RealTimeLoop;
import org.pneuma.simulation.ScenarioRunner;
import org.pneuma.simulation.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pneuma bench loop}: the safety partition's tick in real time — pinned, SCHED_FIFO, memory
 * locked, woken by absolute CLOCK_MONOTONIC deadlines at 1 kHz, driving the simulated patient — and,
 * in the same conditions right after, {@code cyclictest}, the yardstick of this machine's timer
 * latency. Reports wake-up latency percentiles of both and their ratio. With {@code --stress}, measures both twice:
 * unstressed, then with a guest partition beside the loop running a {@link GuestLoad}, and judges the targets.
 */
@Command(name = "loop",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Measure the real-time loop of the safety partition against cyclictest (Debian rt-tests) on the "
                        + "same CPU, priority and period, with or without a misbehaving guest partition beside it.",
                "",
                "The loop runs the real partition tick (control, alarm monitor, sounder and light, sensor bus) "
                        + "on the simulated patient for SECONDS, pinned to --cpu at SCHED_FIFO --priority, memory "
                        + "locked; then cyclictest runs as long with the same settings. Both report wake-up "
                        + "latency (how late after its deadline the thread ran): p50, p99, p99.9, max, and the "
                        + "ratio loop/cyclictest. Target: p99.9 loop/cyclictest <= 1.5. These machines are VMs with "
                        + "rare multi-millisecond stalls that hit cyclictest too: read the ratios, not the absolutes; "
                        + "a max beyond one period is called a VM stall only if cyclictest saw one at least half as long.",
                "",
                "With --stress, a guest partition is started with the configured guest's limits (the sandbox "
                        + "backend: CPU 0 — or the first CPU that is not --cpu —, 50 %% of it, 768 MiB, 256 processes, "
                        + "own pid, mount and net namespaces) and the load runs in it: cpu (two busy loops), memory "
                        + "(allocating past the memory limit until the OOM killer ends it, again and again), fork (a "
                        + "fork bomb held by the pids limit; beside other loads a fork storm that leaves them room), "
                        + "io (16 MiB O_DIRECT+fsync writes to a scratch directory, without end), or all four. "
                        + "Then the loop and cyclictest are measured twice, SECONDS each time: unstressed first, "
                        + "then with the load running. The bench prints the partition's limits as the kernel holds "
                        + "them, what the load did (guest CPU use, throttling, memory peak, OOM kills, refused "
                        + "forks, MiB written), and the ratio stressed/unstressed; target: the loop's p99.9 under "
                        + "--stress all at most 1.2 times its unstressed p99.9. The partition is stopped and the "
                        + "scratch directory removed at the end, whatever happens.",
                "",
                "Needs root for SCHED_FIFO and mlockall; without, it runs and says what it could not do. --stress "
                        + "needs the sandbox backend (root, util-linux, the cpu, cpuset, memory and pids cgroup "
                        + "controllers) and refuses to start without it, naming what is missing; --guest process "
                        + "runs the load as plain child processes instead, which ISOLATES NOTHING (no CPU, memory or "
                        + "pids limit: fork and all are refused there).",
                ""},
        footer = {"", "Exit status: 0 when every target is met (or could not be judged), 1 when one is missed, "
                + "2 for bad options, 3 when the host cannot give the guest partition what it needs.",
                "",
                "Examples:  pneuma bench loop --seconds 30",
                "           pneuma bench loop --seconds 30 --stress all"})
final class LoopBenchCommand implements Callable<Integer> {
    private static final long PERIOD_NS = 1_000_000L;
    private static final double PERIOD_US = PERIOD_NS / 1000.0;
    /** Exit status when the host lacks what the guest partition needs. */
    static final int HOST_LACKS = 3;
    /** Target: the loop's p99.9 at most this many times cyclictest's, unstressed. */
    static final double TARGET_LOOP_OVER_CYCLICTEST = 1.5;
    /** Target: the loop's p99.9 under --stress all at most this many times its unstressed p99.9. */
    static final double TARGET_STRESSED_OVER_UNSTRESSED = 1.2;
    /** The guest partition's log: its limits and stop are in the bench's own report, so only warnings go to stderr. */
    private static final java.util.logging.Logger GUEST_LOG = java.util.logging.Logger.getLogger("org.pneuma.hypervisor.guest");
    /** Time the loads get to reach their steady state before the stressed measurement begins. */
    private static final long SETTLE_MS = 2_000;

    /** What loads the guest partition runs during the stressed measurement. */
    enum Stress {
        NONE(EnumSet.noneOf(GuestLoad.class)),
        CPU(EnumSet.of(GuestLoad.CPU)),
        MEMORY(EnumSet.of(GuestLoad.MEMORY)),
        FORK(EnumSet.of(GuestLoad.FORK)),
        IO(EnumSet.of(GuestLoad.IO)),
        ALL(EnumSet.allOf(GuestLoad.class));

        private final Set<GuestLoad> loads;

        Stress(Set<GuestLoad> loads) {
            this.loads = loads;
        }

        Set<GuestLoad> loads() {
            return EnumSet.copyOf(loads.isEmpty() ? EnumSet.noneOf(GuestLoad.class) : loads);
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which backend fences the load in. */
    enum Guest {
        SANDBOX, PROCESS;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final class StressConverter implements CommandLine.ITypeConverter<Stress> {
        @Override
        public Stress convert(String value) {
            return parse(Stress.class, value, "none, cpu, memory, fork, io, all");
        }
    }

    static final class GuestConverter implements CommandLine.ITypeConverter<Guest> {
        @Override
        public Guest convert(String value) {
            return parse(Guest.class, value, "sandbox, process");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String expected) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) return e;
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + expected);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "30", description = "How long each run lasts (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--cpu", paramLabel = "CPU", defaultValue = "1", description = "CPU for the loop and cyclictest (default: ${DEFAULT-VALUE}).")
    int cpu;

    @Option(names = "--priority", paramLabel = "P", defaultValue = "80", description = "SCHED_FIFO priority (default: ${DEFAULT-VALUE}).")
    int priority;

    @Option(names = "--stress", paramLabel = "LOAD", defaultValue = "none", converter = StressConverter.class,
            description = "Load run in a guest partition during a second, stressed pair of runs: none, cpu, memory, "
                    + "fork, io or all (default: ${DEFAULT-VALUE}).")
    Stress stress;

    @Option(names = "--guest", paramLabel = "BACKEND", defaultValue = "sandbox", converter = GuestConverter.class,
            description = "Backend of the stressing guest partition: sandbox (cgroups + namespaces, needs root), or "
                    + "process, which ISOLATES NOTHING (default: ${DEFAULT-VALUE}).")
    Guest guest;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** The yardstick's executable, looked up on PATH (a test names one that does not exist). */
    String cyclictest = "cyclictest";

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        int cpus = Runtime.getRuntime().availableProcessors();
        if (seconds < 1 || seconds > 3600) {
            err.println("pneuma bench loop: --seconds must be 1–3600, was " + seconds);
            return ExitCode.BAD_INPUT;
        }
        if (cpu < 0 || cpu >= cpus) {
            err.println("pneuma bench loop: --cpu " + cpu + " does not exist (CPUs 0–" + (cpus - 1) + ")");
            return ExitCode.BAD_INPUT;
        }
        Set<GuestLoad> loads = stress.loads();
        GuestBackend backend = null;
        String guestCpus = Integer.toString(cpu == 0 ? 1 : 0);
        if (stress != Stress.NONE) {
            if (cpus < 2) {
                err.println("pneuma bench loop: --stress needs a CPU for the guest partition besides the loop's CPU " + cpu
                        + "; this host has one CPU");
                return HOST_LACKS;
            }
            if (guest == Guest.SANDBOX) {
                SandboxBackend sandbox = SandboxBackend.onThisHost();
                List<String> missing = sandbox.missingPrerequisites();
                if (!missing.isEmpty()) {
                    err.println("pneuma bench loop: --stress " + stress.label() + " runs the load in a sandboxed guest "
                            + "partition, and this host lacks: " + String.join(", ", missing) + ".");
                    err.println("pneuma bench loop: 'pneuma doctor' says what the host offers. --guest process would run "
                            + "the load unconfined, which isolates nothing.");
                    return HOST_LACKS;
                }
                backend = sandbox;
            } else {
                if (loads.contains(GuestLoad.FORK)) {
                    err.println("pneuma bench loop: --stress " + stress.label() + " with --guest process is refused: the "
                            + "process backend has no pids limit, so the fork bomb would fill the host's own process table");
                    return ExitCode.BAD_INPUT;
                }
                err.println("pneuma bench loop: WARNING: --guest process ISOLATES NOTHING: the load runs as plain "
                        + "child processes of this JVM, on any CPU, with no CPU, memory or pids limit. This measures "
                        + "the host's scheduler, not a guest partition.");
                backend = ProcessBackend.create();
            }
        }

        GUEST_LOG.setLevel(java.util.logging.Level.WARNING);
        Measurement calm;
        Measurement stressed = null;
        StressReport report = null;
        LoopStressRun run = null;
        try {
            if (backend != null) {
                try {
                    run = LoopStressRun.start(backend, LoopStressRun.spec(guestCpus), loads);
                } catch (GuestPartitionException e) {
                    err.println("pneuma bench loop: cannot start the guest partition: " + e.getMessage());
                    return HOST_LACKS;
                }
            }
            calm = measure(err);
            if (run != null) {
                try {
                    run.launchLoads();
                } catch (GuestPartitionException e) {
                    err.println("pneuma bench loop: cannot launch the load: " + e.getMessage());
                    return HOST_LACKS;
                }
                Thread.sleep(SETTLE_MS);
                run.markStart();
                stressed = measure(err);
                run.markEnd();
                GuestPartition partition = run.partition();
                report = new StressReport(partition.spec().name(), partition.backend(), partition.spec().cpus(),
                        run.limitLines(), run.effect());
            }
        } finally {
            if (run != null) run.close();
        }

        List<Verdict> verdicts = verdicts(calm, stressed, stress);
        boolean missed = verdicts.stream().anyMatch(Verdict::counts);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    json(calm, stressed, report, verdicts)));
        } else {
            printText(out, calm, stressed, report, verdicts);
        }
        return missed ? ExitCode.FAILED : ExitCode.OK;
    }

    /** One loop run and one cyclictest run after it, as long each. */
    private Measurement measure(PrintWriter err) throws Exception {
        java.util.TreeSet<String> neighbours = new java.util.TreeSet<>(RealTimeNeighbours.on(cpu));
        LoopResult loop = runLoop();
        neighbours.addAll(RealTimeNeighbours.on(cpu));
        Percentiles cyclic = runCyclictest(err);
        neighbours.addAll(RealTimeNeighbours.on(cpu));
        return new Measurement(loop, cyclic, List.copyOf(neighbours));
    }

    private Map<String, Object> json(Measurement calm, Measurement stressed, StressReport report, List<Verdict> verdicts) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", seconds);
        result.put("cpu", cpu);
        result.put("priority", priority);
        result.put("stress", stress.label());
        result.putAll(calm.asMap());
        if (stressed != null) {
            result.put("stressed", stressed.asMap());
            Map<String, Double> ratio = new LinkedHashMap<>();
            ratio.put("loop_p99_9", stressed.loop().percentiles().p999() / Math.max(1e-3, calm.loop().percentiles().p999()));
            ratio.put("cyclictest_p99_9", calm.cyclic() == null || stressed.cyclic() == null ? null
                    : stressed.cyclic().p999() / Math.max(1, calm.cyclic().p999()));
            result.put("ratio_stressed_over_unstressed", ratio);
        }
        if (report != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("partition", report.partition());
            g.put("backend", report.backend());
            g.put("cpus", report.cpus());
            g.put("limits", report.limits());
            g.put("settle_ms", SETTLE_MS);
            g.put("effect_during_stressed_runs", report.effect().asMap());
            result.put("guest", g);
        }
        List<Map<String, Object>> v = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", verdict.status());
            m.put("check", verdict.check());
            m.put("detail", verdict.detail());
            v.add(m);
        }
        result.put("verdicts", v);
        return result;
    }

    private void printText(PrintWriter out, Measurement calm, Measurement stressed, StressReport report, List<Verdict> verdicts) {
        out.printf(Locale.ROOT, "real-time loop vs cyclictest: %d s each, CPU %d, SCHED_FIFO %d, period 1 ms%s%n", seconds, cpu,
                priority, report == null ? "" : "; stress " + stress.label() + " in guest partition " + report.partition()
                        + " (" + report.backend() + ", CPU " + report.cpus() + ")");
        for (String d : calm.loop().degradations()) out.println("  NOTE: " + d);
        if (report != null) {
            if (report.backend().equals(Guest.PROCESS.label())) {
                out.println("  WARNING: the guest partition is the process backend: IT ISOLATES NOTHING");
            }
            out.println("guest partition limits (read back from the kernel):");
            for (String line : report.limits()) out.println("  " + line);
            out.println("guest load: " + stress.label() + " — " + String.join("; ",
                    stress.loads().stream().map(l -> l.serviceName() + ": " + l.summary()).toList()));
        }
        out.printf(Locale.ROOT, "%-20s %8s %8s %8s %8s   (wake-up latency, µs)%n", "", "p50", "p99", "p99.9", "max");
        if (stressed == null) {
            printMeasurement(out, "", calm);
        } else {
            out.println("unstressed");
            printMeasurement(out, "  ", calm);
            out.println("stressed (" + stress.label() + ")");
            printMeasurement(out, "  ", stressed);
            out.println("stressed/unstressed");
            printRatio(out, "  loop", stressed.loop().percentiles(), calm.loop().percentiles(), 1e-3);
            if (calm.cyclic() != null && stressed.cyclic() != null) {
                printRatio(out, "  cyclictest", stressed.cyclic(), calm.cyclic(), 1);
            }
        }
        printTicks(out, stressed == null ? "loop" : "loop, unstressed", calm.loop());
        if (stressed != null) printTicks(out, "loop, stressed", stressed.loop());
        if (report != null) {
            out.printf(Locale.ROOT, "guest load during the stressed runs (launched %d ms before them):%n", SETTLE_MS);
            for (String line : report.effect().lines()) out.println("  " + line);
        }
        printNeighbours(out, stressed == null ? "" : "unstressed ", calm);
        if (stressed != null) printNeighbours(out, "stressed ", stressed);
        out.println("targets:");
        for (Verdict verdict : verdicts) {
            out.printf(Locale.ROOT, "  %-10s %s%s%n", verdict.status(), verdict.check(),
                    verdict.detail().isEmpty() ? "" : ": " + verdict.detail());
        }
    }

    private void printNeighbours(PrintWriter out, String run, Measurement m) {
        if (m.neighbours().isEmpty()) return;
        out.printf(Locale.ROOT, "NOTE: other real-time threads could run on CPU %d during the %sruns: the figures are not this "
                + "bench's alone:%n", cpu, run);
        for (String n : m.neighbours()) out.println("  " + n);
    }

    private static void printMeasurement(PrintWriter out, String indent, Measurement m) {
        print(out, indent + "loop", m.loop().percentiles());
        if (m.cyclic() != null) {
            print(out, indent + "cyclictest", m.cyclic());
            printRatio(out, indent + "ratio", m.loop().percentiles(), m.cyclic(), 1);
        } else {
            out.println(indent + "cyclictest          (not run)");
        }
    }

    private static void printRatio(PrintWriter out, String name, Percentiles top, Percentiles bottom, double floor) {
        out.printf(Locale.ROOT, "%-20s %8.2f %8.2f %8.2f %8.2f%n", name,
                top.p50() / Math.max(floor, bottom.p50()), top.p99() / Math.max(floor, bottom.p99()),
                top.p999() / Math.max(floor, bottom.p999()), top.max() / Math.max(floor, bottom.max()));
    }

    private static void printTicks(PrintWriter out, String name, LoopResult loop) {
        out.printf(Locale.ROOT, "%s: %d ticks, %d deadline misses (tick ran past its period), %d GC collections during the run%n",
                name, loop.ticks(), loop.overruns(), loop.gcCollections());
    }

    /**
     * The targets, judged: the unstressed p99.9 ratio loop/cyclictest; under a stress, the loop's p99.9
     * stressed/unstressed (the target is set for {@code all}; single loads are held to it too); and per run whether
     * any wake-up was a period or more late, called a VM stall only when cyclictest in the same conditions saw one of
     * at least half its length.
     */
    static List<Verdict> verdicts(Measurement calm, Measurement stressed, Stress stress) {
        List<Verdict> verdicts = new ArrayList<>();
        String ratioCheck = String.format(Locale.ROOT, "unstressed p99.9 loop/cyclictest <= %.1f", TARGET_LOOP_OVER_CYCLICTEST);
        if (calm.cyclic() == null) {
            verdicts.add(new Verdict(Verdict.NOT_JUDGED, ratioCheck, "cyclictest did not run"));
        } else {
            double r = calm.loop().percentiles().p999() / Math.max(1, calm.cyclic().p999());
            verdicts.add(new Verdict(r <= TARGET_LOOP_OVER_CYCLICTEST ? Verdict.PASS : Verdict.FAIL, ratioCheck,
                    String.format(Locale.ROOT, "%.2f (loop %.0f µs, cyclictest %.0f µs)", r,
                            calm.loop().percentiles().p999(), calm.cyclic().p999())));
        }
        if (stressed != null) {
            double loopRatio = stressed.loop().percentiles().p999() / Math.max(1e-3, calm.loop().percentiles().p999());
            String check = String.format(Locale.ROOT, "stressed/unstressed loop p99.9 <= %.1f", TARGET_STRESSED_OVER_UNSTRESSED)
                    + (stress == Stress.ALL ? "" : " (the target is set for --stress all)");
            String detail = String.format(Locale.ROOT, "%.2f (%.0f µs under %s, %.0f µs without)", loopRatio,
                    stressed.loop().percentiles().p999(), stress.label(), calm.loop().percentiles().p999());
            if (calm.cyclic() != null && stressed.cyclic() != null) {
                double cyclicRatio = stressed.cyclic().p999() / Math.max(1, calm.cyclic().p999());
                detail += String.format(Locale.ROOT, "; cyclictest's p99.9 went ×%.2f (%.0f → %.0f µs)", cyclicRatio,
                        calm.cyclic().p999(), stressed.cyclic().p999());
                if (loopRatio > TARGET_STRESSED_OVER_UNSTRESSED && cyclicRatio > TARGET_STRESSED_OVER_UNSTRESSED) {
                    detail += " — the machine's own timer latency rose under the load too";
                }
            }
            verdicts.add(new Verdict(loopRatio <= TARGET_STRESSED_OVER_UNSTRESSED ? Verdict.PASS : Verdict.FAIL, check, detail));
        }
        verdicts.add(maxVerdict(stressed == null ? "" : "unstressed ", calm));
        if (stressed != null) verdicts.add(maxVerdict("stressed ", stressed));
        if (!calm.neighbours().isEmpty() || (stressed != null && !stressed.neighbours().isEmpty())) {
            List<Verdict> shared = new ArrayList<>();
            for (Verdict v : verdicts) {
                shared.add(v.status().equals(Verdict.PASS) ? v : new Verdict(v.status(), v.check(), v.detail()
                        + " (other real-time threads shared the CPU: see the NOTE)"));
            }
            return shared;
        }
        return verdicts;
    }

    private static Verdict maxVerdict(String run, Measurement m) {
        double max = m.loop().percentiles().max();
        String check = String.format(Locale.ROOT, "%sloop max < one period (%.0f µs)", run, PERIOD_US);
        if (max < PERIOD_US) {
            return new Verdict(Verdict.PASS, check, String.format(Locale.ROOT, "%.0f µs", max));
        }
        if (m.cyclic() == null) {
            return new Verdict(Verdict.FAIL, check, String.format(Locale.ROOT,
                    "%.0f µs; no cyclictest run to tell a VM stall from the loop's own", max));
        }
        if (m.cyclic().max() >= Math.max(PERIOD_US, max / 2)) {
            return new Verdict(Verdict.VM_STALL, check, String.format(Locale.ROOT,
                    "%.0f µs, a VM stall: cyclictest saw one too (max %.0f µs); not counted against the loop", max, m.cyclic().max()));
        }
        return new Verdict(Verdict.FAIL, check, String.format(Locale.ROOT,
                "%.0f µs, and cyclictest saw no stall of that size (max %.0f µs): the loop's own", max, m.cyclic().max()));
    }

    /** A target judged: PASS, FAIL, FAIL (VM stall: not counted) or NOT JUDGED. */
    record Verdict(String status, String check, String detail) {
        static final String PASS = "PASS";
        static final String FAIL = "FAIL";
        static final String VM_STALL = "VM-STALL";
        static final String NOT_JUDGED = "NOT-JUDGED";

        /** Whether it makes the command's exit status 1. */
        boolean counts() {
            return FAIL.equals(status);
        }
    }

    /** One loop run and the cyclictest run after it (null if cyclictest could not run). */
    record Measurement(LoopResult loop, Percentiles cyclic, List<String> neighbours) {
        Map<String, Object> asMap() {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("other_real_time_threads_on_cpu", neighbours);
            result.put("loop_us", loop.percentiles().asMap());
            result.put("loop_deadline_misses", loop.overruns());
            result.put("loop_gc_collections", loop.gcCollections());
            result.put("loop_degradations", loop.degradations());
            result.put("cyclictest_us", cyclic == null ? null : cyclic.asMap());
            if (cyclic != null) {
                Map<String, Double> ratio = new LinkedHashMap<>();
                ratio.put("p50", loop.percentiles().p50() / Math.max(1, cyclic.p50()));
                ratio.put("p99", loop.percentiles().p99() / Math.max(1, cyclic.p99()));
                ratio.put("p99_9", loop.percentiles().p999() / Math.max(1, cyclic.p999()));
                ratio.put("max", loop.percentiles().max() / Math.max(1, cyclic.max()));
                result.put("ratio_loop_over_cyclictest", ratio);
            }
            return result;
        }
    }

    /** The guest partition of a stressed run: where it ran, its limits, what the load did. */
    record StressReport(String partition, String backend, String cpus, List<String> limits, LoopStressRun.Effect effect) {
    }

    private static void print(PrintWriter out, String name, Percentiles p) {
        out.printf(Locale.ROOT, "%-20s %8.0f %8.0f %8.0f %8.0f%n", name, p.p50(), p.p99(), p.p999(), p.max());
    }

    private LoopResult runLoop() throws Exception {
        ScenarioRunner runner = ScenarioRunner.unrecorded(ScenarioLoader.parse(SimulationBenchCommand.DEFAULT_SCENARIO, "built-in"));
        for (int i = 0; i < 300_000; i++) runner.stepOnce(); // JIT warm-up before real time
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
        long[] overruns = new long[1];
        RealTimeLoop loop = new RealTimeLoop(cpu, priority, PERIOD_NS);
        long ticks = seconds * 1000L;
        long[] gc = new long[1];
        Thread thread = Thread.ofPlatform().name("safety-loop").unstarted(() -> {
            loop.prepare();
            try {
                loop.run(1000, now -> runner.stepOnce(), (late, overran) -> { });  // settle after the switch to FIFO
                long before = gcCount();
                loop.run(ticks, now -> runner.stepOnce(), (late, overran) -> {
                    latency.recordValue(Math.max(0, late));
                    if (overran) overruns[0]++;
                });
                gc[0] = gcCount() - before;
            } finally {
                loop.release();
            }
        });
        thread.start();
        thread.join();
        return new LoopResult(Percentiles.of(latency), overruns[0], gc[0], ticks, loop.degradations());
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, gc.getCollectionCount());
        return n;
    }

    /** Runs cyclictest with the loop's CPU, priority and period; null (and a word on stderr) if it cannot. */
    private Percentiles runCyclictest(PrintWriter err) throws InterruptedException {
        List<String> cmd = List.of(cyclictest, "-m", "-q", "-t1", "-a" + cpu, "-p" + priority, "-i1000",
                "-l" + seconds * 1000L, "-h" + 20_000);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(1), 3);
        long overflow = 0;
        try {
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length == 2 && f[0].matches("\\d+") && f[1].matches("\\d+")) {
                        long count = Long.parseLong(f[1]);
                        if (count > 0) histogram.recordValueWithCount(Long.parseLong(f[0]), count);
                    } else if (line.startsWith("# Max Latencies:")) {
                        overflow = Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0]);
                    }
                }
            }
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                err.println("pneuma bench loop: cyclictest did not finish; no comparison");
                return null;
            }
        } catch (IOException e) {
            err.println("pneuma bench loop: cyclictest is not installed (Debian: apt-get install rt-tests); no comparison");
            return null;
        }
        if (histogram.getTotalCount() == 0) {
            err.println("pneuma bench loop: cyclictest printed no histogram; no comparison");
            return null;
        }
        Percentiles p = Percentiles.ofMicros(histogram);
        return new Percentiles(p.p50(), p.p99(), p.p999(), Math.max(p.max(), overflow));
    }

    record LoopResult(Percentiles percentiles, long overruns, long gcCollections, long ticks, List<String> degradations) {
    }

    /** Wake-up latency percentiles, µs. */
    record Percentiles(double p50, double p99, double p999, double max) {
        static Percentiles of(Histogram nanos) {
            return new Percentiles(nanos.getValueAtPercentile(50) / 1000.0, nanos.getValueAtPercentile(99) / 1000.0,
                    nanos.getValueAtPercentile(99.9) / 1000.0, nanos.getMaxValue() / 1000.0);
        }

        static Percentiles ofMicros(Histogram micros) {
            return new Percentiles(micros.getValueAtPercentile(50), micros.getValueAtPercentile(99),
                    micros.getValueAtPercentile(99.9), micros.getMaxValue());
        }

        Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("p50", p50);
            m.put("p99", p99);
            m.put("p99_9", p999);
            m.put("max", max);
            return m;
        }
    }
}
