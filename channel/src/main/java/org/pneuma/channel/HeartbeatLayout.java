package org.pneuma.channel;

import org.agrona.DirectBuffer;

/**
 * Where every byte of the heartbeat board lives.
 *
 * <pre>
 * header (64 bytes, written once before MAGIC): 0 magic int, 4 layout version int, 8 slot count int,
 *                                               12 slot length int
 * slot i (service id i) at HEADER_LENGTH + i * SLOT_LENGTH (64 bytes, one cache line: no false sharing)
 *     0 sequence word   2n when beat n is complete, 2n-1 while it is written (n counts beats from 1)
 *     8 last beat ns    the writer's clock at beat n
 *    16 process id      of the writer at beat n
 *    24 checksum        of the slot index, the sequence word, the beat time and the process id
 *    32..63 unused
 * </pre>
 *
 * <p>Native byte order. The slot index is in the checksum, so a slot copied into another's place
 * reads as garbled.
 */
public final class HeartbeatLayout {
    /** "PNHB" in ASCII. */
    public static final int MAGIC = 0x504E_4842;
    public static final int LAYOUT_VERSION = 1;
    public static final int MAX_SLOT_COUNT = 1024;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 4;
    public static final int SLOT_COUNT_OFFSET = 8;
    public static final int SLOT_LENGTH_OFFSET = 12;
    public static final int HEADER_LENGTH = 64;

    public static final int SLOT_LENGTH = 64;
    public static final int SEQUENCE_WORD_OFFSET = 0;
    public static final int LAST_BEAT_NS_OFFSET = 8;
    public static final int PROCESS_ID_OFFSET = 16;
    public static final int CHECKSUM_OFFSET = 24;
    /** Largest beat count; keeps {@code 2n} positive whatever was written. */
    public static final long MAX_BEATS = 1L << 60;

    private static final long SEED = 0x7E57_BEA7_5EED_0003L;
    private static final long K = 0x9E37_79B9_7F4A_7C15L;

    private HeartbeatLayout() {
    }

    public static int totalLength(int slotCount) {
        return HEADER_LENGTH + slotCount * SLOT_LENGTH;
    }

    public static int slotOffset(int serviceId) {
        return HEADER_LENGTH + serviceId * SLOT_LENGTH;
    }

    /** The checksum slot {@code serviceId} should carry for what it holds now. */
    public static long checksum(DirectBuffer buffer, int serviceId) {
        int slot = slotOffset(serviceId);
        return checksum(serviceId, buffer.getLong(slot + SEQUENCE_WORD_OFFSET),
            buffer.getLong(slot + LAST_BEAT_NS_OFFSET), buffer.getLong(slot + PROCESS_ID_OFFSET));
    }

    static long checksum(int serviceId, long word, long lastBeatNs, long processId) {
        long h = mix(SEED, serviceId);
        h = mix(h, word);
        h = mix(h, lastBeatNs);
        return mix(h, processId);
    }

    private static long mix(long h, long word) {
        return Long.rotateLeft((h ^ word) * K, 27);
    }
}
