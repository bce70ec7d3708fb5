package org.pneuma.channel;

import static org.pneuma.channel.HeartbeatLayout.*;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Reads any slot of a heartbeat board. Stateless after construction, so one instance may be shared
 * by any number of threads; it only loads, so it works on a read-only mapping.
 *
 * <p><b>Cost.</b> {@link #read} never blocks, spins, retries or allocates.
 *
 * <p><b>Judging silence</b> is the caller's: compare {@link HeartbeatSample#lastBeatNs()} with its own
 * clock when writer and reader share the host's monotonic clock, or else watch
 * {@link HeartbeatSample#beatCount()} advance between its own ticks (a guest VM's clock is not ours).
 */
public final class HeartbeatReader {
    private final AtomicBuffer buffer;
    private final int slotCount;

    HeartbeatReader(AtomicBuffer buffer, int slotCount) {
        buffer.verifyAlignment();
        this.buffer = buffer;
        this.slotCount = slotCount;
    }

    /**
     * Reads the latest beat of service {@code serviceId}.
     *
     * @throws IndexOutOfBoundsException if {@code serviceId} is not a slot of this board
     */
    public HeartbeatStatus read(int serviceId, HeartbeatSample into) {
        if (serviceId < 0 || serviceId >= slotCount) {
            throw new IndexOutOfBoundsException("service id " + serviceId + " is not a slot of a board of " + slotCount);
        }
        int slot = slotOffset(serviceId);
        long wordBefore = buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET);
        if (wordBefore == 0) {
            return HeartbeatStatus.NEVER;
        }
        long lastBeatNs = buffer.getLong(slot + LAST_BEAT_NS_OFFSET);
        long processId = buffer.getLong(slot + PROCESS_ID_OFFSET);
        long stored = buffer.getLong(slot + CHECKSUM_OFFSET);
        VarHandle.loadLoadFence();
        long wordAfter = buffer.getLongAcquire(slot + SEQUENCE_WORD_OFFSET);
        if (wordAfter != wordBefore || (wordBefore & 1) != 0) {
            // Mid-beat; a writer that died mid-beat stays here, and its silence shows as no progress.
            return HeartbeatStatus.TORN;
        }
        if (wordBefore < 0 || wordBefore > (MAX_BEATS << 1) || stored != checksum(serviceId, wordBefore, lastBeatNs, processId)) {
            return HeartbeatStatus.GARBLED;
        }
        into.fill(serviceId, wordBefore >>> 1, lastBeatNs, processId);
        return HeartbeatStatus.OK;
    }

    public int slotCount() {
        return slotCount;
    }
}
