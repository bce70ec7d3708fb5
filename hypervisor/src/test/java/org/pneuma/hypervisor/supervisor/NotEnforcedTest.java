package org.pneuma.hypervisor.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pneuma.hypervisor.config.SystemConfig;
import org.pneuma.hypervisor.config.SystemConfigLoader;

/** What the configuration asks and the supervisor does not do is said at boot, not silently ignored. */
class NotEnforcedTest {
    @Test
    void theDefaultConfigurationIsToldWhatIsNotEnforced() throws Exception {
        SystemConfig config = SystemConfigLoader.load(Path.of("../config/pneuma.yaml"), 2);

        assertThat(Supervisor.notEnforced(config.safety(), config.guest()))
            .anyMatch(n -> n.contains("cpu_budget_pct and memory_mb are not enforced"))
            .anyMatch(n -> n.contains("publisher_priority 70 is not used"))
            .noneMatch(n -> n.contains("scheduling policy"))
            .noneMatch(n -> n.contains("guest restart policy"));
    }

    @Test
    void aPolicyItDoesNotFollowIsNamed() throws Exception {
        String yaml = java.nio.file.Files.readString(Path.of("../config/pneuma.yaml"))
            .replace("restart: {policy: on_failure", "restart: {policy: never");
        SystemConfig config = SystemConfigLoader.parse(yaml, "test.yaml", 2);

        assertThat(Supervisor.notEnforced(config.safety(), config.guest()))
            .anyMatch(n -> n.contains("the guest restart policy 'never' is not supported"));
    }
}
