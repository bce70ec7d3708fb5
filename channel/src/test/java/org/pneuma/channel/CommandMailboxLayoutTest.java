package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.channel.CommandMailboxLayout.*;

import org.junit.jupiter.api.Test;

class CommandMailboxLayoutTest {
    @Test
    void requestFieldsAreContiguousAlignedAndInsideTheSlot() {
        assertThat(KIND_OFFSET).isEqualTo(SEQUENCE_WORD_OFFSET + 8);
        assertThat(PAYLOAD_LENGTH_OFFSET).isEqualTo(KIND_OFFSET + 4);
        assertThat(CORRELATION_ID_OFFSET).isEqualTo(PAYLOAD_LENGTH_OFFSET + 4);
        assertThat(PAYLOAD_OFFSET).isEqualTo(CORRELATION_ID_OFFSET + 8);
        assertThat(PAYLOAD_OFFSET + 8 * PAYLOAD_LONGS).isEqualTo(CHECKSUM_OFFSET);
        assertThat(CHECKSUM_OFFSET + 8).isEqualTo(SLOT_LENGTH);
        assertThat(PAYLOAD_LONGS).isEqualTo(20);
        assertThat(PAYLOAD_OFFSET % 8).isZero();
    }

    @Test
    void responseFieldsAreContiguousAlignedAndInsideTheSlot() {
        assertThat(REQUEST_SEQUENCE_OFFSET).isEqualTo(8);
        assertThat(RESPONSE_CORRELATION_ID_OFFSET).isEqualTo(REQUEST_SEQUENCE_OFFSET + 8);
        assertThat(ACCEPTED_OFFSET).isEqualTo(RESPONSE_CORRELATION_ID_OFFSET + 8);
        assertThat(REASON_CODE_OFFSET).isEqualTo(ACCEPTED_OFFSET + 4);
        assertThat(REASON_LENGTH_OFFSET).isEqualTo(REASON_CODE_OFFSET + 4);
        assertThat(REASON_OFFSET).isEqualTo(REASON_LENGTH_OFFSET + 8);
        assertThat(REASON_OFFSET + REASON_LENGTH).isEqualTo(CHECKSUM_OFFSET);
        assertThat(REASON_LENGTH).isEqualTo(144).isEqualTo(REASON_LENGTH / 8 * 8);
    }

    @Test
    void headerAndSlotsAreWholeCacheLinesAndTheRingsFollowEachOther() {
        assertThat(HEADER_LENGTH % CACHE_LINE_LENGTH).isZero();
        assertThat(SLOT_LENGTH % CACHE_LINE_LENGTH).isZero();
        assertThat(REQUESTS_CONSUMED_OFFSET).isGreaterThanOrEqualTo(CACHE_LINE_LENGTH);
        assertThat(LATEST_RESPONSE_OFFSET + 8).isLessThanOrEqualTo(HEADER_LENGTH);
        assertThat(responseRingOffset(16)).isEqualTo(HEADER_LENGTH + 16 * SLOT_LENGTH);
        assertThat(totalLength(16, 64)).isEqualTo(HEADER_LENGTH + 80 * SLOT_LENGTH);
        assertThat(responseSlotOffset(64 + 3, 16, 63)).isEqualTo(responseRingOffset(16) + 3 * SLOT_LENGTH);
    }

    @Test
    void anySequenceMapsToASlotInsideItsRing() {
        long[] sequences = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, MAX_SEQUENCE, 0x5555_5555_5555_5555L};
        for (long s : sequences) {
            assertThat(requestSlotOffset(s, 15)).isBetween(REQUEST_RING_OFFSET, responseRingOffset(16) - SLOT_LENGTH);
            assertThat(responseSlotOffset(s, 16, 63))
                .isBetween(responseRingOffset(16), totalLength(16, 64) - SLOT_LENGTH);
        }
    }

    @Test
    void onlyEvenPositiveWordsWithinTheSequenceSpaceAreComplete() {
        assertThat(completeSequence(publishedWord(7))).isEqualTo(7);
        assertThat(completeSequence(publishedWord(MAX_SEQUENCE))).isEqualTo(MAX_SEQUENCE);
        assertThat(completeSequence(publishedWord(MAX_SEQUENCE + 1))).isZero();
        assertThat(completeSequence(writingWord(7))).isZero();
        assertThat(completeSequence(0)).isZero();
        assertThat(completeSequence(-2)).isZero();
        assertThat(completeSequence(Long.MIN_VALUE)).isZero();
    }

    @Test
    void slotCountsArePowersOfTwoWithinBounds() {
        assertThat(isValidSlotCount(2)).isTrue();
        assertThat(isValidSlotCount(MAX_SLOT_COUNT)).isTrue();
        assertThat(isValidSlotCount(1)).isFalse();
        assertThat(isValidSlotCount(24)).isFalse();
        assertThat(isValidSlotCount(2 * MAX_SLOT_COUNT)).isFalse();
    }
}
