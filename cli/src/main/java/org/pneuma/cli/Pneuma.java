package org.pneuma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code pneuma} command: a ventilator's safety core, its simulated patient, and their checks. */
@Command(name = "pneuma",
        mixinStandardHelpOptions = true,
        versionProvider = Pneuma.Version.class,
        subcommands = {RunCommand.class, StatusCommand.class, FaultCommand.class, SimulateCommand.class, VerifyCommand.class,
                AlarmsCommand.class, BenchCommand.class, DoctorCommand.class,
                CommandLine.HelpCommand.class},
        description = {
                "Pneuma: a mixed-criticality ventilator platform.",
                "",
                "'pneuma run' boots the machine: the safety partition — ventilation control and the alarm system "
                        + "that outranks it — as its own real-time process ventilating a simulated patient, and the "
                        + "guest partition (display, recorder, uploader) fenced in by the kernel; 'status' and 'fault "
                        + "inject' talk to it while it runs.",
                "",
                "'simulate', 'verify' and 'alarms' run the same safety code in deterministic simulated time, as fast "
                        + "as the CPU allows; 'bench' measures; 'doctor' says what this host offers the partitions.",
                ""},
        footer = {
                "",
                "Exit status: 0 when everything checked passed, 1 when a check failed, 2 for bad input.",
                "Run 'pneuma help COMMAND' for the details of a command."})
public final class Pneuma extends CommandGroup {
    public static void main(String[] args) {
        System.exit(execute(args,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Runs the command line with the given streams and returns its exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Pneuma());
        FaultCommand.describeTypes(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("pneuma: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCode.FAILED;
        });
        return cli.execute(args);
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Pneuma.class.getPackage().getImplementationVersion();
            return new String[] {"pneuma " + (v == null ? "(development build)" : v)};
        }
    }
}
