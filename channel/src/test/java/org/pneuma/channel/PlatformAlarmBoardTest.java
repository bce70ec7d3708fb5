package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformAlarmBoardTest {
    @TempDir
    Path dir;

    @Test
    void raisingAndClearingOneAlarmKeepsTheOther() {
        PlatformAlarmBoard board = PlatformAlarmBoard.allocate();
        assertThat(board.active(PlatformAlarm.DISPLAY_LOST)).isFalse();
        assertThat(board.active(PlatformAlarm.GUEST_FAULT)).isFalse();

        board.set(PlatformAlarm.DISPLAY_LOST, true);
        board.set(PlatformAlarm.GUEST_FAULT, true);
        board.set(PlatformAlarm.DISPLAY_LOST, false);

        assertThat(board.active(PlatformAlarm.DISPLAY_LOST)).isFalse();
        assertThat(board.active(PlatformAlarm.GUEST_FAULT)).isTrue();
        board.set(PlatformAlarm.GUEST_FAULT, true);
        assertThat(board.active(PlatformAlarm.GUEST_FAULT)).as("raising twice is harmless").isTrue();
    }

    @Test
    void aReadOnlyMappingSeesTheSupervisorsWritesAndRefusesToWrite() throws IOException {
        Path file = dir.resolve("platform-alarms");
        try (PlatformAlarmBoard supervisor = PlatformAlarmBoard.createFile(file);
             PlatformAlarmBoard safety = PlatformAlarmBoard.mapReadOnly(file)) {
            assertThat(safety.isReadOnly()).isTrue();
            assertThat(supervisor.isReadOnly()).isFalse();
            assertThat(safety.active(PlatformAlarm.DISPLAY_LOST)).isFalse();

            supervisor.set(PlatformAlarm.DISPLAY_LOST, true);
            assertThat(safety.active(PlatformAlarm.DISPLAY_LOST)).isTrue();
            supervisor.set(PlatformAlarm.DISPLAY_LOST, false);
            assertThat(safety.active(PlatformAlarm.DISPLAY_LOST)).isFalse();

            assertThatIllegalStateException().isThrownBy(() -> safety.set(PlatformAlarm.GUEST_FAULT, true))
                .withMessageContaining("read-only");
            assertThat(supervisor.active(PlatformAlarm.GUEST_FAULT)).isFalse();
        }
        assertThatThrownBy(() -> PlatformAlarmBoard.createFile(file)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void aFileWithTheWrongMagicVersionOrLengthIsRefused() throws IOException {
        Path zeros = dir.resolve("zeros");
        Files.write(zeros, new byte[PlatformAlarmBoard.LENGTH]);
        assertThatIllegalStateException().isThrownBy(() -> PlatformAlarmBoard.mapReadOnly(zeros))
            .withMessageContaining("not a platform alarm board");

        Path file = dir.resolve("platform-alarms");
        PlatformAlarmBoard.createFile(file).close();
        byte[] bytes = Files.readAllBytes(file);

        Path shortFile = dir.resolve("short");
        Files.write(shortFile, java.util.Arrays.copyOf(bytes, 16));
        assertThatIllegalStateException().isThrownBy(() -> PlatformAlarmBoard.mapReadOnly(shortFile))
            .withMessageContaining("16 bytes is too small for a platform alarm board header");

        Path otherVersion = dir.resolve("other-version");
        bytes[PlatformAlarmBoard.VERSION_OFFSET] ^= 0x7;
        Files.write(otherVersion, bytes);
        assertThatIllegalStateException().isThrownBy(() -> PlatformAlarmBoard.mapReadOnly(otherVersion))
            .withMessageContaining("layout");
    }
}
