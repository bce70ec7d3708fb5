package org.pneuma.hypervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBuildMachineSupportsAllThreeBackendsAndTheVmIsTheStrongest() {
        DoctorReport report = DoctorReport.of(Fixtures.buildMachine());

        assertThat(report.backends()).allMatch(BackendSupport::supported);
        assertThat(report.strongest()).isEqualTo(GuestBackend.VM);
        assertThat(report.exitCode()).isEqualTo(DoctorReport.EXIT_ISOLATION_AVAILABLE);
    }

    @Test
    void aHostWithOnlyTheProcessBackendExitsWithOneAndSaysTheGuestIsNotIsolated() {
        DoctorReport report = DoctorReport.of(Fixtures.bareUnprivilegedHost());

        assertThat(report.strongest()).isEqualTo(GuestBackend.PROCESS);
        assertThat(report.exitCode()).isEqualTo(DoctorReport.EXIT_NO_ISOLATION);
        assertThat(report.toText()).contains("strongest guest backend: process — the guest partition would NOT be "
            + "isolated on this host");
    }

    @Test
    void everyCheckHasOneLineInAFixedOrder() {
        DoctorReport report = DoctorReport.of(Fixtures.buildMachine());

        assertThat(report.checks()).extracting(Check::name).containsExactly("java", "user", "cgroups", "namespaces",
            "rt-scheduling", "memory-lock", "runc", "crun", "qemu", "kvm");
    }

    @Test
    void theTextAlignsStatusNameAndDetailInColumns() {
        String text = DoctorReport.of(Fixtures.buildMachine()).toText();
        List<String> rows = text.lines().filter(line -> line.startsWith("  ")).toList();

        assertThat(rows).hasSize(10 + 3);
        int detailColumn = "  warn  rt-scheduling  ".length();
        for (String row : rows) {
            assertThat(row.substring(2, 6).strip()).isIn("ok", "warn", "no");
            assertThat(row.charAt(detailColumn - 1)).as(row).isEqualTo(' ');
            assertThat(row.charAt(detailColumn)).as(row).isNotEqualTo(' ');
        }
        assertThat(text).startsWith("host\n").contains("\nguest backends\n")
            .endsWith("strongest guest backend: vm\n");
    }

    @Test
    void kvmThatAnswersButWasNeverSeenBootingAStockGuestIsAWarningAndTheVmUsesTcg() {
        DoctorReport report = DoctorReport.of(Fixtures.buildMachine());

        assertThat(report.checks()).filteredOn(check -> check.name().equals("kvm")).singleElement()
            .satisfies(check -> {
                assertThat(check.status()).isEqualTo(Status.WARN);
                assertThat(check.detail()).contains("not verified to boot a stock guest");
            });
        assertThat(report.backends().getFirst().reason()).contains("accel=tcg");
    }

    @Test
    void crunOnAHybridHostCarriesTheKnownCaveat() {
        DoctorReport report = DoctorReport.of(Fixtures.buildMachine());

        assertThat(report.checks()).filteredOn(check -> check.name().equals("crun")).singleElement()
            .satisfies(check -> {
                assertThat(check.status()).isEqualTo(Status.WARN);
                assertThat(check.detail()).contains("crun version 1.8.1", "refuses hybrid cgroups",
                    "/sys/fs/cgroup/unified unmounted");
            });
    }

    @Test
    void theProcessBackendIsNeverReportedAsOk() {
        for (HostCapabilities host : List.of(Fixtures.buildMachine(), Fixtures.bareUnprivilegedHost())) {
            assertThat(DoctorReport.of(host).toText()).containsPattern("\n  warn  process +always available — "
                + "isolates NOTHING");
        }
    }

    @Test
    void refusedCallsShowTheirErrnoAndMissingToolsAreAbsent() {
        DoctorReport report = DoctorReport.of(Fixtures.bareUnprivilegedHost());
        String text = report.toText();

        assertThat(text).containsPattern("  no    rt-scheduling +sched_setscheduler\\(.*\\) failed: EPERM")
            .containsPattern("  no    runc +runc absent")
            .containsPattern("  no    namespaces +unshare absent")
            .containsPattern("  warn  java +.*native access NOT enabled")
            .containsPattern("  warn  user +not root \\(euid 1000\\)")
            .containsPattern("  warn  cgroups +v2 at /sys/fs/cgroup with memory pids; missing for the sandbox: cpu "
                + "cpuset");
    }

    @Test
    void theJsonCarriesTheVerdictsTheBackendsAndTheRawFindings() throws Exception {
        DoctorReport report = DoctorReport.of(Fixtures.buildMachine());

        JsonNode json = JSON.readTree(report.toJson());

        assertThat(json.get("strongest_backend").asText()).isEqualTo("vm");
        assertThat(json.get("exit_code").asInt()).isZero();
        assertThat(json.get("checks")).hasSize(10);
        assertThat(json.get("checks").get(0).get("name").asText()).isEqualTo("java");
        assertThat(json.get("checks").get(0).get("status").asText()).isEqualTo("ok");
        assertThat(json.get("backends").get(2).get("backend").asText()).isEqualTo("process");
        assertThat(json.get("backends").get(2).get("status").asText()).isEqualTo("warn");
        JsonNode host = json.get("host");
        assertThat(host.get("root").asBoolean()).isTrue();
        assertThat(host.get("cgroups").get("layout").asText()).isEqualTo("hybrid");
        assertThat(host.get("cgroups").get("v1_controllers")).hasSize(5);
        assertThat(host.get("cgroups").get("v2_mount_point").asText()).isEqualTo("/sys/fs/cgroup/unified");
        assertThat(host.get("tools").get("runc").get("version").asText()).isEqualTo("runc version 1.1.5+ds1");
        assertThat(host.get("tools").get("qemu").get("name").asText()).isEqualTo("qemu-system-x86_64");
        assertThat(host.get("kvm").get("api_version").asInt()).isEqualTo(12);
        assertThat(host.get("kvm").get("verified_for_stock_guests").asBoolean()).isFalse();
        assertThat(host.get("privileges").get("cap_sys_nice").asBoolean()).isTrue();
    }

    @Test
    void theJsonOfAnUnisolatedHostSuggestsExitOne() throws Exception {
        JsonNode json = JSON.readTree(DoctorReport.of(Fixtures.bareUnprivilegedHost()).toJson());

        assertThat(json.get("strongest_backend").asText()).isEqualTo("process");
        assertThat(json.get("exit_code").asInt()).isEqualTo(1);
        assertThat(json.get("host").get("tools").get("runc").get("present").asBoolean()).isFalse();
    }
}
