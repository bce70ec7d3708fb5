package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.pneuma.plant.SimulatedSounder.Edge;

class SimulatedSounderTest {
    private long nowNs;
    private final SimulatedSounder sounder = new SimulatedSounder(() -> nowNs, 4);

    @Test
    void startsSilentWithNoEdges() {
        assertThat(sounder.isOn()).isFalse();
        assertThat(sounder.edgeCount()).isZero();
        assertThat(sounder.edges()).isEmpty();
    }

    @Test
    void recordsEachEdgeAtTheClocksTime() {
        nowNs = 1_000_000;
        sounder.sound(true);
        nowNs = 1_150_000;
        sounder.sound(false);

        assertThat(sounder.edgeCount()).isEqualTo(2);
        assertThat(sounder.edgeAtNs(0)).isEqualTo(1_000_000);
        assertThat(sounder.edgeOn(0)).isTrue();
        assertThat(sounder.edgeAtNs(1)).isEqualTo(1_150_000);
        assertThat(sounder.edgeOn(1)).isFalse();
        assertThat(sounder.isOn()).isFalse();
    }

    @Test
    void countsCallsThatRepeatTheCurrentStateButRecordNoEdgeForThem() {
        sounder.sound(false);
        sounder.sound(true);
        nowNs = 5;
        sounder.sound(true);

        assertThat(sounder.callCount()).isEqualTo(3);
        assertThat(sounder.edges()).containsExactly(new Edge(0, true));
    }

    @Test
    void whenFullDropsTheOldestEdgesKeepsCountingAndKeepsEachEdgesNumber() {
        for (int i = 0; i < 6; i++) {
            nowNs = i * 10L;
            sounder.sound(i % 2 == 0);
        }

        assertThat(sounder.edgeCount()).isEqualTo(6);
        assertThat(sounder.firstHeldEdge()).isEqualTo(2);
        assertThat(sounder.edgeAtNs(2)).isEqualTo(20);
        assertThat(sounder.edgeAtNs(5)).isEqualTo(50);
        assertThat(sounder.edgeOn(5)).isFalse();
        assertThat(sounder.edges()).containsExactly(
                new Edge(20, true), new Edge(30, false), new Edge(40, true), new Edge(50, false));
    }

    @Test
    void refusesToReadAnEdgeItNoLongerHoldsOrHasNotSeen() {
        for (int i = 0; i < 6; i++) sounder.sound(i % 2 == 0);

        assertThatThrownBy(() -> sounder.edgeAtNs(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sounder.edgeOn(6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesAZeroCapacityAndAMissingClock() {
        assertThatThrownBy(() -> new SimulatedSounder(() -> 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatedSounder(null, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordingAnEdgeAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        SimulatedSounder big = new SimulatedSounder(() -> nowNs, 1 << 16);
        long thread = Thread.currentThread().threadId();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 20 && least > 0; round++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 200_000; i++) {
                nowNs++;
                big.sound((i & 1) == 0);
            }
            long after = threads.getThreadAllocatedBytes(thread);
            least = Math.min(least, after - before);
        }

        assertThat(big.edgeCount()).isGreaterThan(1 << 16);
        // The meter's own reading costs a few dozen bytes at most; an allocation per edge would cost megabytes.
        assertThat(least).as("bytes allocated by 200 000 edges").isLessThan(64);
    }
}
