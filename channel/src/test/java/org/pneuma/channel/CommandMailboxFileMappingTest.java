package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox as two processes see it: one file, a safety-side mapping and a guest-side mapping. */
class CommandMailboxFileMappingTest {
    @TempDir
    Path dir;

    @Test
    void aGuestMappingTheSafetySidesFileTalksToIt() throws IOException {
        Path file = dir.resolve("command-mailbox");
        try (CommandMailbox safetySide = CommandMailbox.createFile(file, 8, 16);
             CommandMailbox guestSide = CommandMailbox.mapForGuest(file)) {
            CommandRequestReader requests = safetySide.requestReader(4);
            CommandResponseWriter responses = safetySide.responseWriter();
            CommandRequestWriter guest = guestSide.requestWriter();
            CommandResponseReader answers = guestSide.newResponseReader();
            CommandFrame sent = CommandFrames.everyFieldDistinct(4);
            CommandFrame received = new CommandFrame();
            CommandResponse answer = new CommandResponse();

            assertThat(guestSide.requestSlotCount()).isEqualTo(8);
            assertThat(guestSide.responseSlotCount()).isEqualTo(16);
            long sequence = guest.offer(sent);
            assertThat(requests.poll(received)).isEqualTo(CommandReadStatus.OK);
            CommandFrames.assertSameFrame(received, sent);
            responses.publish(received.sequence(), received.correlationId(), true, CommandReason.ACCEPTED, "done");

            assertThat(answers.readNext(answer)).isEqualTo(CommandReadStatus.OK);
            assertThat(answer.requestSequence()).isEqualTo(sequence);
            assertThat(answer.correlationId()).isEqualTo(sent.correlationId());
            assertThat(answer.reasonText()).isEqualTo("done");
        }
    }

    @Test
    void aSafetySideMappingOfASupervisorsFileHandsOutOnlySafetyEnds() throws IOException {
        Path file = dir.resolve("command-mailbox");
        CommandMailbox.createFile(file).close();

        try (CommandMailbox safetySide = CommandMailbox.mapForSafety(file);
             CommandMailbox guestSide = CommandMailbox.mapForGuest(file)) {
            safetySide.requestReader(4);
            safetySide.responseWriter();
            guestSide.requestWriter();
            guestSide.newResponseReader();

            assertThatIllegalStateException().isThrownBy(safetySide::requestWriter).withMessageContaining("safety side");
            assertThatIllegalStateException().isThrownBy(safetySide::newResponseReader).withMessageContaining("safety side");
            assertThatIllegalStateException().isThrownBy(() -> guestSide.requestReader(4)).withMessageContaining("guest side");
            assertThatIllegalStateException().isThrownBy(guestSide::responseWriter).withMessageContaining("guest side");
        }
    }

    @Test
    void createFileRefusesToReplaceAnExistingFile() throws IOException {
        Path file = dir.resolve("command-mailbox");
        Files.writeString(file, "someone else's");

        assertThatThrownBy(() -> CommandMailbox.createFile(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("someone else's");
    }

    @Test
    void mappingAFileThatIsNotAMailboxSaysWhy() throws IOException {
        Path file = dir.resolve("not-a-mailbox");
        Files.write(file, new byte[4096]);

        assertThatIllegalStateException().isThrownBy(() -> CommandMailbox.mapForGuest(file))
            .withMessageContaining("not a command mailbox");
        assertThatIllegalStateException().isThrownBy(() -> CommandMailbox.mapForSafety(file))
            .withMessageContaining("not initialised yet");
    }

    @Test
    void mappingATruncatedMailboxSaysWhy() throws IOException {
        Path file = dir.resolve("command-mailbox");
        CommandMailbox.createFile(file, 4, 4).close();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(CommandMailboxLayout.totalLength(4, 4) - 1);
        }

        assertThatIllegalStateException().isThrownBy(() -> CommandMailbox.mapForSafety(file))
            .withMessageContaining("cannot hold its 4 request and 4 response slots");
    }

    @Test
    void closingLeavesTheFileForItsOwnerToDeleteAndEndsCannotBeHadAfterwards() throws IOException {
        Path file = dir.resolve("command-mailbox");
        CommandMailbox mailbox = CommandMailbox.createFile(file, 4, 4);

        mailbox.close();
        mailbox.close();

        assertThat(file).exists().hasSize(CommandMailboxLayout.totalLength(4, 4));
        assertThatIllegalStateException().isThrownBy(mailbox::responseWriter).withMessageContaining("closed");
    }
}
