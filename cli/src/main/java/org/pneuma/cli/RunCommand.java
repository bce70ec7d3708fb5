package org.pneuma.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.config.ConfigException;
import org.pneuma.hypervisor.config.GuestBackendChoice;
import org.pneuma.hypervisor.config.SystemConfig;
import org.pneuma.hypervisor.config.SystemConfigLoader;
import org.pneuma.hypervisor.supervisor.Supervisor;
import org.pneuma.hypervisor.supervisor.SupervisorException;
import org.pneuma.hypervisor.supervisor.SupervisorOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pneuma run}: boots the partitions and supervises them until Ctrl-C or the duration. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
                "Boot the ventilator: the safety partition (ventilation control, oxygen, sensor data and alarms) as "
                        + "its own real-time process on its own CPU, ventilating the simulated patient; the guest "
                        + "partition (display, recorder, uploader) fenced in by the chosen backend; the shared memory "
                        + "between them. Then supervise: restart what dies or falls silent, raise DISPLAY_LOST / "
                        + "GUEST_FAULT while the guest is down, restart a failed safety partition with the last "
                        + "accepted settings.",
                "",
                "Ctrl-C or --duration shuts everything down in order and leaves nothing behind. While it runs, "
                        + "'pneuma status' and 'pneuma fault inject' talk to it.",
                ""},
        footer = {"", "Exit status: 0 after a clean shutdown, 1 when the system failed or left something behind, "
                + "2 for a bad configuration or option."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/pneuma.yaml",
            description = "The system configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--guest", paramLabel = "BACKEND",
            description = "Guest backend instead of the configuration's: strongest, sandbox, process (isolates nothing) "
                    + "or vm.")
    String guest;

    @Option(names = "--headless", description = "No live console view: log lines only, for scripts.")
    boolean headless;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Shut down after this many seconds.")
    Double durationS;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Where the shared memory goes (default: /dev/shm/pneuma).")
    Path runDir;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (durationS != null && !(durationS > 0 && durationS <= 1e7)) {
            err.println("pneuma run: --duration must be a positive number of seconds, was " + durationS);
            return ExitCode.BAD_INPUT;
        }
        GuestBackendChoice backend = null;
        if (guest != null) {
            try {
                backend = GuestBackendChoice.valueOf(guest.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("pneuma run: --guest must be strongest, sandbox, process or vm, was '" + guest + "'");
                return ExitCode.BAD_INPUT;
            }
        }
        SystemConfig system;
        try {
            system = SystemConfigLoader.load(config, Runtime.getRuntime().availableProcessors());
        } catch (ConfigException e) {
            err.println("pneuma run: " + config + " is not a valid system configuration:");
            e.problems().forEach(p -> err.println("  " + p));
            return ExitCode.BAD_INPUT;
        }
        RunDirectory run = new RunDirectory(runDir == null ? RunDirectory.DEFAULT : runDir);
        SupervisorOptions options = new SupervisorOptions(system, backend, run, SystemPartitionCommands::alarmNames);
        ConsoleView view = headless ? null : new ConsoleView(out);
        Supervisor supervisor;
        try {
            supervisor = Supervisor.boot(options, new SystemPartitionCommands(),
                    view == null ? line -> out.println(line) : view::event);
        } catch (SupervisorException e) {
            err.println("pneuma run: " + e.getMessage());
            return ExitCode.FAILED;
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            supervisor.requestStop();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // The JVM is going down either way.
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        if (view != null) view.start(supervisor);
        int status = ExitCode.OK;
        try {
            supervisor.run(durationS == null ? null : Duration.ofMillis((long) (durationS * 1000)));
        } catch (SupervisorException e) {
            err.println("pneuma run: " + e.getMessage());
            status = ExitCode.FAILED;
        } finally {
            if (view != null) view.stop();
            try {
                supervisor.shutdown();
            } catch (SupervisorException e) {
                err.println("pneuma run: " + e.getMessage());
                status = ExitCode.FAILED;
            }
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Ctrl-C: the hook is running and waits for us.
        }
        return status;
    }
}
