package org.pneuma.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pneuma bench}: performance measurements. Each kind is a subcommand. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {SimulationBenchCommand.class, LoopBenchCommand.class},
        description = {
                "Measure performance. These machines are shared VMs: every benchmark reports medians over "
                        + "repeated chunks, never a single time, and says what it compared against.",
                ""})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing benchmark.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT;
    }
}
