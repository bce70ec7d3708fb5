package org.pneuma.guest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.pneuma.channel.HeartbeatBoard;
import org.pneuma.channel.HeartbeatWriter;
import org.pneuma.channel.RunDirectory;
import org.pneuma.channel.SensorBus;

/**
 * One guest service as its own process, started by the supervisor inside the guest partition:
 *
 * <pre>
 * GuestServiceMain --service display|recorder|uploader --slot N --run-dir DIR
 *                  [--beat-ms 250] [--stale-ms 200] [--report-ms 1000|5000] [--clock host|own]
 * </pre>
 *
 * It maps the sensor bus read-only and the guest heartbeat board read-write, beats slot N every beat
 * and reads the bus on every beat (see {@link GuestService}). It runs until SIGTERM, then finishes the
 * beat in progress, prints a closing line and unmaps. Exit status: 2 for a bad command line or a
 * missing or corrupt channel file (the message names it), 1 for an unexpected failure; after SIGTERM
 * the JVM's own 143.
 */
public final class GuestServiceMain {
    static final String USAGE = """
        usage: GuestServiceMain --service display|recorder|uploader --slot N --run-dir DIR [options]

        One guest service: maps DIR/sensor-bus read-only and DIR/guest-heartbeats read-write, beats
        heartbeat slot N every beat and reads the sensor bus on every beat. Runs until SIGTERM.

          --service S     display: prints one numerics line per report period (time, pressure, flow,
                                   volume, FiO2, breath metrics, phase, safety valve, alarm bits), or
                                   'sensor bus stale since ...' while no new sample arrives
                          recorder, uploader: read every sample in order and print a count line per
                                   report period (storage and upload are not there yet)
          --slot N        heartbeat slot, in configuration order (display 0, recorder 1, uploader 2)
          --run-dir DIR   the run directory the supervisor created
          --beat-ms MS    heartbeat and read period, 1..10000 (default 250)
          --stale-ms MS   the bus is stale when no new sample arrived for this long (default 200)
          --report-ms MS  line period (default: display 1000, recorder and uploader 5000)
          --clock C       host: samples carry this host's monotonic clock, judge their age too (default);
                          own: judge only by the bus making progress (a VM guest with its own clock)

        exit status: 2 bad arguments or a missing/corrupt channel file; 1 unexpected failure;
                     143 after SIGTERM (clean stop: closing line printed, files unmapped)
        """;

    private static final Set<String> OPTIONS = Set.of("service", "slot", "run-dir", "beat-ms", "stale-ms", "report-ms", "clock");

    private GuestServiceMain() {
    }

    public static void main(String[] args) {
        GuestProgram.main("guest-service", args, GuestServiceMain::run);
    }

    /** What {@code main} does, without exiting: the exit status is returned. Runs until {@code stop}. */
    static int run(String[] args, PrintStream out, PrintStream err, java.util.function.BooleanSupplier stop) {
        if (args.length > 0 && Options.isHelp(args[0])) {
            out.print(USAGE);
            return 0;
        }
        Config config;
        try {
            config = Config.parse(args);
        } catch (UsageException e) {
            err.println("guest service: " + e.getMessage());
            err.println("run with --help for the options");
            return UsageException.EXIT_CODE;
        }
        RunDirectory run = new RunDirectory(config.runDir);
        try (SensorBus bus = ChannelFiles.sensorBus(run.sensorBus());
             HeartbeatBoard board = ChannelFiles.heartbeatBoard(run.guestHeartbeats())) {
            if (config.slot >= board.slotCount()) {
                throw new UsageException("slot " + config.slot + " is not a slot of heartbeat board " + run.guestHeartbeats()
                    + " (it has " + board.slotCount() + ")");
            }
            HeartbeatWriter heartbeat = board.writer(config.slot, ProcessHandle.current().pid());
            GuestService service = new GuestService(config.kind, bus.newReader(config.staleMs * 1_000_000L), heartbeat, out,
                config.beatMs * 1_000_000L, config.reportMs * 1_000_000L, config.sharedClock);
            out.println(config.kind.label() + " started: pid=" + ProcessHandle.current().pid() + " slot=" + config.slot
                + " beat_ms=" + config.beatMs + " stale_ms=" + config.staleMs + " report_ms=" + config.reportMs
                + " clock=" + (config.sharedClock ? "host" : "own") + " run_dir=" + run.root());
            out.flush();
            service.run(System::nanoTime, stop);
            service.stopped(System.nanoTime());
            return 0;
        } catch (UsageException e) {
            err.println("guest service " + config.kind.label() + ": " + e.getMessage());
            return UsageException.EXIT_CODE;
        } catch (RuntimeException e) {
            err.println("guest service " + config.kind.label() + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The parsed command line. */
    record Config(ServiceKind kind, int slot, Path runDir, long beatMs, long staleMs, long reportMs, boolean sharedClock) {
        static Config parse(String[] args) throws UsageException {
            Options options = Options.parse(args, 0, OPTIONS);
            ServiceKind kind = ServiceKind.parse(options.string("service"));
            int slot = options.intValue("slot", -1, 0, 1023);
            if (!options.has("slot")) {
                throw new UsageException("option --slot is required");
            }
            Path runDir = options.path("run-dir");
            long beatMs = options.longValue("beat-ms", 250, 1, 10_000);
            long staleMs = options.longValue("stale-ms", 200, 1, 600_000);
            long reportMs = options.longValue("report-ms", kind.defaultReportMs(), 1, 3_600_000);
            String clock = options.has("clock") ? options.string("clock") : "host";
            if (!clock.equals("host") && !clock.equals("own")) {
                throw new UsageException("option --clock must be host or own, was '" + clock + "'");
            }
            return new Config(kind, slot, runDir, beatMs, staleMs, reportMs, clock.equals("host"));
        }
    }
}
