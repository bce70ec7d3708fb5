package org.pneuma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pneuma.simulation.ScenarioRunner;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioException;
import org.pneuma.simulation.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pneuma bench sim}: how fast the safety partition and the simulated plant run in simulated
 * time. Steps the scenario runner without recording (the allocation-free path) and reports simulated
 * seconds per wall second, as the median over chunks so that a VM stall shows as a spread, not as
 * the result.
 */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Measure simulation speed: the safety partition's 1 kHz tick (control step and sensor-bus "
                        + "publish) driving the simulated patient, in simulated time, nothing recorded.",
                "",
                "Runs a warm-up (600 simulated s, at least 2 wall s), then SECONDS of simulated time in chunks of "
                        + "30 simulated seconds, and prints "
                        + "the median, fastest and slowest chunk as times real time (simulated s per wall s) "
                        + "and as wall time per 1 ms tick. The target is at least 1000x real time.",
                ""},
        footer = {"", "Example:  pneuma bench sim --seconds 600"})
final class SimulationBenchCommand implements Callable<Integer> {
    static final double TARGET_TIMES_REAL_TIME = 1000;
    private static final double CHUNK_S = 30;
    /** The JIT needs a few hundred thousand ticks before the step runs compiled and inlined. */
    private static final double WARM_UP_S = 600;
    private static final long MIN_WARM_UP_WALL_NS = 2_000_000_000L;

    /** An adult breathing with the ventilator in PC-AC: every part of the control step is exercised. */
    static final String DEFAULT_SCENARIO = """
            name: Benchmark — adult, PC-AC, spontaneous effort
            duration_s: 1
            patient:
              compliance_ml_per_cmh2o: 50
              resistance_cmh2o_s_per_l: 10
              effort: {rate_bpm: 18, amplitude_cmh2o: 4}
            settings:
              mode: pc_ac
              peep_cmh2o: 5
              dp_cmh2o: 15
              rate_bpm: 15
              ti_s: 1.0
              fio2_pct: 40
            """;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "1800",
            description = "Simulated seconds to measure, after the warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--scenario", paramLabel = "FILE.yaml",
            description = "Patient and settings to simulate (events and duration are ignored; default: an adult in PC-AC with spontaneous effort).")
    Path scenarioFile;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!(seconds >= CHUNK_S) || seconds > 1e6) {
            err.println("pneuma bench sim: --seconds must be between " + (int) CHUNK_S + " and 1000000, was " + seconds);
            return ExitCode.BAD_INPUT;
        }
        Scenario scenario;
        try {
            scenario = scenarioFile != null ? ScenarioLoader.load(scenarioFile)
                    : ScenarioLoader.parse(DEFAULT_SCENARIO, "built-in benchmark scenario");
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        ScenarioRunner runner = ScenarioRunner.unrecorded(scenario);
        long ticksPerChunk = Math.round(CHUNK_S * 1000);
        long warmUpStart = System.nanoTime();
        long warmUpTicks = 0;
        while (warmUpTicks < Math.round(WARM_UP_S * 1000) || System.nanoTime() - warmUpStart < MIN_WARM_UP_WALL_NS) {
            runner.stepOnce();
            warmUpTicks++;
        }

        int chunks = (int) Math.floor(seconds / CHUNK_S);
        double[] speeds = new double[chunks];
        long totalNs = 0;
        for (int c = 0; c < chunks; c++) {
            long start = System.nanoTime();
            for (long i = 0; i < ticksPerChunk; i++) runner.stepOnce();
            long elapsed = System.nanoTime() - start;
            totalNs += elapsed;
            speeds[c] = CHUNK_S / (elapsed * 1e-9);
        }
        double[] sorted = speeds.clone();
        Arrays.sort(sorted);
        double median = chunks % 2 == 1 ? sorted[chunks / 2] : 0.5 * (sorted[chunks / 2 - 1] + sorted[chunks / 2]);
        double simulated = chunks * CHUNK_S;
        double overall = simulated / (totalNs * 1e-9);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario.name());
        result.put("simulated_s", simulated);
        result.put("wall_s", totalNs * 1e-9);
        result.put("chunks", chunks);
        result.put("warm_up_simulated_s", warmUpTicks / 1000.0);
        result.put("median_times_real_time", median);
        result.put("fastest_times_real_time", sorted[chunks - 1]);
        result.put("slowest_times_real_time", sorted[0]);
        result.put("overall_times_real_time", overall);
        result.put("median_ns_per_tick", 1e6 / median);
        result.put("target_times_real_time", TARGET_TIMES_REAL_TIME);
        result.put("meets_target", median >= TARGET_TIMES_REAL_TIME);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            out.printf(Locale.ROOT, "scenario   %s%n", scenario.name());
            out.printf(Locale.ROOT, "simulated  %.0f s in %d chunks of %.0f s (after a %.0f s warm-up), wall %.2f s%n",
                    simulated, chunks, CHUNK_S, warmUpTicks / 1000.0, totalNs * 1e-9);
            out.printf(Locale.ROOT, "speed      median %.0fx real time (%.0f ns per 1 ms tick); chunks %.0fx–%.0fx; overall %.0fx%n",
                    median, 1e6 / median, sorted[0], sorted[chunks - 1], overall);
            out.printf(Locale.ROOT, "target     >= %.0fx real time: %s%n", TARGET_TIMES_REAL_TIME,
                    median >= TARGET_TIMES_REAL_TIME ? "met" : "NOT met");
        }
        return ExitCode.OK;
    }
}
