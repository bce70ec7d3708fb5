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
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
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
 * latency. Reports wake-up latency percentiles of both and their ratio.
 */
@Command(name = "loop",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Measure the real-time loop of the safety partition against cyclictest (Debian rt-tests) on the "
                        + "same CPU, priority and period.",
                "",
                "The loop runs the real partition tick (control, alarm monitor, sounder and light, sensor bus) "
                        + "on the simulated patient for SECONDS, pinned to --cpu at SCHED_FIFO --priority, memory "
                        + "locked; then cyclictest runs as long with the same settings. Both report wake-up "
                        + "latency (how late after its deadline the thread ran): p50, p99, p99.9, max, and the "
                        + "ratio loop/cyclictest. These machines are VMs with rare multi-millisecond stalls that "
                        + "hit cyclictest too: read the ratios, not the absolutes.",
                "",
                "Needs root for SCHED_FIFO and mlockall; without, it runs and says what it could not do.",
                ""},
        footer = {"", "Example:  pneuma bench loop --seconds 30"})
final class LoopBenchCommand implements Callable<Integer> {
    private static final long PERIOD_NS = 1_000_000L;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "30", description = "How long each of the two runs lasts (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--cpu", paramLabel = "CPU", defaultValue = "1", description = "CPU for the loop and cyclictest (default: ${DEFAULT-VALUE}).")
    int cpu;

    @Option(names = "--priority", paramLabel = "P", defaultValue = "80", description = "SCHED_FIFO priority (default: ${DEFAULT-VALUE}).")
    int priority;

    @Option(names = "--stress", paramLabel = "KIND", defaultValue = "none",
            description = "Load in the guest partition during both runs: only 'none' so far (the guest partition's stress arrives with the runtime).")
    String stress;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (seconds < 1 || seconds > 3600) {
            err.println("pneuma bench loop: --seconds must be 1–3600, was " + seconds);
            return ExitCode.BAD_INPUT;
        }
        if (cpu < 0 || cpu >= Runtime.getRuntime().availableProcessors()) {
            err.println("pneuma bench loop: --cpu " + cpu + " does not exist (CPUs 0–" + (Runtime.getRuntime().availableProcessors() - 1) + ")");
            return ExitCode.BAD_INPUT;
        }
        if (!"none".equals(stress)) {
            err.println("pneuma bench loop: --stress " + stress + " is not available yet: guest-partition stress needs the partitioned runtime; use --stress none");
            return ExitCode.BAD_INPUT;
        }
        LoopResult loop = runLoop();
        Percentiles cyclic = runCyclictest(err);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", seconds);
        result.put("cpu", cpu);
        result.put("priority", priority);
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
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "real-time loop vs cyclictest: %d s each, CPU %d, SCHED_FIFO %d, period 1 ms%n", seconds, cpu, priority);
        for (String d : loop.degradations()) out.println("  NOTE: " + d);
        out.printf(Locale.ROOT, "%-12s %8s %8s %8s %8s   (wake-up latency, µs)%n", "", "p50", "p99", "p99.9", "max");
        print(out, "loop", loop.percentiles());
        if (cyclic != null) {
            print(out, "cyclictest", cyclic);
            out.printf(Locale.ROOT, "%-12s %8.2f %8.2f %8.2f %8.2f%n", "ratio",
                    loop.percentiles().p50() / Math.max(1, cyclic.p50()), loop.percentiles().p99() / Math.max(1, cyclic.p99()),
                    loop.percentiles().p999() / Math.max(1, cyclic.p999()), loop.percentiles().max() / Math.max(1, cyclic.max()));
        }
        out.printf(Locale.ROOT, "loop: %d ticks, %d deadline misses (tick ran past its period), %d GC collections during the run%n",
                loop.ticks(), loop.overruns(), loop.gcCollections());
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, String name, Percentiles p) {
        out.printf(Locale.ROOT, "%-12s %8.0f %8.0f %8.0f %8.0f%n", name, p.p50(), p.p99(), p.p999(), p.max());
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
        List<String> cmd = List.of("cyclictest", "-m", "-q", "-t1", "-a" + cpu, "-p" + priority, "-i1000",
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
