package org.pneuma.channel;

import static org.pneuma.channel.SensorBusLayout.*;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Writes a fresh sensor-bus header and checks an existing one. Off the hot path: called when a bus is
 * created, mapped, or wrapped by a writer or reader.
 */
final class SensorBusHeader {
    private SensorBusHeader() {
    }

    /**
     * Writes the header of a new, zero-filled bus. The magic is written last with release semantics,
     * so anyone who sees {@link SensorBusLayout#MAGIC} also sees the rest of the header.
     *
     * @throws IllegalArgumentException if the slot count or sample period is invalid, or the buffer is
     *                                  too small for the slots
     */
    static void initialise(AtomicBuffer buffer, int slotCount, long samplePeriodNs) {
        requireValidSlotCount(slotCount);
        if (samplePeriodNs <= 0) {
            throw new IllegalArgumentException("sample period must be positive, was " + samplePeriodNs + " ns");
        }
        if (buffer.capacity() < totalLength(slotCount)) {
            throw new IllegalArgumentException("buffer of " + buffer.capacity() + " bytes cannot hold "
                + slotCount + " slots (needs " + totalLength(slotCount) + ")");
        }
        buffer.verifyAlignment();
        buffer.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        buffer.putInt(SLOT_COUNT_OFFSET, slotCount);
        buffer.putInt(SLOT_LENGTH_OFFSET, SLOT_LENGTH);
        buffer.putLong(SAMPLE_PERIOD_NS_OFFSET, samplePeriodNs);
        buffer.putLong(LATEST_SEQUENCE_OFFSET, 0L);
        buffer.putLong(WRITER_HEARTBEAT_NS_OFFSET, 0L);
        buffer.putIntRelease(MAGIC_OFFSET, MAGIC);
    }

    /**
     * Checks that {@code buffer} holds a sensor bus this code understands and returns its slot count.
     * Reads only.
     *
     * @throws IllegalStateException naming the first thing that is wrong
     */
    static int validate(AtomicBuffer buffer) {
        RegionIdentity.require(buffer, "sensor bus", HEADER_LENGTH, MAGIC, LAYOUT_VERSION);
        int slotLength = buffer.getInt(SLOT_LENGTH_OFFSET);
        if (slotLength != SLOT_LENGTH) {
            throw new IllegalStateException("sensor bus slot length is " + slotLength
                + " bytes, layout version " + LAYOUT_VERSION + " has " + SLOT_LENGTH);
        }
        int slotCount = buffer.getInt(SLOT_COUNT_OFFSET);
        if (!isValidSlotCount(slotCount)) {
            throw new IllegalStateException("sensor bus slot count is " + slotCount
                + ", expected a power of two from " + MIN_SLOT_COUNT + " to " + MAX_SLOT_COUNT);
        }
        if (buffer.capacity() < totalLength(slotCount)) {
            throw new IllegalStateException("sensor bus buffer of " + buffer.capacity() + " bytes cannot hold its "
                + slotCount + " slots (needs " + totalLength(slotCount) + ")");
        }
        long samplePeriodNs = buffer.getLong(SAMPLE_PERIOD_NS_OFFSET);
        if (samplePeriodNs <= 0) {
            throw new IllegalStateException("sensor bus sample period is " + samplePeriodNs + " ns, expected > 0");
        }
        return slotCount;
    }

    static void requireValidSlotCount(int slotCount) {
        if (!isValidSlotCount(slotCount)) {
            throw new IllegalArgumentException("slot count must be a power of two from " + MIN_SLOT_COUNT
                + " to " + MAX_SLOT_COUNT + ", was " + slotCount);
        }
    }
}
