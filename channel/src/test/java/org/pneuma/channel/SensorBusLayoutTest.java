package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.channel.SensorBusLayout.*;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SensorBusLayoutTest {
    /** Every 8-byte word of a slot, in order; the sample fields besides the sequence are the payload. */
    private static final List<Integer> SLOT_WORDS = List.of(
        SEQUENCE_WORD_OFFSET, TIME_NS_OFFSET, AIRWAY_PRESSURE_OFFSET, PATIENT_FLOW_OFFSET, VOLUME_OFFSET,
        OXYGEN_PERCENT_OFFSET, INSPIRATORY_FLOW_OFFSET, EXPIRATORY_FLOW_OFFSET, AIR_VALVE_OPENING_OFFSET,
        OXYGEN_VALVE_OPENING_OFFSET, EXPIRATORY_PILOT_OFFSET, ALARM_BITS_OFFSET, BREATH_NUMBER_OFFSET,
        PIP_OFFSET, PEEP_OFFSET, VTI_OFFSET, VTE_OFFSET, RATE_OFFSET, MINUTE_VOLUME_OFFSET, IE_RATIO_OFFSET,
        FIO2_OFFSET, PHASE_AND_FLAGS_OFFSET, CHECKSUM_OFFSET);

    @Test
    void slotWordsAreContiguousAlignedLongsThatFitInTheSlot() {
        assertThat(SLOT_WORDS).isEqualTo(IntStream.range(0, SLOT_WORDS.size()).map(i -> i * 8).boxed().toList());
        assertThat(CHECKSUM_OFFSET + Long.BYTES).isLessThanOrEqualTo(SLOT_LENGTH);
    }

    @Test
    void slotsAndTheHeaderAreWholeCacheLines() {
        assertThat(SLOT_LENGTH % CACHE_LINE_LENGTH).isZero();
        assertThat(HEADER_LENGTH % CACHE_LINE_LENGTH).isZero();
        assertThat(slotOffset(0, 1023) % CACHE_LINE_LENGTH).isZero();
        assertThat(slotOffset(1023, 1023)).isEqualTo(HEADER_LENGTH + 1023 * SLOT_LENGTH);
    }

    @Test
    void theWriterUpdatedHeaderFieldsShareNoCacheLineWithTheFieldsWrittenOnce() {
        List<Integer> writtenOnce = List.of(MAGIC_OFFSET, LAYOUT_VERSION_OFFSET, SLOT_COUNT_OFFSET,
            SLOT_LENGTH_OFFSET, SAMPLE_PERIOD_NS_OFFSET);
        assertThat(writtenOnce).allSatisfy(offset -> assertThat(offset / CACHE_LINE_LENGTH).isZero());
        assertThat(List.of(LATEST_SEQUENCE_OFFSET, WRITER_HEARTBEAT_NS_OFFSET))
            .allSatisfy(offset -> assertThat(offset / CACHE_LINE_LENGTH).isEqualTo(1));
    }

    @Test
    void everySampleFieldButTheFlagsHasItsOwnSlotWord() {
        // phase and safetyValveOpen share the phase-and-flags word; the sequence is the sequence word.
        long sampleFields = Arrays.stream(SensorSample.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers())).count();
        int payloadWords = SLOT_WORDS.size() - 1; // minus the checksum
        assertThat(sampleFields).isEqualTo(payloadWords + 1);
    }

    @Test
    void publishedSequenceWordsAreEvenAndWordsBeingWrittenAreOddAndBetweenTheirNeighbours() {
        for (long s = 1; s < 100; s++) {
            assertThat(publishedWord(s) % 2).isZero();
            assertThat(writingWord(s) % 2).isEqualTo(1);
            assertThat(writingWord(s)).isGreaterThan(publishedWord(s - 1)).isLessThan(publishedWord(s));
        }
    }

    @Test
    void onlyPowersOfTwoWithinBoundsAreValidSlotCounts() {
        assertThat(isValidSlotCount(2)).isTrue();
        assertThat(isValidSlotCount(DEFAULT_SLOT_COUNT)).isTrue();
        assertThat(isValidSlotCount(MAX_SLOT_COUNT)).isTrue();
        assertThat(isValidSlotCount(0)).isFalse();
        assertThat(isValidSlotCount(1)).isFalse();
        assertThat(isValidSlotCount(1000)).isFalse();
        assertThat(isValidSlotCount(-1024)).isFalse();
        assertThat(isValidSlotCount(MAX_SLOT_COUNT * 2)).isFalse();
        assertThat((long) totalLength(MAX_SLOT_COUNT)).isLessThan(Integer.MAX_VALUE);
    }

    @Test
    void theRoundTripFixtureSetsEverySampleFieldToANonDefaultValue() throws IllegalAccessException {
        SensorSample fixture = Samples.everyFieldDistinct();
        SensorSample blank = new SensorSample();
        for (Field field : SensorSample.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            assertThat(field.get(fixture)).as(field.getName()).isNotEqualTo(field.get(blank));
        }
    }
}
