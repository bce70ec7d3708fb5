package org.pneuma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code pneuma alarms}: the alarm system, measured on the simulated patient. */
@Command(name = "alarms",
        mixinStandardHelpOptions = true,
        subcommands = {AlarmLatencyCommand.class},
        description = {
                "The alarm system, measured on the simulated patient.",
                ""},
        footer = {
                "",
                "Exit status: 0 when everything measured passed, 1 when something did not, 2 for bad input."})
final class AlarmsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command there is nothing to do: the usage goes to stderr, as for any bad input. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT;
    }
}
