package org.pneuma.system;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.pneuma.channel.RunDirectory;

/**
 * The options of {@link SafetyPartitionMain}, parsed by hand (this module has no command-line
 * library): {@code --run-dir DIR [--cpu N] [--control-priority P] [--alarm-priority P] [--resumed]},
 * each value as the next argument or after {@code =}.
 *
 * @param runDir          the run directory the supervisor created, every channel file in it
 * @param cpu             the CPU the control loop and the alarm watchdog are pinned to
 * @param controlPriority SCHED_FIFO priority of the control loop
 * @param alarmPriority   SCHED_FIFO priority of the alarm watchdog, above the control loop
 * @param resumed         the previous safety partition process died: raise CONTROL_FAILURE
 */
public record SafetyPartitionOptions(RunDirectory runDir, int cpu, int controlPriority, int alarmPriority, boolean resumed) {
    public static final int DEFAULT_CPU = 1;
    public static final int DEFAULT_CONTROL_PRIORITY = 80;
    public static final int DEFAULT_ALARM_PRIORITY = 90;

    public static final String USAGE = """
            Usage: safety-partition --run-dir DIR [--cpu N] [--control-priority P] [--alarm-priority P] [--resumed]

            The safety partition as its own real-time process: ventilates the simulated patient at 1 kHz,
            publishes on DIR/sensor-bus, takes commands from DIR/command-mailbox, counts on DIR/counters,
            hears the platform's alarms on DIR/platform-alarms, and keeps the settings in force in
            DIR/safety-settings. Every channel file must exist (the supervisor creates them).

              --run-dir DIR            the run directory (required)
              --cpu N                  CPU for the control loop and the alarm watchdog (default 1)
              --control-priority P     SCHED_FIFO priority of the control loop, 1-98 (default 80)
              --alarm-priority P       SCHED_FIFO priority of the alarm watchdog, above the control
                                       loop's, 2-99 (default 90)
              --resumed                the previous safety process died: raise CONTROL_FAILURE until
                                       acknowledged
              -h, --help               print this and exit

            Exit status: 0 stopped by SIGTERM or Ctrl-C; 1 refused to start (a channel file or the
            settings file is missing or wrong: the message says which and why) or the loop failed;
            2 bad options.""";

    /** Options that are wrong, or a request for help; the message says which option and why. */
    public static final class UsageException extends Exception {
        private final boolean help;

        UsageException(String message, boolean help) {
            super(message);
            this.help = help;
        }

        /** {@code --help} was given: print {@link #USAGE} and exit 0. */
        public boolean helpRequested() {
            return help;
        }
    }

    /**
     * Parses {@code args}; {@code cpus} is how many CPUs the machine has.
     *
     * @throws UsageException naming the bad option, or asking for help
     */
    public static SafetyPartitionOptions parse(String[] args, int cpus) throws UsageException {
        Path runDir = null;
        int cpu = DEFAULT_CPU;
        int control = DEFAULT_CONTROL_PRIORITY;
        int alarm = DEFAULT_ALARM_PRIORITY;
        boolean resumed = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> throw new UsageException(USAGE, true);
                case "--resumed" -> {
                    if (value != null) throw bad("--resumed takes no value, was given '" + value + "'");
                    resumed = true;
                }
                case "--run-dir", "--cpu", "--control-priority", "--alarm-priority" -> {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) throw bad(name + " needs a value");
                        value = args[++i];
                    }
                    switch (name) {
                        case "--run-dir" -> runDir = path(value);
                        case "--cpu" -> cpu = number(name, value);
                        case "--control-priority" -> control = number(name, value);
                        default -> alarm = number(name, value);
                    }
                }
                default -> throw bad(arg.startsWith("-") ? "unknown option " + name : "unexpected argument '" + arg + "'");
            }
        }
        if (runDir == null) throw bad("--run-dir is required");
        if (cpu < 0 || cpu >= cpus) {
            throw bad("--cpu " + cpu + " does not exist (this machine has CPUs 0-" + (cpus - 1) + ")");
        }
        if (control < 1 || control > 98) throw bad("--control-priority must be 1-98, was " + control);
        if (alarm < 2 || alarm > 99) throw bad("--alarm-priority must be 2-99, was " + alarm);
        if (alarm <= control) {
            throw bad("--alarm-priority " + alarm + " must be above --control-priority " + control
                    + ": the alarm watchdog outranks control");
        }
        return new SafetyPartitionOptions(new RunDirectory(runDir), cpu, control, alarm, resumed);
    }

    /** The options as a command line, for the start-up line. */
    public String describe() {
        return String.format(Locale.ROOT, "--run-dir %s --cpu %d --control-priority %d --alarm-priority %d%s",
                runDir.root(), cpu, controlPriority, alarmPriority, resumed ? " --resumed" : "");
    }

    private static Path path(String value) throws UsageException {
        if (value.isBlank()) throw bad("--run-dir needs a directory, was empty");
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw bad("--run-dir '" + value + "' is not a path: " + e.getReason());
        }
    }

    private static int number(String option, String value) throws UsageException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw bad(option + " needs a whole number, was '" + value + "'");
        }
    }

    private static UsageException bad(String message) {
        return new UsageException(message, false);
    }
}
