package org.pneuma.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.supervisor.ControlClient;
import org.pneuma.hypervisor.supervisor.FaultKind;
import org.pneuma.hypervisor.supervisor.FaultReport;
import org.pneuma.hypervisor.supervisor.SupervisorException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pneuma fault}: puts faults into a running system. */
@Command(name = "fault",
        mixinStandardHelpOptions = true,
        subcommands = {FaultCommand.Inject.class},
        description = {"Put faults into a running system (started with 'pneuma run') to see it survive them.", ""})
final class FaultCommand extends CommandGroup {

    @Command(name = "inject",
            mixinStandardHelpOptions = true,
            description = {"Inject one fault into the running system. TYPE is one of (listed from the supervisor's fault kinds):"},
            footer = {"", "Watch the effect with 'pneuma status': ventilation must not change; the safety partition raises "
                    + "only technical alarms (DISPLAY_LOST, GUEST_FAULT).",
                    "Exit status: 0 when the fault was injected (and its guest half, if any, found the system held), "
                            + "1 otherwise, 2 for an unknown TYPE."})
    static final class Inject implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TYPE", description = "The fault.")
        String type;

        @Parameters(index = "1..*", paramLabel = "OPTION", arity = "0..*",
                description = "Options passed to the fault's guest half (e.g. --frames 1000000 for command-garbage).")
        List<String> options = new ArrayList<>();

        @Option(names = "--seconds", paramLabel = "N", defaultValue = "10",
                description = "How long a guest load runs (cpu, memory, fork, io), 1..3600 (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Option(names = "--run-dir", paramLabel = "DIR", description = "The system's run directory (default: /dev/shm/pneuma).")
        Path runDir;

        @Override
        public Integer call() {
            var err = spec.commandLine().getErr();
            if (FaultKind.ofLabel(type).isEmpty()) {
                err.println("pneuma fault inject: unknown fault '" + type + "'; one of " + Arrays.stream(FaultKind.values())
                        .map(FaultKind::label).collect(Collectors.joining(", ")));
                return ExitCode.BAD_INPUT;
            }
            if (seconds < 1 || seconds > 3600) {
                err.println("pneuma fault inject: --seconds must be 1..3600, was " + seconds);
                return ExitCode.BAD_INPUT;
            }
            for (String option : options) {
                if (!option.matches("[A-Za-z0-9=._-]{1,64}")) {
                    err.println("pneuma fault inject: option '" + option + "' has characters a guest half does not take");
                    return ExitCode.BAD_INPUT;
                }
            }
            RunDirectory run = new RunDirectory(runDir == null ? RunDirectory.DEFAULT : runDir);
            String reply;
            try {
                reply = ControlClient.request(run, "fault " + type + " " + seconds
                        + (options.isEmpty() ? "" : " " + String.join(" ", options)));
            } catch (SupervisorException e) {
                err.println("pneuma fault inject: " + e.getMessage());
                return ExitCode.FAILED;
            }
            FaultReport report = FaultReport.fromJson(reply);
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(reply);
            } else {
                out.println((report.injected() ? "injected " : "NOT injected ") + report.fault() + ": " + report.detail());
                if (report.injected()) {
                    out.println("  what:     " + report.what());
                    out.println("  expected: " + report.expected());
                }
                if (!report.result().isEmpty()) out.println("  result:   " + report.result());
            }
            out.flush();
            return report.injected() && report.exitCode() <= 0 ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    /** Lists the fault types, with what each does and what the system must do, in {@code fault inject --help}. */
    static void describeTypes(CommandLine root) {
        CommandLine.Model.UsageMessageSpec usage = root.getSubcommands().get("fault").getSubcommands().get("inject")
                .getCommandSpec().usageMessage();
        List<String> lines = new ArrayList<>(Arrays.asList(usage.description()));
        for (FaultKind kind : FaultKind.values()) {
            lines.add(String.format("  %-18s %s; expected: %s", kind.label(), kind.what(), kind.expected()));
        }
        lines.add("");
        usage.description(lines.toArray(String[]::new));
    }
}
