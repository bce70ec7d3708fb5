package org.pneuma.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pneuma.hypervisor.doctor.ProcessPrivileges;

class LinuxHostMemoryLockTest {

    @Test
    void locksAllMemoryAndUnlocksItWhenTheProcessMayLockBeyondItsLimitOtherwiseNamesTheRefusal() {
        ProcessPrivileges privileges = ThisProcess.privileges();

        if (privileges.hasIpcLock() || privileges.lockedMemoryLimitBytes() < 0) {
            try {
                LinuxHost.lockAllMemory();
                assertThat(lockedKilobytes()).as("VmLck after mlockall").isPositive();
            } finally {
                LinuxHost.unlockAllMemory();
            }
            assertThat(lockedKilobytes()).as("VmLck after munlockall").isZero();
        } else {
            // A JVM maps far more than the default 8 MiB RLIMIT_MEMLOCK.
            assertThatThrownBy(LinuxHost::lockAllMemory)
                .isInstanceOfSatisfying(HostCallException.class, e -> {
                    assertThat(e.call()).isEqualTo("mlockall");
                    assertThat(e.errno()).isIn(Errno.ENOMEM, Errno.EPERM);
                })
                .hasMessageStartingWith("mlockall(MCL_CURRENT|MCL_FUTURE) failed: E");
        }
    }

    @Test
    void unlockingMemoryThatIsNotLockedSucceeds() {
        LinuxHost.unlockAllMemory();

        assertThat(lockedKilobytes()).isZero();
    }

    private static long lockedKilobytes() {
        for (String line : ThisProcess.read("/proc/self/status").split("\n")) {
            if (line.startsWith("VmLck:")) {
                return Long.parseLong(line.substring("VmLck:".length()).replace("kB", "").trim());
            }
        }
        throw new AssertionError("no VmLck line in /proc/self/status");
    }
}
