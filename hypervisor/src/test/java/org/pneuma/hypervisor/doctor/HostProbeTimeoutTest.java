package org.pneuma.hypervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostProbeTimeoutTest {

    @Test
    void aProbeThatDoesNotAnswerInTimeIsReportedAndAbandonedNotWaitedFor() throws InterruptedException {
        HostCapabilities host = new HostProbe(Duration.ZERO).probe();

        // A child process cannot have unshared, mounted /proc and exited before the probe stops waiting.
        if (!host.namespaces().detail().startsWith("unshare absent")) {
            assertThat(host.namespaces().available()).isFalse();
            assertThat(host.namespaces().detail()).endsWith(": no answer within 0 ms (killed)");
        }
        assertThat(DoctorReport.of(host).toText()).isNotEmpty();
        awaitAbandonedProbes();
    }

    /** Lets abandoned probe threads finish, so their mlockall cannot overlap other tests. */
    private static void awaitAbandonedProbes() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("pneuma-doctor-")) {
                thread.join();
            }
        }
    }
}
