package org.pneuma.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A command that only groups subcommands ({@code pneuma}, {@code pneuma verify}, …). Called without
 * one there is nothing to do: the usage goes to stderr and the exit status says bad input.
 */
abstract class CommandGroup implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT;
    }
}
