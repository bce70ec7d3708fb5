package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.pneuma.channel.CommandMailboxLayout.*;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;

/**
 * Security: the safety side's request reader against whatever bytes a guest writes. Every slot is
 * judged by sequence, checksum, length and kind; a garbled slot is counted and skipped, never crashes.
 */
class CommandRequestFaultTest {
    private static final int SLOTS = 8;
    private static final int HIGHEST_KIND = 4;

    private final CommandMailbox mailbox = CommandMailbox.allocate(SLOTS, 8);
    private final AtomicBuffer buffer = mailbox.buffer();
    private final CommandRequestReader safety = mailbox.requestReader(HIGHEST_KIND);
    private final CommandFrame read = new CommandFrame();
    private final long[] payload = new long[PAYLOAD_LONGS];

    @Test
    void everySingleBitFlipOfACompleteRequestIsCaughtAndNeverDelivered() {
        CommandFrame sent = CommandFrames.everyFieldDistinct(2);
        CommandRequestWriter guest = mailbox.requestWriter();
        for (int bit = 0; bit < SLOT_LENGTH * 8; bit++) {
            long sequence = guest.offer(sent);
            int slot = requestSlotOffset(sequence, SLOTS - 1);
            int offset = slot + bit / 8;
            buffer.putByte(offset, (byte) (buffer.getByte(offset) ^ (1 << (bit % 8))));

            CommandReadStatus status = safety.poll(read);

            if (bit < 64) {
                // The sequence word: a flip makes it odd, older (looks unwritten) or later (out of order).
                assertThat(status).as("bit %d", bit).isIn(CommandReadStatus.EMPTY, CommandReadStatus.GARBLED);
                if (status == CommandReadStatus.EMPTY) {
                    // Undo the flip, as the guest rewriting the slot would; the request then arrives whole.
                    buffer.putByte(offset, (byte) (buffer.getByte(offset) ^ (1 << (bit % 8))));
                    assertThat(safety.poll(read)).as("bit %d restored", bit).isEqualTo(CommandReadStatus.OK);
                } else {
                    assertThat(read.fault()).isEqualTo(CommandFrameFault.SEQUENCE);
                }
            } else {
                assertThat(status).as("bit %d", bit).isEqualTo(CommandReadStatus.GARBLED);
                assertThat(read.fault()).as("bit %d", bit).isEqualTo(CommandFrameFault.CHECKSUM);
            }
        }
        assertThat(safety.garbledFrameCount()).isGreaterThanOrEqualTo(SLOT_LENGTH * 8 - 64);
    }

