package org.pneuma.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pneuma.hypervisor.doctor.ProcessPrivileges;

class LinuxHostSchedulingTest {

    /** What one attempt at SCHED_FIFO 1 and back did, on a thread that ends afterwards. */
    private record Attempt(ThreadScheduling before, ThreadScheduling during, ThreadScheduling after,
                           HostCallException refused) {
    }

    @Test
    void aThrowAwayThreadGoesToSchedFifoAndBackExactlyWhenTheKernelRulesAllowIt() throws InterruptedException {
        ProcessPrivileges privileges = ThisProcess.privileges();

        Attempt attempt = ThisProcess.onThrowAwayThread(() -> {
            ThreadScheduling before = LinuxHost.currentThreadScheduling();
            try {
                LinuxHost.setCurrentThreadScheduling(SchedulingPolicy.FIFO, 1);
            } catch (HostCallException e) {
                return new Attempt(before, null, LinuxHost.currentThreadScheduling(), e);
            }
            ThreadScheduling during = LinuxHost.currentThreadScheduling();
            LinuxHost.setCurrentThreadScheduling(SchedulingPolicy.OTHER, 0);
            return new Attempt(before, during, LinuxHost.currentThreadScheduling(), null);
        });

        assertThat(attempt.before()).isEqualTo(new ThreadScheduling(SchedulingPolicy.OTHER, 0));
        assertThat(attempt.after()).isEqualTo(new ThreadScheduling(SchedulingPolicy.OTHER, 0));
        if (privileges.mayUseRealtimePriority(1)) {
            assertThat(attempt.refused()).as("allowed by %s", privileges.realtimeEvidence()).isNull();
            assertThat(attempt.during()).isEqualTo(new ThreadScheduling(SchedulingPolicy.FIFO, 1));
        } else {
            assertThat(attempt.refused()).as("refused, %s", privileges.realtimeEvidence()).isNotNull();
            assertThat(attempt.refused().call()).isEqualTo("sched_setscheduler");
            assertThat(attempt.refused().errno()).isEqualTo(Errno.EPERM);
            assertThat(attempt.refused()).hasMessageContaining("SCHED_FIFO, priority 1) failed: EPERM");
        }
    }

    @Test
    void aPriorityAboveNinetyNineIsRefusedWithEinvalWhateverThePrivileges() throws InterruptedException {
        HostCallException refused = ThisProcess.onThrowAwayThread(() -> {
            try {
                LinuxHost.setCurrentThreadScheduling(SchedulingPolicy.FIFO, 100);
                return null;
            } catch (HostCallException e) {
                return e;
            }
        });

        assertThat(refused).isNotNull();
        assertThat(refused.call()).isEqualTo("sched_setscheduler");
        assertThat(refused.errnoName()).isEqualTo("EINVAL");
    }

    @Test
    void schedulingActsOnTheCallingThreadOnly() throws InterruptedException {
        ThreadScheduling mainBefore = LinuxHost.currentThreadScheduling();

        ThreadScheduling other = ThisProcess.onThrowAwayThread(() -> {
            try {
                LinuxHost.setCurrentThreadScheduling(SchedulingPolicy.IDLE, 0);
            } catch (HostCallException e) {
                throw new AssertionError("SCHED_IDLE needs no privilege", e);
            }
            return LinuxHost.currentThreadScheduling();
        });

        assertThat(other).isEqualTo(new ThreadScheduling(SchedulingPolicy.IDLE, 0));
        assertThat(LinuxHost.currentThreadScheduling()).isEqualTo(mainBefore);
    }

    @Test
    void thePolicyReadBackIgnoresTheResetOnForkFlag() {
        assertThat(SchedulingPolicy.fromLinux(1 | SchedulingPolicy.RESET_ON_FORK)).isEqualTo(SchedulingPolicy.FIFO);
        assertThat(SchedulingPolicy.fromLinux(0)).isEqualTo(SchedulingPolicy.OTHER);
        assertThatThrownBy(() -> SchedulingPolicy.fromLinux(6)).isInstanceOf(IllegalArgumentException.class);
    }
}
