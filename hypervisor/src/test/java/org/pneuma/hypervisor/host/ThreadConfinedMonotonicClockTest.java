package org.pneuma.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadConfinedMonotonicClockTest {

    @Test
    void readingsNeverGoBackwards() {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            long previous = clock.nowNs();
            for (int i = 0; i < 100_000; i++) {
                long now = clock.nowNs();
                assertThat(now).isGreaterThanOrEqualTo(previous);
                previous = now;
            }
        }
    }

    @Test
    void itIsTheSameClockAsSystemNanoTime() {
        // On Linux System.nanoTime() is CLOCK_MONOTONIC: a reading taken between two of its readings lies between them.
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            for (int i = 0; i < 1_000; i++) {
                long before = System.nanoTime();
                long now = clock.nowNs();
                long after = System.nanoTime();
                assertThat(now).isBetween(before, after);
            }
        }
    }

    @Test
    void sleepingUntilAnAbsoluteDeadlineReturnsAtOrAfterIt() {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            long deadline = clock.nowNs();
            for (int tick = 0; tick < 20; tick++) {
                deadline += 1_000_000L;
                clock.sleepUntilNs(deadline);
                assertThat(clock.nowNs()).isGreaterThanOrEqualTo(deadline);
            }
        }
    }

    @Test
    void aDeadlineAlreadyPassedReturnsWithoutSleeping() {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            long past = clock.nowNs() - 1_000_000_000L;
            long before = clock.nowNs();
            clock.sleepUntilNs(past);

            assertThat(clock.nowNs()).isGreaterThanOrEqualTo(before);
        }
    }

    @Test
    void aNegativeDeadlineIsRefusedWithEinvalNamingTheCall() {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            assertThatThrownBy(() -> clock.sleepUntilNs(-1_500_000_000L))
                .isInstanceOfSatisfying(HostCallException.class, e -> {
                    assertThat(e.call()).isEqualTo("clock_nanosleep");
                    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
                })
                .hasMessageContaining("CLOCK_MONOTONIC, TIMER_ABSTIME, deadline -1500000000 ns")
                .hasMessageEndingWith("failed: EINVAL (Invalid argument)");
        }
    }

    @Test
    void anotherThreadMayNotUseIt() throws InterruptedException {
        try (ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread.ofPlatform().start(() -> {
                try {
                    clock.nowNs();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }).join();

            assertThat(thrown.get()).isInstanceOf(WrongThreadException.class);
        }
    }

    @Test
    void aClosedClockRefusesToRead() {
        ThreadConfinedMonotonicClock clock = new ThreadConfinedMonotonicClock();
        clock.close();

        assertThatThrownBy(clock::nowNs).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theAllocatingVariantsReadAndSleepOnTheSameClock() {
        long before = System.nanoTime();
        long now = LinuxHost.monotonicNowNs();
        long deadline = now + 1_000_000L;
        LinuxHost.sleepUntilMonotonicNs(deadline);

        assertThat(now).isGreaterThanOrEqualTo(before);
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
    }
}
