package org.pneuma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.config.GuestBackendChoice;
import org.pneuma.hypervisor.config.SystemConfigLoader;
import org.pneuma.hypervisor.supervisor.ControlClient;
import org.pneuma.hypervisor.supervisor.FaultReport;
import org.pneuma.hypervisor.supervisor.Supervisor;
import org.pneuma.hypervisor.supervisor.SupervisorOptions;
import org.pneuma.hypervisor.supervisor.SystemStatus;

/**
 * The system on the process backend, which isolates nothing: it says so in the log and the status, and it refuses
 * the one fault nothing would hold there (a fork bomb, with no pids limit, would take the host).
 */
class ProcessBackendSystemTest {
    @Test
    void itSaysItIsolatesNothingAndRefusesAForkBomb() throws Exception {
        RunDirectory run = new RunDirectory(Path.of("/dev/shm/pneuma-process-" + ProcessHandle.current().pid()));
        List<String> log = new CopyOnWriteArrayList<>();
        Supervisor supervisor = Supervisor.boot(new SupervisorOptions(SystemConfigLoader.load(Path.of("../config/pneuma.yaml"),
            Runtime.getRuntime().availableProcessors()), GuestBackendChoice.PROCESS, run, SystemPartitionCommands::alarmNames),
            new SystemPartitionCommands(), log::add);
        try {
            assertThat(log).anyMatch(l -> l.contains("THE GUEST PARTITION IS NOT ISOLATED"));
            SystemStatus status = SystemStatus.fromJson(ControlClient.request(run, "status"));
            assertThat(status.guest().backend()).isEqualTo("process");
            assertThat(status.guest().notIsolated()).isNotEmpty().allMatch(l -> l.contains("ISOLATES NOTHING"));

            FaultReport bomb = FaultReport.fromJson(ControlClient.request(run, "fault guest-fork-bomb 5"));
            assertThat(bomb.injected()).isFalse();
            assertThat(bomb.detail()).contains("no pids limit");
        } finally {
            supervisor.shutdown();
        }
        assertThat(run.root()).doesNotExist();
    }
}
