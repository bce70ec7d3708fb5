package org.pneuma.channel;

import org.agrona.DirectBuffer;

/**
 * Where every byte of the command mailbox lives: the one descriptor of its shared-memory layout.
 *
 * <p>The mailbox is a header, then a request ring (the guest writes, safety reads), then a response
 * ring (safety writes, the guest reads). Both slot counts are powers of two; all values are in the
 * platform's native byte order; every field is naturally aligned; slots are three cache lines long.
 *
 * <pre>
 * header (128 bytes)
 *   line 0, written once before MAGIC:   0 magic int, 4 layout version int,
 *                                        8 request slot count int, 12 request slot length int,
 *                                       16 response slot count int, 20 response slot length int
 *   line 1, written by safety only:     64 requests consumed long (sequence of the last request safety took)
 *                                       72 latest response sequence long
 * request slot i at REQUEST_RING_OFFSET + i * SLOT_LENGTH (192 bytes)
 *     0 sequence word     2s when request s is complete, 2s-1 while the guest writes it
 *     8 kind int         12 payload length int (payload longs used, 0..PAYLOAD_LONGS)
 *    16 correlation id long (chosen by the guest, echoed in the response)
 *    24 payload, PAYLOAD_LONGS longs (longs or raw double bits; meaning fixed by the kind)
 *   184 checksum of the sequence word, kind and length, correlation id and every payload long
 * response slot i at responseRingOffset(requestSlotCount) + i * SLOT_LENGTH (192 bytes)
 *     0 sequence word     2s when response s is complete, 2s-1 while safety writes it
 *     8 request sequence long (the request it answers)   16 correlation id long (as read)
 *    24 accepted int (1 or 0)    28 reason code int     32 reason length int (bytes)    36 reserved int
 *    40 reason text, REASON_LENGTH bytes of printable ASCII, zero-padded
 *   184 checksum of the sequence word and every long from 8 to 183
 * </pre>
 *
 * <p>Sequences start at 1 in both rings; request {@code s} lives in request slot
 * {@code s & (requestSlotCount - 1)}, response {@code s} likewise. Bump {@link #LAYOUT_VERSION}
 * when an offset changes.
 */
public final class CommandMailboxLayout {
    /** "PNCM" in ASCII: identifies a command mailbox. Written last when the mailbox is created. */
    public static final int MAGIC = 0x504E_434D;
    public static final int LAYOUT_VERSION = 1;

    public static final int CACHE_LINE_LENGTH = 64;
    public static final int MIN_SLOT_COUNT = 2;
    public static final int MAX_SLOT_COUNT = 4096;
    /** Requests the guest may have in flight: far above what ten commands a second need. */
    public static final int DEFAULT_REQUEST_SLOT_COUNT = 16;
    /** Responses kept for the guest to read: a few seconds of a flood's worth of answers. */
    public static final int DEFAULT_RESPONSE_SLOT_COUNT = 64;
    /**
     * Largest sequence either ring uses. Far beyond any real traffic; it keeps {@code 2s} positive
     * whatever the guest wrote, so sequence arithmetic on the safety side never overflows.
     */
    public static final long MAX_SEQUENCE = 1L << 60;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 4;
    public static final int REQUEST_SLOT_COUNT_OFFSET = 8;
    public static final int REQUEST_SLOT_LENGTH_OFFSET = 12;
    public static final int RESPONSE_SLOT_COUNT_OFFSET = 16;
    public static final int RESPONSE_SLOT_LENGTH_OFFSET = 20;
    public static final int REQUESTS_CONSUMED_OFFSET = CACHE_LINE_LENGTH;
    public static final int LATEST_RESPONSE_OFFSET = CACHE_LINE_LENGTH + 8;
    public static final int HEADER_LENGTH = 2 * CACHE_LINE_LENGTH;
    public static final int REQUEST_RING_OFFSET = HEADER_LENGTH;

    public static final int SLOT_LENGTH = 3 * CACHE_LINE_LENGTH;
    public static final int SEQUENCE_WORD_OFFSET = 0;
    public static final int CHECKSUM_OFFSET = SLOT_LENGTH - 8;

    public static final int KIND_OFFSET = 8;
    public static final int PAYLOAD_LENGTH_OFFSET = 12;
    public static final int CORRELATION_ID_OFFSET = 16;
    public static final int PAYLOAD_OFFSET = 24;
    /** Longs of payload a request can carry. */
    public static final int PAYLOAD_LONGS = (CHECKSUM_OFFSET - PAYLOAD_OFFSET) / 8;

    public static final int REQUEST_SEQUENCE_OFFSET = 8;
    public static final int RESPONSE_CORRELATION_ID_OFFSET = 16;
    public static final int ACCEPTED_OFFSET = 24;
    public static final int REASON_CODE_OFFSET = 28;
    public static final int REASON_LENGTH_OFFSET = 32;
    public static final int REASON_OFFSET = 40;
    /** Bytes of reason text a response carries; longer reasons are cut and end in "...". */
    public static final int REASON_LENGTH = CHECKSUM_OFFSET - REASON_OFFSET;

