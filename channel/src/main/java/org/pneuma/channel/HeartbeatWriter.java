package org.pneuma.channel;

import static org.pneuma.channel.HeartbeatLayout.*;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Beats one service's slot of a heartbeat board.
 *
 * <p><b>Threads.</b> One writer per slot, one owner thread; other slots are other writers' and are
 * never touched. Nothing detects a second writer of the same slot.
 *
 * <p><b>Cost.</b> {@link #beat} never blocks, spins or allocates; it writes one cache line.
 *
 * <p><b>Ordering.</b> For beat {@code n}: the odd word {@code 2n-1} (release), a store-store fence,
 * time, process id and checksum (plain), the even word {@code 2n} (release).
 *
 * <p><b>Lifecycle.</b> A writer continues the count it finds in its slot, so a restarted service's
 * beat count never goes backwards (its process id changes).
 */
public final class HeartbeatWriter {
    private final AtomicBuffer buffer;
    private final int serviceId;
    private final int slot;
    private final long processId;
    private long beatCount;

    HeartbeatWriter(AtomicBuffer buffer, int serviceId, long processId) {
        buffer.verifyAlignment();
        this.buffer = buffer;
        this.serviceId = serviceId;
        this.slot = slotOffset(serviceId);
        this.processId = processId;
        long word = buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET);
        this.beatCount = word > 0 ? Math.min(MAX_BEATS - 1, (word + 1) >>> 1) : 0;
    }

    /**
     * Records a beat at {@code nowNs} (the writer's monotonic clock).
     *
     * @return the beat's count
     */
    public long beat(long nowNs) {
        long n = beatCount < MAX_BEATS ? beatCount + 1 : 1;
        long word = n << 1;
        buffer.putLongRelease(slot + SEQUENCE_WORD_OFFSET, word - 1);
        VarHandle.storeStoreFence();
        buffer.putLong(slot + LAST_BEAT_NS_OFFSET, nowNs);
        buffer.putLong(slot + PROCESS_ID_OFFSET, processId);
        buffer.putLong(slot + CHECKSUM_OFFSET, checksum(serviceId, word, nowNs, processId));
        buffer.putLongRelease(slot + SEQUENCE_WORD_OFFSET, word);
        beatCount = n;
        return n;
    }

    public int serviceId() {
        return serviceId;
    }

    /** Beats written, counting those of earlier writers of this slot. */
    public long beatCount() {
        return beatCount;
    }
}
