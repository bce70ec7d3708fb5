package org.pneuma.cli;

import org.pneuma.simulation.latency.AlarmLatency;
import org.pneuma.simulation.latency.LatencyReportWriter;
import org.pneuma.simulation.latency.LatencyRow;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pneuma alarms latency}: detection latency per alarm, from the raise scenarios. */
@Command(name = "latency",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Measure each alarm's detection latency in simulated time: condition onset → alarm raised.",
                "",
                "Raise scenarios are the files <alarm-id>-raise.yaml in DIR, the ID in lower case",
                "(apnea-raise.yaml). Each is run, and one row per alarm is printed: ID, priority, the delay the "
                        + "alarm monitor documents for its rule, the condition's onset, when the alarm was first raised "
                        + "at or after it, and the latency (raised − onset). The onset is the scenario's onset_s, else "
                        + "its first fault, patient or settings event. Alarms without a raise scenario are listed "
                        + "without measurements.",
                "",
                "docs/alarm-latency.md is this command's Markdown output:",
                "  " + LatencyReportWriter.COMMAND,
                ""},
        footer = {
                "",
                "Exit status: 0 when every raise scenario raised its alarm, 1 when one did not, 2 when the directory "
                        + "cannot be read or a raise scenario is wrong (each problem, with file, line and field, is on stderr).",
                "",
                "Example:  pneuma alarms latency --markdown"})
final class AlarmLatencyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "scenarios/alarms",
            description = "Where the raise scenarios are (default: ${DEFAULT-VALUE}).")
    Path dir;

    static final class Format {
        @Option(names = "--json", description = "Print a JSON array instead: {id, priority, documented_delay, scenario, "
                + "onset_s, raised_at_s, latency_s} per alarm.")
        boolean json;

        @Option(names = "--markdown", description = "Print the Markdown page docs/alarm-latency.md instead.")
        boolean markdown;
    }

    @ArgGroup(exclusive = true)
    Format format = new Format();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println("pneuma alarms latency: " + dir + ": no such directory (give the raise scenarios with --scenarios DIR)");
            return ExitCode.BAD_INPUT;
        }
        List<LatencyRow> rows;
        try {
            rows = AlarmLatency.measure(dir);
        } catch (AlarmLatency.BadInputException e) {
            err.println(e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (format.json) LatencyReportWriter.writeJson(rows, out);
        else if (format.markdown) LatencyReportWriter.writeMarkdown(rows, out);
        else LatencyReportWriter.writeText(rows, out);
        for (LatencyRow r : rows) {
            if (r.missed()) err.println("pneuma alarms latency: " + r.scenario() + " did not raise " + r.id() + " after its onset");
        }
        return rows.stream().anyMatch(LatencyRow::missed) ? ExitCode.FAILED : ExitCode.OK;
    }
}
