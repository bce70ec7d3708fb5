package org.pneuma.channel;

import org.pneuma.testkit.AllocationMeter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterBoardTest {
    @TempDir
    Path dir;

    @Test
    void countersStartAtZeroAndKeepWhatTheOwnerWrites() {
        CounterBoard board = CounterBoard.allocate();
        for (CounterId id : CounterId.values()) {
            assertThat(board.get(id)).as("%s", id).isZero();
        }

        board.increment(CounterId.COMMANDS_ACCEPTED);
        board.increment(CounterId.COMMANDS_ACCEPTED);
        board.add(CounterId.COMMAND_FRAMES_GARBLED, 40);
        board.set(CounterId.LOOP_LAST_DURATION_NS, 12_345);
        board.proposeMax(CounterId.LOOP_MAX_DURATION_NS, 900);
        board.proposeMax(CounterId.LOOP_MAX_DURATION_NS, 300);

        assertThat(board.get(CounterId.COMMANDS_ACCEPTED)).isEqualTo(2);
        assertThat(board.get(CounterId.COMMAND_FRAMES_GARBLED)).isEqualTo(40);
        assertThat(board.get(CounterId.LOOP_LAST_DURATION_NS)).isEqualTo(12_345);
        assertThat(board.get(CounterId.LOOP_MAX_DURATION_NS)).isEqualTo(900);
        assertThat(board.get(CounterId.COMMANDS_REJECTED)).as("independent").isZero();
        assertThat(board.snapshot()).containsEntry(CounterId.COMMANDS_ACCEPTED, 2L).hasSize(CounterId.values().length);
    }

    @Test
    void anyProcessMapsTheBoardReadOnlyAndFindsEveryCounterByLabelWithAgronasReader() throws IOException {
        Path file = dir.resolve("counters");
        try (CounterBoard owner = CounterBoard.createFile(file);
             CounterBoard status = CounterBoard.mapReadOnly(file)) {
            owner.add(CounterId.DEADLINE_MISSES, 3);
            owner.increment(CounterId.LOOP_TICKS);

            assertThat(status.isReadOnly()).isTrue();
            assertThat(status.get(CounterId.DEADLINE_MISSES)).isEqualTo(3);
            assertThat(status.get(CounterId.LOOP_TICKS)).isEqualTo(1);
            Map<String, Long> byLabel = new LinkedHashMap<>();
            status.countersReader().forEach((value, id, label) -> byLabel.put(label, value));
            assertThat(byLabel).containsEntry("loop deadline misses", 3L).containsEntry("commands accepted", 0L)
                .hasSize(CounterId.values().length);
            assertThatIllegalStateException().isThrownBy(() -> status.increment(CounterId.LOOP_TICKS))
                .withMessageContaining("read-only");
        }
    }

    @Test
    void mappingSomethingElseSaysWhat() throws IOException {
        Path file = dir.resolve("not-counters");
        Files.write(file, new byte[CounterBoard.totalLength()]);
        assertThatIllegalStateException().isThrownBy(() -> CounterBoard.mapReadOnly(file))
            .withMessageContaining("not a counter board");

        Path small = dir.resolve("small");
        Files.write(small, new byte[64]);
        assertThatIllegalStateException().isThrownBy(() -> CounterBoard.mapReadOnly(small))
            .withMessageContaining("a counter board is");

        Path relabelled = dir.resolve("relabelled");
        CounterBoard.createFile(relabelled).close();
        byte[] bytes = Files.readAllBytes(relabelled);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("commands accepted");
        bytes[at] = 'C';
        Files.write(relabelled, bytes);
        assertThatIllegalStateException().isThrownBy(() -> CounterBoard.mapReadOnly(relabelled))
            .withMessageContaining("is not COMMANDS_ACCEPTED");
    }

    @Test
    void writingAndReadingCountersAllocatesNothing() {
        AllocationMeter meter = new AllocationMeter();
        CounterBoard board = CounterBoard.allocate();

        meter.warmUp(() -> exercise(board, 20_000));
        List<Long> windows = meter.bytesPerWindow(() -> exercise(board, 100_000));

        assertThat(windows).as("bytes allocated by windows of 100 000 updates and reads").last().isEqualTo(0L);
        assertThat(meter.sink).isPositive();
        assertThat(meter.bytesAllocatedBy(() -> board.snapshot().size())).as("the meter works").isPositive();
    }

    private static long exercise(CounterBoard board, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            board.increment(CounterId.LOOP_TICKS);
            board.set(CounterId.LOOP_LAST_DURATION_NS, i);
            board.proposeMax(CounterId.LOOP_MAX_DURATION_NS, i);
            sum += board.get(CounterId.LOOP_TICKS);
        }
        return sum;
    }

    @Test
    void aWriterThatMapsAnExistingBoardContinuesItsCountsAndOthersSeeThem() throws IOException {
        Path file = dir.resolve("counters");
        CounterBoard.createFile(file).close();
        try (CounterBoard first = CounterBoard.mapReadWrite(file)) {
            assertThat(first.isReadOnly()).isFalse();
            first.add(CounterId.LOOP_TICKS, 500);
            first.proposeMax(CounterId.LOOP_MAX_DURATION_NS, 70_000);
        }
        try (CounterBoard restarted = CounterBoard.mapReadWrite(file);
             CounterBoard watcher = CounterBoard.mapReadOnly(file)) {
            assertThat(restarted.get(CounterId.LOOP_TICKS)).isEqualTo(500);
            restarted.increment(CounterId.LOOP_TICKS);
            restarted.proposeMax(CounterId.LOOP_MAX_DURATION_NS, 10_000);

            assertThat(watcher.get(CounterId.LOOP_TICKS)).isEqualTo(501);
            assertThat(watcher.get(CounterId.LOOP_MAX_DURATION_NS)).isEqualTo(70_000);
        }

        Path garbage = dir.resolve("garbage");
        Files.write(garbage, new byte[CounterBoard.totalLength()]);
        assertThatIllegalStateException().isThrownBy(() -> CounterBoard.mapReadWrite(garbage))
            .withMessageContaining("not a counter board");
    }
}
