package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guest's side: a reader on a file it may only map read-only. */
class SensorBusReadOnlyMappingTest {
    @TempDir
    Path dir;

    @Test
    void aReaderOnAReadOnlyFileMappingSeesWhatTheWriterPublishes() throws IOException {
        Path file = dir.resolve("sensor-bus");
        try (SensorBus owner = SensorBus.createFile(file, 64);
             SensorBus guest = SensorBus.mapReadOnly(file)) {
            SingleWriterSensorBus writer = owner.writer();
            SensorBusReader reader = guest.newReader(0);
            SensorSample read = new SensorSample();

            assertThat(guest.isReadOnly()).isTrue();
            assertThat(guest.slotCount()).isEqualTo(64);
            assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.NO_DATA);

            SensorSample published = Samples.everyFieldDistinct();
            long sequence = writer.publish(published);

            assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.OK);
            Samples.assertSameBits(read, new SensorSample().copyFrom(published).sequence(sequence));
            assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
            assertThat(reader.readNext(read)).isEqualTo(ReadStatus.NO_DATA);
        }
    }

    @Test
    void theReaderNeedsNoMoreThanAReadOnlyMappingAndWritingThroughThatMappingThrows() throws IOException {
        Path file = dir.resolve("sensor-bus");
        try (SensorBus owner = SensorBus.createFile(file, 16)) {
            owner.writer().publish(Samples.everyFieldDistinct());
        }
        MappedByteBuffer mapping;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }

        SensorBusReader reader = new SensorBusReader(new UnsafeBuffer(mapping), 0);

        assertThat(reader.readLatest(new SensorSample())).isEqualTo(ReadStatus.OK);
        assertThat(mapping.isReadOnly()).isTrue();
        assertThatThrownBy(() -> mapping.putLong(SensorBusLayout.LATEST_SEQUENCE_OFFSET, 99))
            .isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void aReadOnlyBusHasNoWriter() throws IOException {
        Path file = dir.resolve("sensor-bus");
        SensorBus.createFile(file, 16).close();

        try (SensorBus guest = SensorBus.mapReadOnly(file)) {
            assertThatIllegalStateException().isThrownBy(guest::writer).withMessageContaining("read-only");
        }
    }

    @Test
    void theOperatingSystemStopsAProcessThatWritesIntoItsReadOnlyMapping() throws Exception {
        Path file = dir.resolve("sensor-bus");
        try (SensorBus owner = SensorBus.createFile(file, 16)) {
            owner.writer().publish(Samples.everyFieldDistinct());
        }
        byte[] before = Files.readAllBytes(file);
        Path output = dir.resolve("child-output.txt");

        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
            "-cp", System.getProperty("java.class.path"),
            WriteIntoReadOnlySensorBus.class.getName(), file.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();

        String childOutput = Files.readString(output);
        assertThat(childOutput).contains(WriteIntoReadOnlySensorBus.MAPPED).doesNotContain(WriteIntoReadOnlySensorBus.WROTE);
        assertThat(child.exitValue()).as("exit status; output:%n%s", childOutput).isNotZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void createFileRefusesToReplaceAnExistingFile() throws IOException {
        Path file = dir.resolve("sensor-bus");
        Files.writeString(file, "someone else's");

        assertThatThrownBy(() -> SensorBus.createFile(file, 16)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("someone else's");
    }

    @Test
    void mappingAFileThatIsNotASensorBusSaysWhy() throws IOException {
        Path file = dir.resolve("not-a-bus");
        Files.write(file, new byte[4096]);

        assertThatIllegalStateException().isThrownBy(() -> SensorBus.mapReadOnly(file))
            .withMessageContaining("not a sensor bus");
    }

    @Test
    void mappingATruncatedBusSaysWhy() throws IOException {
        Path file = dir.resolve("sensor-bus");
        SensorBus.createFile(file, 16).close();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(SensorBusLayout.totalLength(16) - 1);
        }

        assertThatIllegalStateException().isThrownBy(() -> SensorBus.mapReadOnly(file))
            .withMessageContaining("cannot hold its 16 slots");
    }

    @Test
    void closingTheOwnerLeavesTheFileForItsOwnerToDelete() throws IOException {
        Path file = dir.resolve("sensor-bus");
        SensorBus owner = SensorBus.createFile(file, 16);

        owner.close();
        owner.close();

        assertThat(file).exists().hasSize(SensorBusLayout.totalLength(16));
        assertThat(ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.nativeOrder())
            .getInt(SensorBusLayout.MAGIC_OFFSET)).isEqualTo(SensorBusLayout.MAGIC);
    }
}
