package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.pneuma.hal.Indicator.LampColour;
import org.pneuma.plant.SimulatedIndicator.Edge;

class SimulatedIndicatorTest {
    private long nowNs;
    private final SimulatedIndicator light = new SimulatedIndicator(() -> nowNs, 4);

    @Test
    void startsDarkWithNoEdges() {
        assertThat(light.colour()).isEqualTo(LampColour.OFF);
        assertThat(light.edgeCount()).isZero();
        assertThat(light.edges()).isEmpty();
    }

    @Test
    void recordsEachColourChangeAtTheClocksTime() {
        nowNs = 2_000_000;
        light.show(LampColour.RED);
        nowNs = 2_250_000;
        light.show(LampColour.OFF);
        nowNs = 2_300_000;
        light.show(LampColour.YELLOW);
        light.show(LampColour.CYAN);

        assertThat(light.edges()).containsExactly(
                new Edge(2_000_000, LampColour.RED), new Edge(2_250_000, LampColour.OFF),
                new Edge(2_300_000, LampColour.YELLOW), new Edge(2_300_000, LampColour.CYAN));
        assertThat(light.edgeColour(3)).isEqualTo(LampColour.CYAN);
        assertThat(light.edgeAtNs(1)).isEqualTo(2_250_000);
        assertThat(light.colour()).isEqualTo(LampColour.CYAN);
    }

    @Test
    void countsCallsThatRepeatTheColourShownButRecordNoEdgeForThem() {
        light.show(LampColour.OFF);
        light.show(LampColour.CYAN);
        light.show(LampColour.CYAN);

        assertThat(light.callCount()).isEqualTo(3);
        assertThat(light.edgeCount()).isEqualTo(1);
    }

    @Test
    void whenFullDropsTheOldestEdgesKeepsCountingAndKeepsEachEdgesNumber() {
        LampColour[] cycle = {LampColour.RED, LampColour.OFF};
        for (int i = 0; i < 7; i++) {
            nowNs = i * 10L;
            light.show(cycle[i % 2]);
        }

        assertThat(light.edgeCount()).isEqualTo(7);
        assertThat(light.firstHeldEdge()).isEqualTo(3);
        assertThat(light.edges()).containsExactly(
                new Edge(30, LampColour.OFF), new Edge(40, LampColour.RED),
                new Edge(50, LampColour.OFF), new Edge(60, LampColour.RED));
        assertThatThrownBy(() -> light.edgeColour(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> light.edgeAtNs(7)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesANullColour() {
        assertThatThrownBy(() -> light.show(null)).isInstanceOf(NullPointerException.class);
        assertThat(light.callCount()).isZero();
    }

    @Test
    void recordingAnEdgeAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        SimulatedIndicator big = new SimulatedIndicator(() -> nowNs, 1 << 16);
        LampColour[] cycle = {LampColour.RED, LampColour.OFF, LampColour.YELLOW, LampColour.CYAN};
        long thread = Thread.currentThread().threadId();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 20 && least > 0; round++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 200_000; i++) {
                nowNs++;
                big.show(cycle[i & 3]);
            }
            long after = threads.getThreadAllocatedBytes(thread);
            least = Math.min(least, after - before);
        }

        assertThat(big.edgeCount()).isGreaterThan(1 << 16);
        assertThat(big.edgeColour(big.edgeCount() - 1)).isEqualTo(LampColour.CYAN);
        // The meter's own reading costs a few dozen bytes at most; an allocation per edge would cost megabytes.
        assertThat(least).as("bytes allocated by 200 000 edges").isLessThan(64);
    }
}
