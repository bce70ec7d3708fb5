package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.pneuma.channel.SensorBusLayout.*;

import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Readers and writers refuse memory that is not a sensor bus of this layout, and say why. */
class SensorBusHeaderValidationTest {
    private final SensorBus bus = SensorBus.allocate(16);
    private final AtomicBuffer memory = bus.buffer();

    @Test
    void aWellFormedBusIsAccepted() {
        assertThat(new SensorBusReader(memory, 0).slotCount()).isEqualTo(16);
        assertThat(new SingleWriterSensorBus(memory).slotCount()).isEqualTo(16);
    }

    @Test
    void zeroedMemoryIsRefusedAsNotYetInitialised() {
        AtomicBuffer zeroed = new UnsafeBuffer(BufferUtil.allocateDirectAligned(totalLength(16), 64));

        assertThatIllegalStateException().isThrownBy(() -> new SensorBusReader(zeroed, 0))
            .withMessageContaining("not a sensor bus")
            .withMessageContaining("not initialised");
    }

    @Test
    void aWrongMagicIsRefusedByReadersAndWriters() {
        memory.putInt(MAGIC_OFFSET, 0xCAFE_BABE);

        assertThatIllegalStateException().isThrownBy(() -> new SensorBusReader(memory, 0))
            .withMessageContaining("not a sensor bus: magic is 0xcafebabe, expected 0x504e5342");
        assertThatIllegalStateException().isThrownBy(() -> new SingleWriterSensorBus(memory))
            .withMessageContaining("not a sensor bus");
    }

    @Test
    void anotherLayoutVersionIsRefused() {
        memory.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION + 1);

        assertThatIllegalStateException().isThrownBy(() -> new SensorBusReader(memory, 0))
            .withMessageContaining("layout version is " + (LAYOUT_VERSION + 1))
            .withMessageContaining("only version " + LAYOUT_VERSION);
    }

    @Test
    void aSlotCountThatIsNotAPowerOfTwoIsRefused() {
        memory.putInt(SLOT_COUNT_OFFSET, 12);

        assertThatIllegalStateException().isThrownBy(() -> new SensorBusReader(memory, 0))
            .withMessageContaining("slot count is 12")
            .withMessageContaining("power of two");
    }

    @Test
    void aSlotCountTooLargeForTheMemoryIsRefused() {
        memory.putInt(SLOT_COUNT_OFFSET, 32);

        assertThatIllegalStateException().isThrownBy(() -> new SensorBusReader(memory, 0))
            .withMessageContaining("cannot hold its 32 slots")
            .withMessageContaining("needs " + totalLength(32));
    }

    @Test
    void aSlotLengthOfAnotherLayoutIsRefused() {
        memory.putInt(SLOT_LENGTH_OFFSET, 128);

        assertThatIllegalStateException().isThrownBy(() -> new SensorBusReader(memory, 0))
            .withMessageContaining("slot length is 128 bytes");
    }

    @Test
    void aNonPositiveSamplePeriodIsRefused() {
        memory.putLong(SAMPLE_PERIOD_NS_OFFSET, 0);

        assertThatIllegalStateException().isThrownBy(() -> new SensorBusReader(memory, 0))
            .withMessageContaining("sample period is 0 ns");
    }

    @Test
    void memoryTooSmallForAHeaderIsRefused() {
        AtomicBuffer tiny = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));

        assertThatIllegalStateException().isThrownBy(() -> new SensorBusReader(tiny, 0))
            .withMessageContaining("too small for a sensor bus header");
    }

    @Test
    void aBusCannotBeMadeWithASlotCountThatIsNotAPowerOfTwoWithinBounds() {
        for (int slots : new int[] {0, 1, 3, 1000, MAX_SLOT_COUNT * 2}) {
            assertThatIllegalArgumentException().isThrownBy(() -> SensorBus.allocate(slots))
                .withMessageContaining("power of two")
                .withMessageContaining("was " + slots);
        }
    }

    @Test
    void aBusCannotBeMadeWithANonPositiveSamplePeriod() {
        assertThatIllegalArgumentException().isThrownBy(() -> SensorBus.allocate(16, 0))
            .withMessageContaining("sample period must be positive");
    }

    @Test
    void aReaderCannotHaveANegativeStalenessThreshold() {
        assertThatIllegalArgumentException().isThrownBy(() -> bus.newReader(-1))
            .withMessageContaining("must not be negative");
    }

    @Test
    void aBusHandsOutOnlyOneWriter() {
        bus.writer();

        assertThatIllegalStateException().isThrownBy(bus::writer).withMessageContaining("only one");
    }

    @Test
    void aClosedBusHandsOutNothing() {
        bus.close();

        assertThatIllegalStateException().isThrownBy(bus::writer).withMessageContaining("closed");
        assertThatIllegalStateException().isThrownBy(() -> bus.newReader(0)).withMessageContaining("closed");
    }
}
