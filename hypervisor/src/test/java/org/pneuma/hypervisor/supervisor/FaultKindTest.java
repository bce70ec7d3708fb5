package org.pneuma.hypervisor.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FaultKindTest {
    @Test
    void everyFaultTheIssueNamesHasItsLabelAndSaysWhatMustHappen() {
        assertThat(Arrays.stream(FaultKind.values()).map(FaultKind::label)).containsExactly("guest-cpu-hog",
            "guest-memory-hog", "guest-fork-bomb", "guest-io-flood", "guest-kill", "guest-hang", "bus-write-attempt",
            "command-flood", "command-garbage");
        for (FaultKind kind : FaultKind.values()) {
            assertThat(FaultKind.ofLabel(kind.label())).contains(kind);
            assertThat(kind.what()).isNotBlank();
            assertThat(kind.expected()).isNotBlank();
        }
        assertThat(FaultKind.ofLabel("GUEST_KILL")).isEmpty();
        assertThat(FaultKind.ofLabel("guest-explode")).isEmpty();
    }

    @Test
    void aReportSurvivesItsJson() {
        FaultReport report = new FaultReport("bus-write-attempt", true, "what", "expected", "guest half exited 0", 0,
            "RESULT bus-write-attempt map_rw=refused");
        assertThat(FaultReport.fromJson(report.toJson())).isEqualTo(report);
        assertThat(report.toJson()).contains("\"exit_code\":0");
    }
}
