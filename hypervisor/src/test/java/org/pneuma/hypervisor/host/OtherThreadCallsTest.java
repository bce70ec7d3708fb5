package org.pneuma.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Thread calls aimed at another task of this process, by its kernel task id. */
class OtherThreadCallsTest {
    @Test
    void anotherThreadIsPinnedAndReadsItBack() throws Exception {
        AtomicInteger tid = new AtomicInteger();
        AtomicReference<BitSet> seen = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch pinned = new CountDownLatch(1);
        Thread other = Thread.ofPlatform().start(() -> {
            tid.set(LinuxHost.currentThreadId());
            started.countDown();
            try {
                pinned.await();
            } catch (InterruptedException e) {
                return;
            }
            seen.set(LinuxHost.currentThreadAffinity());
        });
        started.await();
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        LinuxHost.setThreadAffinity(tid.get(), cpu0);
        pinned.countDown();
        other.join();
        assertThat(seen.get()).isEqualTo(cpu0);
        assertThat(LinuxHost.currentThreadAffinity().cardinality()).as("the caller is not pinned")
            .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aTaskThatIsNotThereIsTheKernelsEsrch() {
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        assertThatThrownBy(() -> LinuxHost.setThreadAffinity(Integer.MAX_VALUE, cpu0))
            .isInstanceOf(HostCallException.class).hasMessageContaining("sched_setaffinity").hasMessageContaining("ESRCH");
        assertThatThrownBy(() -> LinuxHost.setThreadScheduling(Integer.MAX_VALUE, SchedulingPolicy.OTHER, 0))
            .isInstanceOf(HostCallException.class).hasMessageContaining("sched_setscheduler").hasMessageContaining("ESRCH");
    }
}
