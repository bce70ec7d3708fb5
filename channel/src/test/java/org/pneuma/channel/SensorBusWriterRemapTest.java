package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer of a bus file it did not create: the supervisor creates the file, the safety partition
 * maps it to write; a restarted safety partition maps it again and carries on.
 */
class SensorBusWriterRemapTest {
    @TempDir
    Path dir;

    @Test
    void aWriterOnAFileSomeoneElseCreatedPublishesToItsReaders() throws IOException {
        Path file = dir.resolve("sensor-bus");
        SensorBus.createFile(file, 16).close();
        try (SensorBus writerSide = SensorBus.mapForWriter(file);
             SensorBus guest = SensorBus.mapReadOnly(file)) {
            SensorBusReader reader = guest.newReader(0);
            SensorSample read = new SensorSample();

            assertThat(writerSide.isReadOnly()).isFalse();
            assertThat(writerSide.slotCount()).isEqualTo(16);
            assertThat(writerSide.writer().publish(Samples.everyFieldDistinct())).isEqualTo(1);

            assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.OK);
            Samples.assertSameBits(read, new SensorSample().copyFrom(Samples.everyFieldDistinct()).sequence(1));
        }
    }

    @Test
    void aRestartedWriterContinuesTheSequenceSoAReaderNeverSeesItGoBack() throws IOException {
        Path file = dir.resolve("sensor-bus");
        SensorBus.createFile(file, 8).close();
        try (SensorBus guest = SensorBus.mapReadOnly(file)) {
            SensorBusReader cursor = guest.newReader(0);
            SensorSample read = new SensorSample();
            try (SensorBus first = SensorBus.mapForWriter(file)) {
                SingleWriterSensorBus writer = first.writer();
                for (int i = 0; i < 11; i++) writer.publish(new SensorSample().timeNs(i));
            }
            while (cursor.readNext(read) != ReadStatus.NO_DATA) {
                // catch up with the first writer (it lapped the 8-slot ring: the first samples are lost)
            }
            long lostBeforeRestart = cursor.lostSampleCount();

            try (SensorBus second = SensorBus.mapForWriter(file)) {
                SingleWriterSensorBus writer = second.writer();
                assertThat(writer.lastSequence()).isEqualTo(11);
                assertThat(writer.publish(new SensorSample().timeNs(100))).isEqualTo(12);

                assertThat(cursor.readNext(read)).isEqualTo(ReadStatus.OK);
                assertThat(read.sequence()).isEqualTo(12);
                assertThat(read.timeNs()).isEqualTo(100);
                assertThat(cursor.readNext(read)).isEqualTo(ReadStatus.NO_DATA);
                assertThat(cursor.lostSampleCount()).as("nothing lost across the restart").isEqualTo(lostBeforeRestart);
            }
        }
    }

    @Test
    void aSampleTheDeadWriterLeftHalfWrittenIsNeverAcceptedAndIsTheNextOneWritten() throws IOException {
        Path file = dir.resolve("sensor-bus");
        SensorBus.createFile(file, 8).close();
        try (SensorBus first = SensorBus.mapForWriter(file)) {
            first.writer().publish(new SensorSample().timeNs(1));
            // The writer dies between the odd word of sample 2 and its payload.
            int slot = SensorBusLayout.slotOffset(2, 7);
            first.buffer().putLongRelease(slot + SensorBusLayout.SEQUENCE_WORD_OFFSET, SensorBusLayout.writingWord(2));
        }
        try (SensorBus guest = SensorBus.mapReadOnly(file); SensorBus second = SensorBus.mapForWriter(file)) {
            SensorBusReader cursor = guest.newReader(0);
            SensorSample read = new SensorSample();
            assertThat(cursor.readNext(read)).isEqualTo(ReadStatus.OK);
            assertThat(cursor.readNext(read)).isEqualTo(ReadStatus.NO_DATA);

            assertThat(second.writer().publish(new SensorSample().timeNs(2))).isEqualTo(2);
            assertThat(cursor.readNext(read)).isEqualTo(ReadStatus.OK);
            assertThat(read.timeNs()).isEqualTo(2);
        }
    }

    @Test
    void aFileThatIsNotABusOrIsMissingIsRefusedWithTheReason() throws IOException {
        Path garbage = dir.resolve("garbage");
        Files.write(garbage, new byte[SensorBusLayout.totalLength(4)]);
        assertThatIllegalStateException().isThrownBy(() -> SensorBus.mapForWriter(garbage))
            .withMessageContaining("not a sensor bus");
        assertThatThrownBy(() -> SensorBus.mapForWriter(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }
}
