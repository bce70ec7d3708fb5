package org.pneuma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
final class AlarmsCommand extends CommandGroup {
}
