package org.pneuma.cli;

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
final class BenchCommand extends CommandGroup {
}