    @Test
    void aSealedFrameWithALengthOutsideThePayloadIsGarbled() {
        for (int length : new int[] {-1, PAYLOAD_LONGS + 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            CommandFrames.writeSealed(buffer, SLOTS, safety.nextSequence(), 1, length, 5, payload);

            assertThat(safety.poll(read)).as("length %d", length).isEqualTo(CommandReadStatus.GARBLED);
            assertThat(read.fault()).isEqualTo(CommandFrameFault.LENGTH);
            assertThat(read.payloadLength()).isEqualTo(length);
        }
        CommandFrames.writeSealed(buffer, SLOTS, safety.nextSequence(), 1, PAYLOAD_LONGS, 5, payload);
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
        CommandFrames.writeSealed(buffer, SLOTS, safety.nextSequence(), 1, 0, 5, payload);
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
        assertThat(safety.garbledFrameCount()).isEqualTo(4);
    }

    @Test
    void aSealedFrameOfAKindOutsideTheReadersRangeIsGarbled() {
        for (int kind : new int[] {0, -1, HIGHEST_KIND + 1, Integer.MAX_VALUE}) {
            CommandFrames.writeSealed(buffer, SLOTS, safety.nextSequence(), kind, 0, 5, payload);

            assertThat(safety.poll(read)).as("kind %d", kind).isEqualTo(CommandReadStatus.GARBLED);
            assertThat(read.fault()).isEqualTo(CommandFrameFault.KIND);
        }
        for (int kind = 1; kind <= HIGHEST_KIND; kind++) {
            CommandFrames.writeSealed(buffer, SLOTS, safety.nextSequence(), kind, 0, 5, payload);
            assertThat(safety.poll(read)).as("kind %d", kind).isEqualTo(CommandReadStatus.OK);
        }
    }

    @Test
    void nanAndInfinityPayloadsAreTheChannelsCargoNotItsConcern() {
        payload[0] = Double.doubleToRawLongBits(Double.NaN);
        payload[1] = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        payload[2] = 0x7FF0_0000_0000_0001L;
        CommandFrames.writeSealed(buffer, SLOTS, 1, 1, 3, 5, payload);

        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
        assertThat(read.payloadDouble(0)).isNaN();
        assertThat(read.payloadDouble(1)).isInfinite();
        assertThat(read.payloadLong(2)).isEqualTo(0x7FF0_0000_0000_0001L);
    }

    @Test
    void aLaterSequenceInTheExpectedSlotIsGarbledAndSkippedOnlyOnce() {
        CommandFrames.writeSealed(buffer, SLOTS, 1 + SLOTS, 1, 0, 77, payload); // lands in slot of 1

        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.GARBLED);
        assertThat(read.fault()).isEqualTo(CommandFrameFault.SEQUENCE);
        assertThat(read.sequence()).isEqualTo(1);
        assertThat(read.correlationId()).isEqualTo(77);
        assertThat(safety.nextSequence()).isEqualTo(2);
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.EMPTY);
        assertThat(buffer.getLongAcquire(REQUESTS_CONSUMED_OFFSET)).isEqualTo(1);
    }

    @Test
    void aReplayedOlderRequestIsNeverDeliveredTwice() {
        CommandFrames.writeSealed(buffer, SLOTS, 1, 1, 0, 11, payload);
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
        byte[] copy = new byte[SLOT_LENGTH];
        buffer.getBytes(requestSlotOffset(1, SLOTS - 1), copy);

        for (long s = 2; s <= SLOTS + 1; s++) {
            // The guest copies its old request into every slot, including the one safety expects next.
            buffer.putBytes(requestSlotOffset(s, SLOTS - 1), copy);
            assertThat(safety.poll(read)).isIn(CommandReadStatus.EMPTY);
        }
        assertThat(safety.nextSequence()).isEqualTo(2);
    }

    @Test
    void aRequestBeingWrittenIsWaitedForNotRead() {
        int slot = CommandFrames.writeSealed(buffer, SLOTS, 1, 1, 0, 11, payload);
        buffer.putLong(slot + SEQUENCE_WORD_OFFSET, writingWord(1));

        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.EMPTY);
        assertThat(safety.nextSequence()).isEqualTo(1);

        buffer.putLong(slot + SEQUENCE_WORD_OFFSET, publishedWord(1));
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
    }

    @Test
    void afterSafetySkipsGarbageTheGuestWriterResumesPastIt() {
        CommandRequestWriter guest = mailbox.requestWriter();
        CommandFrame sent = new CommandFrame().kind(1);
        guest.offer(sent.correlationId(1));
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
        // A second, rogue writer puts junk with a later sequence into the next slot.
        CommandFrames.writeSealed(buffer, SLOTS, 40, 1, 0, 666, payload);
        CommandFrames.writeSealed(buffer, SLOTS, 2 + SLOTS, 1, 0, 666, payload);
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.GARBLED);

        assertThat(guest.offer(sent.correlationId(3))).isEqualTo(3);
        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
        assertThat(read.correlationId()).isEqualTo(3);
    }

    @Test
    void garbageInTheHeaderAfterAttachChangesNothingForSafety() {
        SplittableRandom random = new SplittableRandom(7);
        for (int offset = 0; offset < HEADER_LENGTH; offset += 8) {
            buffer.putLong(offset, random.nextLong());
        }
        CommandFrames.writeSealed(buffer, SLOTS, 1, 2, 1, 21, payload);

        assertThat(safety.poll(read)).isEqualTo(CommandReadStatus.OK);
        assertThat(read.correlationId()).isEqualTo(21);
        assertThat(buffer.getLong(REQUESTS_CONSUMED_OFFSET)).isEqualTo(1);
    }

    @Test
    void aSafetySideAttachingToAGarbageRingStartsAfterItAndSurvives() {
        SplittableRandom random = new SplittableRandom(11);
        CommandMailbox garbage = CommandMailbox.allocate(SLOTS, 8);
        for (int offset = REQUEST_RING_OFFSET; offset < responseRingOffset(SLOTS); offset += 8) {
            garbage.buffer().putLong(offset, random.nextLong());
        }
        garbage.buffer().putLong(requestSlotOffset(3, SLOTS - 1), publishedWord(MAX_SEQUENCE));

        CommandRequestReader reader = garbage.requestReader(HIGHEST_KIND);

        assertThat(reader.nextSequence()).isEqualTo(MAX_SEQUENCE + 1);
        assertThatCode(() -> {
            for (int i = 0; i < 100; i++) {
                reader.poll(read);
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void randomBytesAnywhereInTheRequestRingNeverCrashTheReaderAndEveryOutcomeIsOneOfFour() {
        SplittableRandom random = new SplittableRandom(20240601);
        Map<CommandReadStatus, Integer> seen = new EnumMap<>(CommandReadStatus.class);
        int polls = 200_000;
        for (int i = 0; i < polls; i++) {
            long expected = safety.nextSequence();
            int slot = requestSlotOffset(random.nextInt(4) == 0 ? random.nextLong() : expected, SLOTS - 1);
            for (int offset = 0; offset < SLOT_LENGTH; offset += 8) {
                buffer.putLong(slot + offset, random.nextLong());
            }
            switch (random.nextInt(4)) {
                case 0 -> buffer.putLong(slot, publishedWord(expected));
                case 1 -> {
                    buffer.putLong(slot, publishedWord(expected));
                    buffer.putInt(slot + PAYLOAD_LENGTH_OFFSET, random.nextInt(-2, PAYLOAD_LONGS + 3));
                    buffer.putInt(slot + KIND_OFFSET, random.nextInt(-1, HIGHEST_KIND + 3));
                    CommandFrames.reseal(buffer, slot);
                }
                default -> {
                }
            }

            CommandReadStatus status = safety.poll(read);

            seen.merge(status, 1, Integer::sum);
            assertThat(status).isNotIn(CommandReadStatus.OVERRUN, CommandReadStatus.TORN);
            if (status == CommandReadStatus.OK) {
                assertThat(read.kind()).isBetween(1, HIGHEST_KIND);
                assertThat(read.payloadLength()).isBetween(0, PAYLOAD_LONGS);
            }
        }
        assertThat(seen).containsKeys(CommandReadStatus.OK, CommandReadStatus.EMPTY, CommandReadStatus.GARBLED);
        assertThat(safety.garbledFrameCount()).isEqualTo((long) seen.get(CommandReadStatus.GARBLED));
    }
}
