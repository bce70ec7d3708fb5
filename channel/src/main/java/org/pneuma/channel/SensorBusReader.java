package org.pneuma.channel;

import static org.pneuma.channel.SensorBusLayout.*;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.AtomicBuffer;

/**
 * One reader of a sensor bus, with its own cursor: the latest sample for a display, every sample in
 * order for a recorder.
 *
 * <p><b>Threads.</b> Any number of readers, in any number of processes, may read one bus while its
 * writer publishes. Each instance has one owner thread; give every thread its own reader.
 *
 * <p><b>Writes nothing.</b> A reader only loads from the buffer, so it works on a read-only mapping
 * and cannot slow or block the writer. The price is that it can be overtaken: a cursor more than a
 * ring behind loses samples ({@link ReadStatus#OVERRUN}).
 *
 * <p><b>Cost.</b> Reads never block, spin, retry or allocate: a read that races the writer returns
 * {@link ReadStatus#TORN} at once and the caller decides whether to read again.
 *
 * <p><b>Ordering.</b> A read acquires the header's latest sequence, then the slot's sequence word;
 * loads the payload and checksum; issues a load-load fence; and loads the sequence word again. It
 * accepts the payload only if both loads of the word equal {@code 2s} for the sample {@code s} it
 * wants (no write overlapped the payload loads, see {@link SingleWriterSensorBus}) and the checksum of
 * the word and payload matches the stored one.
 *
 * <p><b>Failure.</b> Every outcome is a {@link ReadStatus}; nothing is thrown after construction.
 */
public final class SensorBusReader {
    private final AtomicBuffer buffer;
    private final int slotCount;
    private final int slotMask;
    private final long samplePeriodNs;
    private final long staleAfterNs;
    private long nextSequence;
    private long lostSampleCount;
    private long corruptSampleCount;

    /**
     * Wraps a bus, checking its header. The cursor starts at the oldest sample the ring still holds (at
     * 1 if nothing is published yet); if the writer overwrites that sample before the first
     * {@link #readNext}, that read reports {@link ReadStatus#OVERRUN}.
     *
     * @param buffer       the bus; only read, so a read-only mapping will do
     * @param staleAfterNs how much older than {@code nowNs} the latest sample may be before
     *                     {@link #readLatest(SensorSample, long)} reports {@link ReadStatus#STALE}
     * @throws IllegalStateException    naming what is wrong if the header is not a valid bus
     * @throws IllegalArgumentException if {@code staleAfterNs} is negative
     */
    public SensorBusReader(AtomicBuffer buffer, long staleAfterNs) {
        if (staleAfterNs < 0) {
            throw new IllegalArgumentException("staleness threshold must not be negative, was " + staleAfterNs);
        }
        buffer.verifyAlignment();
        this.slotCount = SensorBusHeader.validate(buffer);
        this.slotMask = slotCount - 1;
        this.buffer = buffer;
        this.samplePeriodNs = buffer.getLong(SAMPLE_PERIOD_NS_OFFSET);
        this.staleAfterNs = staleAfterNs;
        this.nextSequence = Math.max(1, buffer.getLongAcquire(LATEST_SEQUENCE_OFFSET) - slotCount + 1);
    }

    /**
     * Reads the latest published sample into {@code into}, without a staleness check. Does not move
     * the cursor.
     *
     * @return {@link ReadStatus#OK}, {@link ReadStatus#NO_DATA}, {@link ReadStatus#TORN} (the writer
     *     moved on during the read) or {@link ReadStatus#CHECKSUM_MISMATCH}
     */
    public ReadStatus readLatest(SensorSample into) {
        long latest = buffer.getLongAcquire(LATEST_SEQUENCE_OFFSET);
        if (latest == 0) {
            return ReadStatus.NO_DATA;
        }
        ReadStatus status = readSlot(latest, into);
        if (status == ReadStatus.OVERRUN) {
            return ReadStatus.TORN;
        }
        if (status == ReadStatus.CHECKSUM_MISMATCH) {
            corruptSampleCount++;
        }
        return status;
    }

    /**
     * As {@link #readLatest(SensorSample)}, and reports {@link ReadStatus#STALE} instead of
     * {@link ReadStatus#OK} when {@code nowNs - into.timeNs()} exceeds the staleness threshold.
     * {@code nowNs} must come from the writer's clock (same host, same clock source).
     */
    public ReadStatus readLatest(SensorSample into, long nowNs) {
        ReadStatus status = readLatest(into);
        if (status == ReadStatus.OK && nowNs - into.timeNs() > staleAfterNs) {
            return ReadStatus.STALE;
        }
        return status;
    }

