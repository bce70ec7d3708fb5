package org.pneuma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
final class VerifyCommand extends CommandGroup {
}
