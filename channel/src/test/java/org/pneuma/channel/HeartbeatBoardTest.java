package org.pneuma.channel;

import org.pneuma.testkit.AllocationMeter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pneuma.channel.HeartbeatLayout.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatBoardTest {
    @TempDir
    Path dir;

    private final HeartbeatSample sample = new HeartbeatSample();

    @Test
    void aServiceThatNeverBeatIsNeverAndABeatIsReadBack() {
        HeartbeatBoard board = HeartbeatBoard.allocate(4);
        HeartbeatReader reader = board.reader();
        HeartbeatWriter display = board.writer(2, 4242);

        assertThat(reader.read(2, sample)).isEqualTo(HeartbeatStatus.NEVER);
        assertThat(display.beat(1_000)).isEqualTo(1);
        assertThat(display.beat(2_000)).isEqualTo(2);

        assertThat(reader.read(2, sample)).isEqualTo(HeartbeatStatus.OK);
        assertThat(sample.serviceId()).isEqualTo(2);
        assertThat(sample.beatCount()).isEqualTo(2);
        assertThat(sample.lastBeatNs()).isEqualTo(2_000);
        assertThat(sample.processId()).isEqualTo(4242);
        assertThat(reader.read(1, sample)).as("other slots untouched").isEqualTo(HeartbeatStatus.NEVER);
    }

    @Test
    void aRestartedServiceContinuesItsCountUnderItsNewProcessId() {
        HeartbeatBoard board = HeartbeatBoard.allocate(2);
        HeartbeatWriter first = board.writer(0, 100);
        first.beat(1);
        first.beat(2);
        first.beat(3);

        HeartbeatWriter restarted = new HeartbeatWriter(board.buffer(), 0, 200);
        restarted.beat(10);

        assertThat(board.reader().read(0, sample)).isEqualTo(HeartbeatStatus.OK);
        assertThat(sample.beatCount()).isEqualTo(4);
        assertThat(sample.processId()).isEqualTo(200);
    }

    @Test
    void aFlippedBitOrASlotCopiedFromAnotherServiceIsGarbled() {
        HeartbeatBoard board = HeartbeatBoard.allocate(2);
        board.writer(0, 1).beat(500);
        HeartbeatReader reader = board.reader();
        AtomicBuffer buffer = board.buffer();

        for (int bit = 64; bit < 32 * 8; bit++) {
            int offset = slotOffset(0) + bit / 8;
            buffer.putByte(offset, (byte) (buffer.getByte(offset) ^ (1 << (bit % 8))));
            assertThat(reader.read(0, sample)).as("bit %d", bit).isEqualTo(HeartbeatStatus.GARBLED);
            buffer.putByte(offset, (byte) (buffer.getByte(offset) ^ (1 << (bit % 8))));
        }
        assertThat(reader.read(0, sample)).isEqualTo(HeartbeatStatus.OK);

        byte[] copy = new byte[SLOT_LENGTH];
        buffer.getBytes(slotOffset(0), copy);
        buffer.putBytes(slotOffset(1), copy);
        assertThat(reader.read(1, sample)).isEqualTo(HeartbeatStatus.GARBLED);
    }

    @Test
    void aBeatInProgressReadsAsTornAndNegativeWordsAsGarbled() {
        HeartbeatBoard board = HeartbeatBoard.allocate(1);
        board.writer(0, 1).beat(500);
        AtomicBuffer buffer = board.buffer();

        buffer.putLong(slotOffset(0) + SEQUENCE_WORD_OFFSET, 1);
        assertThat(board.reader().read(0, sample)).isEqualTo(HeartbeatStatus.TORN);
        buffer.putLong(slotOffset(0) + SEQUENCE_WORD_OFFSET, -2);
        assertThat(board.reader().read(0, sample)).isEqualTo(HeartbeatStatus.GARBLED);
    }

    @Test
    void aWatcherOnAReadOnlyMappingSeesAServicesBeatsThroughItsOwnMapping() throws IOException {
        Path file = dir.resolve("heartbeats");
        try (HeartbeatBoard supervisor = HeartbeatBoard.createFile(file, 8);
             HeartbeatBoard service = HeartbeatBoard.mapReadWrite(file);
             HeartbeatBoard watcher = HeartbeatBoard.mapReadOnly(file)) {
            HeartbeatWriter writer = service.writer(5);
            HeartbeatReader reader = watcher.reader();

            writer.beat(123_456);

            assertThat(watcher.isReadOnly()).isTrue();
            assertThat(reader.read(5, sample)).isEqualTo(HeartbeatStatus.OK);
            assertThat(sample.lastBeatNs()).isEqualTo(123_456);
            assertThat(sample.processId()).isEqualTo(ProcessHandle.current().pid());
            assertThat(supervisor.reader().read(5, sample)).isEqualTo(HeartbeatStatus.OK);
            assertThatIllegalStateException().isThrownBy(() -> watcher.writer(1)).withMessageContaining("read-only");
        }
    }

    @Test
    void slotsOutsideTheBoardAndSecondWritersAreRefused() throws IOException {
        HeartbeatBoard board = HeartbeatBoard.allocate(3);
        board.writer(0);

        assertThatIllegalStateException().isThrownBy(() -> board.writer(0)).withMessageContaining("handed out");
        assertThatThrownBy(() -> board.writer(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> board.reader().read(-1, sample)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> HeartbeatBoard.allocate(0));
        Path notABoard = dir.resolve("not-a-board");
        Files.write(notABoard, new byte[256]);
        assertThatIllegalStateException().isThrownBy(() -> HeartbeatBoard.mapReadOnly(notABoard))
            .withMessageContaining("not a heartbeat board");
    }

    @Test
    void beatingAndReadingAllocateNothing() {
        AllocationMeter meter = new AllocationMeter();
        HeartbeatBoard board = HeartbeatBoard.allocate(2);
        HeartbeatWriter writer = board.writer(1, 7);
        HeartbeatReader reader = board.reader();

        meter.warmUp(() -> beatAndRead(writer, reader, 20_000));
        List<Long> windows = meter.bytesPerWindow(() -> beatAndRead(writer, reader, 100_000));

        assertThat(windows).as("bytes allocated by windows of 100 000 beats and reads").last().isEqualTo(0L);
        assertThat(meter.sink % 20_000).as("every beat was read back").isZero();
        assertThat(meter.bytesAllocatedBy(() -> new HeartbeatSample[2].length)).as("the meter works").isPositive();
    }

    private long beatAndRead(HeartbeatWriter writer, HeartbeatReader reader, int n) {
        long ok = 0;
        for (int i = 0; i < n; i++) {
            writer.beat(i);
            ok += reader.read(1, sample) == HeartbeatStatus.OK ? 1 : 0;
        }
        return ok;
    }
}
