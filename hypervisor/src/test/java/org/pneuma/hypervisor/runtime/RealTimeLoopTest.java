package org.pneuma.hypervisor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.pneuma.hypervisor.host.LinuxHost;
import org.pneuma.hypervisor.host.SchedulingPolicy;

class RealTimeLoopTest {

    @Test
    void runsEveryTickOnceAndNeverWakesBeforeItsDeadline() throws Exception {
        List<Long> lateness = new ArrayList<>();
        long[] ticks = new long[1];
        long[] lastNow = {Long.MIN_VALUE};
        boolean[] monotonic = {true};
        Thread t = Thread.ofPlatform().start(() -> {
            RealTimeLoop loop = new RealTimeLoop(0, 10, 1_000_000L);
            loop.run(200, now -> {
                ticks[0]++;
                if (now <= lastNow[0]) monotonic[0] = false;
                lastNow[0] = now;
            }, (late, overran) -> lateness.add(late));
        });
        t.join();

        assertThat(ticks[0]).isEqualTo(200);
        assertThat(lateness).hasSize(200).allSatisfy(late -> assertThat(late).isNotNegative());
        assertThat(monotonic[0]).as("tick times increase").isTrue();
    }

    @Test
    void preparedLoopRunsPinnedAtRealTimePriorityOrSaysWhyNot() throws Exception {
        AtomicReference<SchedulingPolicy> policy = new AtomicReference<>();
        AtomicReference<List<String>> degradations = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            RealTimeLoop loop = new RealTimeLoop(0, 10, 1_000_000L);
            loop.prepare();
            try {
                policy.set(LinuxHost.currentThreadScheduling().policy());
                degradations.set(loop.degradations());
            } finally {
                loop.release();
            }
        });
        t.join();

        if (degradations.get().stream().noneMatch(d -> d.contains("SCHED_FIFO"))) {
            assertThat(policy.get()).isEqualTo(SchedulingPolicy.FIFO);
        } else {
            assertThat(policy.get()).isEqualTo(SchedulingPolicy.OTHER);
            assertThat(degradations.get()).anySatisfy(d -> assertThat(d).contains("refused"));
        }
    }

    @Test
    void nonsensePeriodsAndPrioritiesAreRefused() {
        assertThatThrownBy(() -> new RealTimeLoop(0, 10, 10_000L)).hasMessageContaining("period must be at least 100 µs");
        assertThatThrownBy(() -> new RealTimeLoop(0, 100, 1_000_000L)).hasMessageContaining("priority must be 1–99");
    }
}
