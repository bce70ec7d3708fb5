package org.pneuma.cli;

import org.pneuma.simulation.ScenarioRunner;
import org.pneuma.simulation.SimulationResult;
import org.pneuma.simulation.report.ResultJsonWriter;
import org.pneuma.simulation.report.SummaryWriter;
import org.pneuma.simulation.report.WaveformCsvWriter;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioException;
import org.pneuma.simulation.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pneuma simulate}: runs one scenario file and judges its expectations. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Run a scenario: the ventilator's control on a simulated patient, in deterministic simulated "
                        + "time (1 ms ticks, as fast as the CPU allows; the same file and seed always give the same run).",
                "",
                "A scenario file (YAML) gives the patient (lung compliance and resistance, spontaneous effort), "
                        + "the settings and the alarm limits set (the others follow the settings), timed events "
                        + "(faults of the plant or of the control step, clearing them, settings, alarm-limit and "
                        + "patient changes, acknowledge, audio pause) and expectations: on per-breath metrics over "
                        + "time windows, on alarms raised or not, on the safe state. Before ventilating, the "
                        + "circuit's pre-use check runs with the Y-piece capped; its time is not counted.",
                "",
                "Prints a summary: the events, per-10-s means of what the ventilator reported and of what the "
                        + "patient really got, every alarm raised (when, priority, when it cleared, was acknowledged "
                        + "and fell silent), when the safety valve opened, the alarm sounder's and light's edge "
                        + "counts, and each expectation with PASS or FAIL. See scenarios/README.md for the file format.",
                ""},
        footer = {
                "",
                "Exit status: 0 when every expectation passes, 1 when one fails, 2 when the scenario file or "
                        + "an option is wrong (the error, with file, line and field, is on stderr).",
                "",
                "Example:  pneuma simulate --scenario scenarios/pc-ac.yaml --out runs/pc-ac"})
final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE.yaml",
            description = "The scenario to run.")
    Path scenarioFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write into DIR (created if needed): waveform.csv (the waveforms, the "
                    + "ventilator's estimates and the truth), result.json and summary.txt.")
    Path outDir;

    @Option(names = "--json",
            description = "Print the result as JSON instead of the summary: breaths, per-window metrics, "
                    + "events, expectations, alarms, safe_state_at_s and signals.")
    boolean json;

    @Option(names = "--waveform-hz", paramLabel = "HZ", defaultValue = "200",
            description = "Samples per second in waveform.csv, a divisor of 1000 (default: ${DEFAULT-VALUE}).")
    int waveformHz;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(scenarioFile);
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (1000 % Math.max(1, waveformHz) != 0 || waveformHz <= 0) {
            err.println("pneuma simulate: --waveform-hz " + waveformHz + " must divide 1000 (e.g. 1000, 500, 200, 100, 50)");
            return ExitCode.BAD_INPUT;
        }

        SimulationResult result;
        try {
            result = outDir == null ? ScenarioRunner.recording(scenario).run() : runWithWaveform(scenario);
        } catch (IOException | UncheckedIOException e) {
            err.println("pneuma simulate: cannot write to " + outDir + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }

        try {
            if (json) ResultJsonWriter.write(result, out);
            else SummaryWriter.write(result, out);
            if (outDir != null) {
                try (Writer w = Files.newBufferedWriter(outDir.resolve("result.json"), StandardCharsets.UTF_8)) {
                    ResultJsonWriter.write(result, w);
                }
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(outDir.resolve("summary.txt"), StandardCharsets.UTF_8))) {
                    SummaryWriter.write(result, w);
                }
            }
        } catch (IOException e) {
            err.println("pneuma simulate: cannot write the result: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        return result.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    private SimulationResult runWithWaveform(Scenario scenario) throws IOException {
        Files.createDirectories(outDir);
        try (BufferedWriter csv = Files.newBufferedWriter(outDir.resolve("waveform.csv"), StandardCharsets.UTF_8)) {
            return ScenarioRunner.recording(scenario, new WaveformCsvWriter(csv, waveformHz)).run();
        }
    }
}
