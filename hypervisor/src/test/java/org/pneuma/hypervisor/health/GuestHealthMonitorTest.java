package org.pneuma.hypervisor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuestHealthMonitorTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final GuestHealthMonitor monitor = new GuestHealthMonitor(
            Map.of("display", 3 * S, "recorder", 5 * S, "uploader", 10 * S),
            new long[] {1 * S, 2 * S, 4 * S}, 3, 60 * S);

    private static List<ServiceState> all(long beatNs) {
        return List.of(new ServiceState("display", true, beatNs), new ServiceState("recorder", true, beatNs),
                new ServiceState("uploader", true, beatNs));
    }

    private static List<ServiceState> displayDead(long beatNs) {
        return List.of(new ServiceState("display", false, beatNs), new ServiceState("recorder", true, beatNs),
                new ServiceState("uploader", true, beatNs));
    }

    @Test
    void servicesThatBeatNeedNothing() {
        assertThat(monitor.check(10 * S, all(9 * S))).isEmpty();
    }

    @Test
    void aDeadDisplayRaisesDisplayLostAtOnceAndIsRestartedAfterItsBackOff() {
        assertThat(monitor.check(10 * S, displayDead(9 * S)))
                .containsExactly(new HealthAction.TechnicalAlarm("DISPLAY_LOST", true, "display: process exited"));
        assertThat(monitor.check(10 * S + 999 * MS, displayDead(9 * S))).isEmpty();
        assertThat(monitor.check(11 * S, displayDead(9 * S)))
                .containsExactly(new HealthAction.RestartService("display", "process exited", 1));
    }

    @Test
    void aSilentServiceIsAFailureAndRaisesGuestFaultNotDisplayLost() {
        List<ServiceState> silentRecorder = List.of(new ServiceState("display", true, 20 * S),
                new ServiceState("recorder", true, 14 * S), new ServiceState("uploader", true, 20 * S));

        assertThat(monitor.check(19 * S, silentRecorder)).as("exactly the timeout is not yet silence").isEmpty();
        assertThat(monitor.check(19 * S + 1, silentRecorder))
                .containsExactly(new HealthAction.TechnicalAlarm("GUEST_FAULT", true, "recorder: silent for 5000 ms"));
    }

    @Test
    void theBackOffGrowsWithEachConsecutiveFailure() {
        monitor.check(0, displayDead(0));
        assertThat(monitor.check(1 * S, displayDead(0))).contains(new HealthAction.RestartService("display", "process exited", 1));
        // The restarted display dies again: the second restart waits 2 s.
        assertThat(monitor.check(2 * S, displayDead(1 * S))).isEmpty();
        assertThat(monitor.check(3 * S + 999 * MS, displayDead(1 * S))).isEmpty();
        assertThat(monitor.check(4 * S, displayDead(1 * S))).contains(new HealthAction.RestartService("display", "process exited", 2));
    }

    @Test
    void theThirdFailureInARowRestartsTheWholePartition() {
        monitor.check(0, displayDead(0));
        monitor.check(1 * S, displayDead(0));
        monitor.check(2 * S, displayDead(1 * S));
        monitor.check(4 * S, displayDead(1 * S));

        List<HealthAction> actions = monitor.check(5 * S, displayDead(4 * S));

        assertThat(actions).first().isEqualTo(new HealthAction.RestartPartition("display failed 3 times in a row (process exited)"));
    }

    @Test
    void displayLostClearsWhenTheDisplayBeatsAgain() {
        monitor.check(0, displayDead(0));
        monitor.check(1 * S, displayDead(0));

        assertThat(monitor.check(2 * S, all(2 * S)))
                .containsExactly(new HealthAction.TechnicalAlarm("DISPLAY_LOST", false, "display beating again"));
    }

    @Test
    void aServiceThatBeatsSteadilyForAMinuteIsForgivenItsFailures() {
        monitor.check(0, displayDead(0));
        monitor.check(1 * S, displayDead(0));
        monitor.check(2 * S, all(2 * S));
        monitor.check(62 * S, all(62 * S));

        monitor.check(63 * S, displayDead(62 * S));

        assertThat(monitor.check(64 * S, displayDead(62 * S)))
                .as("a fresh first failure: 1 s back-off, count 1").contains(new HealthAction.RestartService("display", "process exited", 1));
    }

    @Test
    void anUnknownServiceIsAnError() {
        assertThatThrownBy(() -> monitor.check(0, List.of(new ServiceState("printer", true, 0))))
                .hasMessage("unknown service 'printer'");
    }
}