    /**
     * Reads the sample at the cursor into {@code into} and advances the cursor past it.
     *
     * @return {@link ReadStatus#OK} (cursor advanced); {@link ReadStatus#NO_DATA} (caught up);
     *     {@link ReadStatus#TORN} (cursor unchanged, read again); {@link ReadStatus#CHECKSUM_MISMATCH}
     *     (sample skipped, cursor advanced, {@link #corruptSampleCount()} incremented);
     *     {@link ReadStatus#OVERRUN} (cursor jumped to the oldest sample still held,
     *     {@link #lostSampleCount()} grew by the number skipped, nothing read)
     */
    public ReadStatus readNext(SensorSample into) {
        long latest = buffer.getLongAcquire(LATEST_SEQUENCE_OFFSET);
        long wanted = nextSequence;
        if (wanted > latest) {
            return ReadStatus.NO_DATA;
        }
        if (latest - wanted >= slotCount) {
            return skipAhead(wanted, latest);
        }
        ReadStatus status = readSlot(wanted, into);
        if (status == ReadStatus.OK) {
            nextSequence = wanted + 1;
        } else if (status == ReadStatus.CHECKSUM_MISMATCH) {
            nextSequence = wanted + 1;
            corruptSampleCount++;
        } else if (status == ReadStatus.OVERRUN) {
            return skipAhead(wanted, buffer.getLongAcquire(LATEST_SEQUENCE_OFFSET));
        }
        return status;
    }

    /** Sequence of the sample the next {@link #readNext} wants. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Samples the cursor skipped because the writer overwrote them first, since construction. */
    public long lostSampleCount() {
        return lostSampleCount;
    }

    /** Reads that returned {@link ReadStatus#CHECKSUM_MISMATCH}, since construction. */
    public long corruptSampleCount() {
        return corruptSampleCount;
    }

    /**
     * The writer's heartbeat: the time of the latest published sample, on the writer's clock; 0 before
     * the first. Lets a reader tell "writer stopped" without reading a sample.
     */
    public long writerHeartbeatNs() {
        return buffer.getLongOpaque(WRITER_HEARTBEAT_NS_OFFSET);
    }

    /** Sequence of the latest published sample; 0 before the first. */
    public long latestSequence() {
        return buffer.getLongAcquire(LATEST_SEQUENCE_OFFSET);
    }

    public int slotCount() {
        return slotCount;
    }

    /** The writer's intended period between samples, from the header. */
    public long samplePeriodNs() {
        return samplePeriodNs;
    }

    public long staleAfterNs() {
        return staleAfterNs;
    }

    private ReadStatus skipAhead(long wanted, long latest) {
        long oldestHeld = latest - slotCount + 1;
        // If the writer is already rewriting the oldest slot, 'wanted' itself is gone: skip at least it.
        long target = Math.max(oldestHeld, wanted + 1);
        lostSampleCount += target - wanted;
        nextSequence = target;
        return ReadStatus.OVERRUN;
    }

    /**
     * Seqlock read of sample {@code sequence}. OVERRUN here means "the slot already holds a later
     * sample, complete or being written"; callers translate it.
     */
    private ReadStatus readSlot(long sequence, SensorSample into) {
        int slot = slotOffset(sequence, slotMask);
        long expectedWord = publishedWord(sequence);
        long wordBefore = buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET);
        if (wordBefore != expectedWord) {
            // The header promised this sample was published, and slot words only grow: a smaller word is garble.
            return wordBefore > expectedWord ? ReadStatus.OVERRUN : ReadStatus.CHECKSUM_MISMATCH;
        }
        long computedChecksum = SensorSampleCodec.decode(buffer, slot, expectedWord, into);
        long storedChecksum = buffer.getLong(slot + CHECKSUM_OFFSET);
        VarHandle.loadLoadFence();
        long wordAfter = buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET);
        if (wordAfter != wordBefore) {
            return ReadStatus.TORN;
        }
        if (computedChecksum != storedChecksum) {
            return ReadStatus.CHECKSUM_MISMATCH;
        }
        into.sequence(sequence);
        return ReadStatus.OK;
    }
}
