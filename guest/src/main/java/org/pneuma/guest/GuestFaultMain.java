package org.pneuma.guest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.RunDirectory;
import org.pneuma.channel.SensorBus;

/**
 * The guest-side halves of fault injection, each run by the supervisor inside the guest partition as
 * its own process:
 *
 * <pre>
 * GuestFaultMain bus-write-attempt --run-dir DIR [--file PATH]
 * GuestFaultMain command-flood     --run-dir DIR [--seconds 10]
 * GuestFaultMain command-garbage   --run-dir DIR [--frames 1000000] [--rate 20000] [--seed N]
 * </pre>
 *
 * Each ends with one line {@code RESULT <kind> key=value ...} and exits 0 when it did what it set out
 * to do; 3 is a breach (a write to the bus got through, or an absurd settings change was accepted),
 * 2 a bad command line or a missing or corrupt channel file, 1 any other failure.
 */
public final class GuestFaultMain {
    static final String USAGE = """
        usage: GuestFaultMain <kind> --run-dir DIR [options]

        The guest-side halves of fault injection, run inside the guest partition. Each prints one
        final line 'RESULT <kind> key=value ...'.

          bus-write-attempt [--file PATH]
              Tries every way a guest process has to write the sensor bus file (DIR/sensor-bus, or PATH):
              map it read-write, map it read-write from a read-only descriptor, open it for writing, open
              it for appending, ftruncate it read-write and through a read-only descriptor, chmod it,
              create a file beside it, remount its directory's read-only bind read-write (mount(2)).
              Any write that gets through writes back what was there. Prints 'attempt NAME=refused(WHY)' or
              'attempt NAME=WRITTEN(WHAT)' for each. Exit 0 if every attempt was refused, 3 if any got
              through (printed as BREACH).
          command-flood [--seconds S]   (default 10)
              For S seconds, sends well-formed but unwanted requests as fast as the request ring takes
              them: acknowledge, pause audio, and settings changes of 1e9 for every setting. Counts sent
              frames, ring-full refusals and the answers by reason. Exit 0 when it flooded, 3 if a
              settings change was accepted (BREACH), 1 if no frame could be sent.
          command-garbage [--frames N] [--rate R] [--seed X]   (defaults 1000000, 20000, random)
              Writes N frames of garbage straight into the request ring, R a second (0: as fast as it
              can): random bytes, bad checksums, sequences, lengths and kinds, and well-sealed frames
              of random content, each into the slots the safety partition reads next; when they are all
              written and unread it starts over at the front (the safety side takes about 4 000 a
              second). The defaults take 50 s. Exit 0 when all N were written.

        exit status: 0 done, 3 breach, 2 bad arguments or a missing/corrupt channel file, 1 other failure
        """;

    private GuestFaultMain() {
    }

    public static void main(String[] args) {
        GuestProgram.main("guest-fault", args, GuestFaultMain::run);
    }

    /** What {@code main} does, without exiting: the exit status is returned. */
    static int run(String[] args, PrintStream out, PrintStream err, BooleanSupplier stop) {
        if (args.length == 0) {
            err.println("guest fault: name a kind: bus-write-attempt, command-flood or command-garbage");
            err.println("run with --help for the options");
            return UsageException.EXIT_CODE;
        }
        if (Options.isHelp(args[0])) {
            out.print(USAGE);
            return 0;
        }
        String kind = args[0];
        try {
            return switch (kind) {
                case "bus-write-attempt" -> busWriteAttempt(Options.parse(args, 1, Set.of("run-dir", "file")), out);
                case "command-flood" -> commandFlood(Options.parse(args, 1, Set.of("run-dir", "seconds")), out, stop);
                case "command-garbage" -> commandGarbage(Options.parse(args, 1, Set.of("run-dir", "frames", "rate", "seed")),
                    out, stop);
                default -> throw new UsageException("unknown kind '" + kind
                    + "' (expected bus-write-attempt, command-flood or command-garbage)");
            };
        } catch (UsageException e) {
            err.println("guest fault " + kind + ": " + e.getMessage());
            err.println("run with --help for the options");
            return UsageException.EXIT_CODE;
        } catch (RuntimeException e) {
            err.println("guest fault " + kind + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static int busWriteAttempt(Options options, PrintStream out) throws UsageException {
        Path file = options.has("file") ? options.path("file") : new RunDirectory(options.path("run-dir")).sensorBus();
        if (!options.has("file")) {
            // The bus must be there and be a bus: a missing file would make every attempt "refused".
            try (SensorBus bus = ChannelFiles.sensorBus(file)) {
                bus.slotCount();
            }
        } else {
            ChannelFiles.requireFile(file, "target");
        }
        return BusWriteAttempt.run(file, out);
    }

    private static int commandFlood(Options options, PrintStream out, BooleanSupplier stop) throws UsageException {
        RunDirectory run = new RunDirectory(options.path("run-dir"));
        long seconds = options.longValue("seconds", 10, 1, 86_400);
        try (CommandMailbox mailbox = ChannelFiles.commandMailbox(run.commandMailbox())) {
            return new CommandFlood(mailbox).run(seconds * 1_000_000_000L, System::nanoTime, stop, out);
        }
    }

    private static int commandGarbage(Options options, PrintStream out, BooleanSupplier stop) throws UsageException {
        RunDirectory run = new RunDirectory(options.path("run-dir"));
        long frames = options.longValue("frames", 1_000_000, 1, Long.MAX_VALUE);
        long rate = options.longValue("rate", 20_000, 0, 100_000_000);
        long seed = options.has("seed") ? options.longValue("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : System.nanoTime();
        try (CommandMailbox mailbox = ChannelFiles.commandMailbox(run.commandMailbox())) {
            return new CommandGarbage(mailbox, seed).run(frames, rate, seed, System::nanoTime, stop, out);
        }
    }
}
