package org.pneuma.hypervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessPrivilegesTest {
    private static final String LIMITS = """
        Limit                     Soft Limit           Hard Limit           Units
        Max locked memory         8388608              8388608              bytes
        Max realtime priority     0                    0
        Max realtime timeout      unlimited            unlimited            us
        """;

    @Test
    void rootWithCapSysNiceAndCapIpcLockMayUseFifoAndLockMemoryWhateverItsLimits() {
        ProcessPrivileges privileges = ProcessPrivileges.parse("Name:\tjava\nCapEff:\t000001fffeffffff\n", LIMITS);

        assertThat(privileges.hasSysNice()).isTrue();
        assertThat(privileges.hasIpcLock()).isTrue();
        assertThat(privileges.mayUseRealtimePriority(99)).isTrue();
        assertThat(privileges.realtimeEvidence()).isEqualTo("CAP_SYS_NICE");
        assertThat(privileges.memoryLockEvidence()).isEqualTo("CAP_IPC_LOCK");
    }

    @Test
    void withoutCapabilitiesTheRealtimePriorityLimitDecides() {
        String status = "CapEff:\t0000000000000000\n";
        String limits = LIMITS.replace("Max realtime priority     0                    0",
            "Max realtime priority     10                   10");
        ProcessPrivileges privileges = ProcessPrivileges.parse(status, limits);

        assertThat(privileges.mayUseRealtimePriority(10)).isTrue();
        assertThat(privileges.mayUseRealtimePriority(11)).isFalse();
        assertThat(privileges.realtimeEvidence()).isEqualTo("no CAP_SYS_NICE, RLIMIT_RTPRIO 10");
        assertThat(privileges.memoryLockEvidence()).isEqualTo("no CAP_IPC_LOCK, RLIMIT_MEMLOCK 8388608 bytes");
    }

    @Test
    void anUnprivilegedProcessWithDefaultLimitsMayNotUseFifo() {
        ProcessPrivileges privileges = ProcessPrivileges.parse("CapEff:\t0000000000000000\n", LIMITS);

        assertThat(privileges.mayUseRealtimePriority(1)).isFalse();
        assertThat(privileges.realtimeEvidence()).isEqualTo("no CAP_SYS_NICE, RLIMIT_RTPRIO 0");
    }

    @Test
    void unlimitedLimitsReadAsMinusOne() {
        ProcessPrivileges privileges = ProcessPrivileges.parse("CapEff:\t0\n",
            "Max locked memory         unlimited            unlimited            bytes\n");

        assertThat(privileges.lockedMemoryLimitBytes()).isEqualTo(-1);
        assertThat(privileges.memoryLockEvidence()).isEqualTo("no CAP_IPC_LOCK, RLIMIT_MEMLOCK unlimited");
    }

    @Test
    void missingLinesReadAsNoCapabilityAndZeroLimits() {
        ProcessPrivileges privileges = ProcessPrivileges.parse("", "");

        assertThat(privileges).isEqualTo(ProcessPrivileges.UNKNOWN);
        assertThat(privileges.mayUseRealtimePriority(1)).isFalse();
    }
}
