package org.pneuma.hypervisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SystemConfigLoaderTest {
    private static final int HOST_CPUS = 2;

    private static final String VALID = """
            partitions:
              safety:
                kind: safety
                cpus: [1]
                cpu_budget_pct: 100
                memory_mb: 256
                scheduling: {policy: fifo, alarm_priority: 90, control_priority: 80, publisher_priority: 70}
                channels: {sensor_bus: read_write, command_mailbox: read_write}
                restart: {policy: always, max_restarts: 10, within_s: 60}
              guest:
                kind: guest
                backend: sandbox
                cpus: [0]
                cpu_budget_pct: 50
                memory_mb: 768
                pids_max: 256
                channels: {sensor_bus: read_only, command_mailbox: read_write}
                restart: {policy: on_failure, backoff_s: [1, 2, 4], escalate_after: 3}
                services:
                  - {name: display, heartbeat_timeout_s: 3}
                  - {name: recorder, heartbeat_timeout_s: 5}
            """;

    @Test
    void theShippedConfigurationIsValid() throws Exception {
        SystemConfig config = SystemConfigLoader.load(Path.of("../config/pneuma.yaml"), HOST_CPUS);

        assertThat(config.safety().cpus()).containsExactly(1);
        assertThat(config.guest().channels().sensorBus()).isEqualTo(ChannelAccess.READ_ONLY);
        assertThat(config.guest().services()).extracting(ServiceConfig::name).containsExactly("display", "recorder", "uploader");
    }

    @Test
    void aValidConfigurationLoadsWithEveryValue() throws Exception {
        SystemConfig config = SystemConfigLoader.parse(VALID, "pneuma.yaml", HOST_CPUS);

        assertThat(config.safety().scheduling().alarmPriority()).isEqualTo(90);
        assertThat(config.guest().backend()).isEqualTo(GuestBackendChoice.SANDBOX);
        assertThat(config.guest().restart().backoffS()).containsExactly(1.0, 2.0, 4.0);
    }

    @Test
    void aGuestThatMapsTheSensorBusWritableIsRefusedAtItsLine() {
        String yaml = VALID.replace("channels: {sensor_bus: read_only", "channels: {sensor_bus: read_write");

        assertThatThrownBy(() -> SystemConfigLoader.parse(yaml, "pneuma.yaml", HOST_CPUS))
                .hasMessage("pneuma.yaml:17: partitions.guest.channels.sensor_bus: a guest partition may only map the"
                        + " sensor bus read_only: sensor data flows one way, out of the safety partition");
    }

    @Test
    void partitionsSharingACpuAreRefused() {
        String yaml = VALID.replace("    cpus: [0]", "    cpus: [1]");

        assertThatThrownBy(() -> SystemConfigLoader.parse(yaml, "pneuma.yaml", HOST_CPUS))
                .hasMessageContaining("pneuma.yaml:13: partitions.guest.cpus.0: CPU 1 is already given to partition 'safety'");
    }

    @Test
    void aCpuTheHostDoesNotHaveIsRefused() {
        String yaml = VALID.replace("    cpus: [0]", "    cpus: [0, 7]");

        assertThatThrownBy(() -> SystemConfigLoader.parse(yaml, "pneuma.yaml", HOST_CPUS))
                .hasMessageContaining("partitions.guest.cpus.1: CPU 7 does not exist on this host (CPUs 0–1)");
    }

    @Test
    void aBudgetOverOneHundredPercentIsRefused() {
        String yaml = VALID.replace("cpu_budget_pct: 50", "cpu_budget_pct: 150");

        assertThatThrownBy(() -> SystemConfigLoader.parse(yaml, "pneuma.yaml", HOST_CPUS))
                .hasMessageContaining("pneuma.yaml:14: partitions.guest.cpu_budget_pct: CPU budget 150.0 must be 1–100 %");
    }

    @Test
    void anUnknownKeyIsRefusedNamingTheKeyAndItsLine() {
        String yaml = VALID.replace("    pids_max: 256", "    pids_max: 256\n    hugepages: 4");

        assertThatThrownBy(() -> SystemConfigLoader.parse(yaml, "pneuma.yaml", HOST_CPUS))
                .hasMessageStartingWith("pneuma.yaml:17: partitions.guest.hugepages: unknown key 'hugepages'")
                .hasMessageContaining("pids_max");
    }

    @Test
    void alarmsMustOutrankControlInRealTimePriority() {
        String yaml = VALID.replace("alarm_priority: 90, control_priority: 80", "alarm_priority: 80, control_priority: 90");

        assertThatThrownBy(() -> SystemConfigLoader.parse(yaml, "pneuma.yaml", HOST_CPUS))
                .hasMessageContaining("pneuma.yaml:7: partitions.safety.scheduling: alarms must outrank control");
    }

    @Test
    void aConfigurationWithoutAGuestIsRefused() {
        String yaml = VALID.substring(0, VALID.indexOf("  guest:"));

        assertThatThrownBy(() -> SystemConfigLoader.parse(yaml, "pneuma.yaml", HOST_CPUS))
                .hasMessageContaining("need exactly one safety and one guest partition, found 1 safety and 0 guest");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = VALID.replace("cpu_budget_pct: 50", "cpu_budget_pct: 0")
                .replace("pids_max: 256", "pids_max: 2")
                .replace("- {name: recorder", "- {name: display");

        assertThatThrownBy(() -> SystemConfigLoader.parse(yaml, "pneuma.yaml", HOST_CPUS))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).contains("cpu_budget_pct"))
                        .anySatisfy(p -> assertThat(p).contains("pids_max"))
                        .anySatisfy(p -> assertThat(p).contains("service 'display' is listed twice")));
    }

    @Test
    void aWrongTypeNamesTheField() {
        String yaml = VALID.replace("memory_mb: 768", "memory_mb: lots");

        assertThatThrownBy(() -> SystemConfigLoader.parse(yaml, "pneuma.yaml", HOST_CPUS))
                .hasMessageStartingWith("pneuma.yaml:15: partitions.guest.memory_mb:");
    }
}
