package org.pneuma.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LinuxHostAffinityTest {

    @Test
    void pinsTheCurrentThreadToCpuZeroReadsItBackAndRestoresItsFormerCpus() throws InterruptedException {
        ThisProcess.onThrowAwayThread(() -> {
            BitSet original = LinuxHost.currentThreadAffinity();
            assertThat(original.isEmpty()).as("a running thread may run somewhere").isFalse();
            BitSet cpuZero = new BitSet();
            cpuZero.set(0);

            LinuxHost.setCurrentThreadAffinity(cpuZero);
            BitSet pinned = LinuxHost.currentThreadAffinity();
            LinuxHost.setCurrentThreadAffinity(original);
            BitSet restored = LinuxHost.currentThreadAffinity();

            assertThat(pinned).isEqualTo(cpuZero);
            assertThat(restored).isEqualTo(original);
            return null;
        });
    }

    @Test
    void affinityActsOnTheCallingThreadOnlyNotOnTheProcess() throws InterruptedException {
        BitSet mainBefore = LinuxHost.currentThreadAffinity();
        BitSet cpuZero = new BitSet();
        cpuZero.set(0);

        ThisProcess.onThrowAwayThread(() -> {
            LinuxHost.setCurrentThreadAffinity(cpuZero);
            return null;
        });

        assertThat(LinuxHost.currentThreadAffinity()).isEqualTo(mainBefore);
    }

    @Test
    void anEmptyCpuSetIsRefusedWithEinvalNamingTheCall() {
        assertThatThrownBy(() -> LinuxHost.setCurrentThreadAffinity(new BitSet()))
            .isInstanceOfSatisfying(HostCallException.class, e -> {
                assertThat(e.call()).isEqualTo("sched_setaffinity");
                assertThat(e.errno()).isEqualTo(Errno.EINVAL);
                assertThat(e.errnoName()).isEqualTo("EINVAL");
            })
            .hasMessageStartingWith("sched_setaffinity(tid ")
            .hasMessageEndingWith("cpus {}) failed: EINVAL (Invalid argument)");
    }

    @Test
    void aCpuBeyondTheKernelCpuSetIsRefusedBeforeAnyCall() {
        BitSet tooFar = new BitSet();
        tooFar.set(1024);

        assertThatThrownBy(() -> LinuxHost.setCurrentThreadAffinity(tooFar))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("CPU 1024");
    }

    @Test
    void aVirtualThreadIsRefusedBecauseItsKernelTaskIsASharedCarrier() throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                LinuxHost.currentThreadAffinity();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }).join();

        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("virtual thread");
    }

    @Test
    void theThreadIdIsTheKernelTaskOfTheCallingThread() throws InterruptedException {
        int main = LinuxHost.currentThreadId();
        int other = ThisProcess.onThrowAwayThread(LinuxHost::currentThreadId);

        assertThat(main).isPositive();
        assertThat(other).isPositive().isNotEqualTo(main);
        assertThat(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task/" + main))).isTrue();
    }
}
