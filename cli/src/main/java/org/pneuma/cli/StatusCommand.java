package org.pneuma.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.supervisor.ControlClient;
import org.pneuma.hypervisor.supervisor.SupervisorException;
import org.pneuma.hypervisor.supervisor.SystemStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pneuma status}: what a running system is doing now. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = {
                "Show a running system (started with 'pneuma run'): live numerics from the sensor bus, the alarms the "
                        + "safety partition signals, its loop timing and command counters, the guest partition's "
                        + "backend, limits and services with their heartbeats and restarts, and the latest events.",
                ""},
        footer = {"", "Exit status: 0 when a system answered, 1 when none is running there."})
final class StatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "The system's run directory (default: /dev/shm/pneuma).")
    Path runDir;

    @Override
    public Integer call() {
        RunDirectory run = new RunDirectory(runDir == null ? RunDirectory.DEFAULT : runDir);
        String reply;
        try {
            reply = ControlClient.request(run, "status");
        } catch (SupervisorException e) {
            spec.commandLine().getErr().println("pneuma status: " + e.getMessage());
            return ExitCode.FAILED;
        }
        spec.commandLine().getOut().print(json ? reply + "\n" : StatusText.render(SystemStatus.fromJson(reply), 10));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