    private static final long CHECKSUM_SEED = 0x7E57_C0DE_5EED_0002L;
    private static final long K = 0x9E37_79B9_7F4A_7C15L;

    private CommandMailboxLayout() {
    }

    /** Whether {@code slotCount} is a power of two within {@link #MIN_SLOT_COUNT}..{@link #MAX_SLOT_COUNT}. */
    public static boolean isValidSlotCount(int slotCount) {
        return slotCount >= MIN_SLOT_COUNT && slotCount <= MAX_SLOT_COUNT && Integer.bitCount(slotCount) == 1;
    }

    public static int responseRingOffset(int requestSlotCount) {
        return REQUEST_RING_OFFSET + requestSlotCount * SLOT_LENGTH;
    }

    /** Bytes needed for a mailbox of these slot counts (assumed valid). */
    public static int totalLength(int requestSlotCount, int responseSlotCount) {
        return responseRingOffset(requestSlotCount) + responseSlotCount * SLOT_LENGTH;
    }

    /** Offset of the request slot holding {@code sequence}; in bounds for any sequence, garbage included. */
    public static int requestSlotOffset(long sequence, int requestSlotMask) {
        return REQUEST_RING_OFFSET + (int) (sequence & requestSlotMask) * SLOT_LENGTH;
    }

    /** Offset of the response slot holding {@code sequence}; in bounds for any sequence. */
    public static int responseSlotOffset(long sequence, int requestSlotCount, int responseSlotMask) {
        return responseRingOffset(requestSlotCount) + (int) (sequence & responseSlotMask) * SLOT_LENGTH;
    }

    /** Sequence word of a slot holding the complete frame {@code sequence}: always even. */
    public static long publishedWord(long sequence) {
        return sequence << 1;
    }

    /** Sequence word of a slot while frame {@code sequence} is being written: always odd. */
    public static long writingWord(long sequence) {
        return (sequence << 1) - 1;
    }

    /**
     * The sequence a slot's word says is complete there, or 0 if the word is not that of a complete
     * frame within 1..{@link #MAX_SEQUENCE} (zero, odd, negative, or too large).
     */
    public static long completeSequence(long word) {
        if (word <= 0 || (word & 1) != 0) {
            return 0;
        }
        long sequence = word >>> 1;
        return sequence <= MAX_SEQUENCE ? sequence : 0;
    }

    /**
     * The checksum a request slot should carry for what it holds now: the sequence word, the kind and
     * length, the correlation id and every payload long. Tools that forge well-sealed frames (fault
     * injection, fuzzing) use it; a mismatch is how a reader detects a garbled slot.
     */
    public static long requestChecksum(DirectBuffer buffer, int slot) {
        long h = mix(CHECKSUM_SEED, buffer.getLong(slot + SEQUENCE_WORD_OFFSET));
        h = mix(h, kindAndLength(buffer.getInt(slot + KIND_OFFSET), buffer.getInt(slot + PAYLOAD_LENGTH_OFFSET)));
        h = mix(h, buffer.getLong(slot + CORRELATION_ID_OFFSET));
        for (int i = 0; i < PAYLOAD_LONGS; i++) {
            h = mix(h, buffer.getLong(slot + PAYLOAD_OFFSET + 8 * i));
        }
        return h;
    }

    /** The checksum a response slot should carry: its sequence word and every long from 8 to 183. */
    public static long responseChecksum(DirectBuffer buffer, int slot) {
        return responseChecksum(buffer, slot, buffer.getLong(slot + SEQUENCE_WORD_OFFSET));
    }

    /** As {@link #responseChecksum(DirectBuffer, int)}, for the slot once its word is {@code sequenceWord}. */
    static long responseChecksum(DirectBuffer buffer, int slot, long sequenceWord) {
        long h = mix(CHECKSUM_SEED, sequenceWord);
        for (int offset = 8; offset < CHECKSUM_OFFSET; offset += 8) {
            h = mix(h, buffer.getLong(slot + offset));
        }
        return h;
    }

    static long checksumStart(long sequenceWord) {
        return mix(CHECKSUM_SEED, sequenceWord);
    }

    static long kindAndLength(int kind, int length) {
        return ((long) kind << 32) | (length & 0xFFFF_FFFFL);
    }

    /**
     * One step of the checksum: a bijection of {@code h} for each word, so any single changed word
     * changes the result; several changed words escape with probability about 2^-64. It detects
     * garbled or torn frames, not deliberate forgery.
     */
    static long mix(long h, long word) {
        return Long.rotateLeft((h ^ word) * K, 27);
    }
}
