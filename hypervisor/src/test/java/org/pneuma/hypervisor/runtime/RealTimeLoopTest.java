package org.pneuma.hypervisor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void anotherThreadStopsALoopThatRunsUntilStoppedAfterTheTickUnderWay() throws Exception {
        RealTimeLoop loop = new RealTimeLoop(0, 10, 1_000_000L);
        AtomicLong ticks = new AtomicLong();
        boolean[] tickCutShort = {false};
        boolean[] inTick = {false};
        CountDownLatch ticking = new CountDownLatch(20);
        Thread t = Thread.ofPlatform().start(() -> loop.runUntilStopped(now -> {
            inTick[0] = true;
            ticks.incrementAndGet();
            ticking.countDown();
            inTick[0] = false;
        }, (late, overran) -> {
            if (inTick[0]) tickCutShort[0] = true;
        }));
        assertThat(ticking.await(5, TimeUnit.SECONDS)).as("the loop ticks").isTrue();

        long stopAskedAt = System.nanoTime();
        loop.requestStop();
        t.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(t.isAlive()).as("the loop returned").isFalse();
        assertThat(System.nanoTime() - stopAskedAt).as("returned within a few periods").isLessThan(500_000_000L);
        assertThat(loop.stopRequested()).isTrue();
        long stoppedAt = ticks.get();
        assertThat(stoppedAt).isGreaterThanOrEqualTo(20);
        assertThat(tickCutShort[0]).isFalse();

        Thread again = Thread.ofPlatform().start(() -> loop.run(1000, now -> ticks.incrementAndGet(), (late, overran) -> { }));
        again.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(ticks.get()).as("a stopped loop runs no more ticks").isEqualTo(stoppedAt);
    }

    @Test
    void aStopRequestEndsACountedRunEarly() throws Exception {
        RealTimeLoop loop = new RealTimeLoop(0, 10, 1_000_000L);
        AtomicLong ticks = new AtomicLong();
        Thread t = Thread.ofPlatform().start(() -> loop.run(1_000_000, now -> {
            if (ticks.incrementAndGet() == 50) loop.requestStop();
        }, (late, overran) -> { }));
        t.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(t.isAlive()).isFalse();
        assertThat(ticks.get()).isEqualTo(50);
    }
}
