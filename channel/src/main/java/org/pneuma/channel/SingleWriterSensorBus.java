package org.pneuma.channel;

import static org.pneuma.channel.SensorBusLayout.*;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.AtomicBuffer;

/**
 * The one writer of a sensor bus: publishes samples into the ring with a seqlock.
 *
 * <p><b>Threads.</b> Exactly one thread, in exactly one process, may publish to a given bus at a
 * time; nothing here detects a second writer. The instance itself is not thread-safe.
 *
 * <p><b>Cost.</b> {@link #publish} never blocks, spins, waits or allocates, and never reads anything a
 * reader could write, so readers cannot slow it: there is no back-pressure, a slow reader is simply
 * overtaken (it sees {@link ReadStatus#OVERRUN}). It writes three cache lines of the slot and one of
 * the header.
 *
 * <p><b>Ordering.</b> For sample {@code s} in slot {@code s & (slotCount - 1)}: the odd sequence word
 * {@code 2s-1} is stored, then a store-store fence, then the payload and checksum with plain stores,
 * then the even word {@code 2s} with release semantics, then the header's writer heartbeat (opaque)
 * and latest sequence (release). A reader that acquires latest sequence {@code s} therefore sees
 * sample {@code s} complete, and a reader that finds the slot's word unchanged around its read of the
 * payload has read a payload no write overlapped (see {@link SensorBusReader}).
 *
 * <p><b>Lifecycle.</b> Wrapping a bus that already holds samples continues its sequence, so a
 * restarted writer never makes the sequence go backwards. The buffer must stay mapped while in use.
 */
public final class SingleWriterSensorBus {
    private final AtomicBuffer buffer;
    private final int slotMask;
    private long lastSequence;

    /**
     * Wraps an initialised bus (see {@link SensorBus}).
     *
     * @throws IllegalStateException if the header is not a valid sensor bus of this layout
     */
    public SingleWriterSensorBus(AtomicBuffer buffer) {
        buffer.verifyAlignment();
        this.slotMask = SensorBusHeader.validate(buffer) - 1;
        this.buffer = buffer;
        this.lastSequence = buffer.getLongVolatile(LATEST_SEQUENCE_OFFSET);
    }

    /**
     * Publishes {@code sample} as the next sample and makes it the latest. The sample's own
     * {@link SensorSample#sequence()} is ignored and left unchanged; the header's writer heartbeat
     * becomes its {@link SensorSample#timeNs()}. Never fails, never blocks, never allocates.
     *
     * @return the sequence number given to the sample
     */
    public long publish(SensorSample sample) {
        long sequence = lastSequence + 1;
        int slot = slotOffset(sequence, slotMask);
        buffer.putLongRelease(slot + SEQUENCE_WORD_OFFSET, writingWord(sequence));
        VarHandle.storeStoreFence();
        long publishedWord = publishedWord(sequence);
        long checksum = SensorSampleCodec.encode(buffer, slot, publishedWord, sample);
        buffer.putLong(slot + CHECKSUM_OFFSET, checksum);
        buffer.putLongRelease(slot + SEQUENCE_WORD_OFFSET, publishedWord);
        buffer.putLongOpaque(WRITER_HEARTBEAT_NS_OFFSET, sample.timeNs());
        buffer.putLongRelease(LATEST_SEQUENCE_OFFSET, sequence);
        lastSequence = sequence;
        return sequence;
    }

    /** Sequence of the latest sample this bus holds; 0 if none. Owner thread only. */
    public long lastSequence() {
        return lastSequence;
    }

    public int slotCount() {
        return slotMask + 1;
    }
}
