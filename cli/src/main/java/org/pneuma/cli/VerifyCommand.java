package org.pneuma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code pneuma verify}: checks of the ventilator against standards. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        subcommands = {Iso80601Command.class},
        description = {
                "Verify the ventilator against a standard, on the simulated patient.",
                ""},
        footer = {
                "",
                "Exit status: 0 when every check passes, 1 when one fails, 2 for bad input."})
final class VerifyCommand implements Callable<Integer> {

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
