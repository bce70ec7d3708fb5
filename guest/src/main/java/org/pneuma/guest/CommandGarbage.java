package org.pneuma.guest;

import static org.pneuma.channel.CommandMailboxLayout.*;

import java.io.PrintStream;
import java.lang.invoke.VarHandle;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.pneuma.channel.CommandMailbox;

/**
 * Fault injection {@code command-garbage}: writes frames straight into the request ring's bytes, past
 * the honest writer, as a broken or hostile guest could. The point is that nothing invalid is ever
 * accepted and nothing the guest writes disturbs the safety partition.
 *
 * <p>Each frame goes into the slot of a sequence the safety side will look at: the next ones after
 * the header's requests-consumed word. The mix (from a seeded random, so a run can be repeated):
 * <ul>
 *   <li>random bytes over the whole slot;</li>
 *   <li>the expected sequence word with random kind, length, correlation id, payload and checksum;</li>
 *   <li>a well-sealed frame with one word flipped after sealing (checksum mismatch);</li>
 *   <li>a well-sealed frame of a later sequence (out of order);</li>
 *   <li>well-sealed frames with a length out of 0..20 or a kind out of 1..4;</li>
 *   <li>well-formed-looking frames: expected sequence, kind 1..4, the kind's length or a random one,
 *       random payload, correct checksum — they pass the channel's checks and meet the safety
 *       partition's decoder and validator;</li>
 *   <li>rarely, an older sequence or an odd word (a frame being written): the safety side sees an
 *       empty slot and waits, until the pacing below overwrites it.</li>
 * </ul>
 *
 * <p><b>Pacing.</b> The safety partition polls at 1 kHz and takes a few frames per tick (4 by default:
 * about 4 000 frames a second); the ring has few slots (16 by default), and the supervisor waits two
 * minutes at most for a guest half. So frames are written at a steady rate (20 000 a second by default:
 * a million in 50 s), each into the next slot of the window safety will read, the sequences after the
 * consumed word; when the window is full of unread frames the writer starts over at its front,
 * overwriting frames safety has not read (counted as {@code overwritten_unread}).
 * That is fine for garbage: what safety reads is still garbage, whole or torn, and at the default rate
 * it reads about one frame in five. A slot left looking empty (an older sequence, an odd word) holds
 * the safety side only until the window wraps over it.
 */
final class CommandGarbage {
    static final int HIGHEST_KIND = 4;
    private static final int[] LENGTH_OF_KIND = {0, 15, 11, 0, 0};

    private final AtomicBuffer ring;
    private final int slotCount;
    private final int slotMask;
    private final SplittableRandom random;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SLOT_LENGTH]);
    private final long[] written = new long[Variant.values().length];
    private long overwritten;

    /** The kinds of frame written; {@link #ordinal()} indexes the counts. */
    enum Variant {
        RANDOM_BYTES("random_bytes"),
        RANDOM_FIELDS("random_fields"),
        FLIPPED_AFTER_SEAL("flipped"),
        LATER_SEQUENCE("later_seq"),
        BAD_LENGTH("bad_length"),
        BAD_KIND("bad_kind"),
        WELL_FORMED("well_formed"),
        OLDER_SEQUENCE("older_seq"),
        ODD_WORD("odd_word");

        final String key;

        Variant(String key) {
            this.key = key;
        }
    }

    CommandGarbage(CommandMailbox mailbox, long seed) {
        this.ring = mailbox.buffer();
        this.slotCount = mailbox.requestSlotCount();
        this.slotMask = slotCount - 1;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Writes {@code frames} frames at {@code ratePerSecond} (0: as fast as it can), pacing as the class
     * comment says; prints the RESULT line.
     *
     * @return 0 when every frame was written, 1 when stopped early
     */
    int run(long frames, long ratePerSecond, long seed, LongSupplier clock, BooleanSupplier stop, PrintStream out) {
        long start = clock.getAsLong();
        long consumedSeen = consumed();
        long consumedByReader = 0;
        long next = consumedSeen + 1;
        long highestWritten = consumedSeen;
        long total = 0;
        while (total < frames && !stop.getAsBoolean()) {
            if (ratePerSecond > 0) {
                long due = start + (long) (total * (1e9 / ratePerSecond));
                long ahead = due - clock.getAsLong();
                if (ahead > 0) {
                    LockSupport.parkNanos(ahead);
                    continue;
                }
            }
            long consumed = consumed();
            if (consumed > consumedSeen) {
                consumedByReader += consumed - consumedSeen;
            }
            consumedSeen = consumed;
            if (next <= consumed || next > consumed + slotCount) {
                next = consumed + 1;   // the window's front: safety moved, or every slot ahead holds an unread frame
            }
            if (next <= highestWritten) {
                overwritten++;   // a frame of this run that safety has not read yet
            }
            writeFrame(next);
            highestWritten = Math.max(highestWritten, next);
            next++;
            total++;
        }
        long elapsedNs = clock.getAsLong() - start;
        long consumed = consumed();
        if (consumed > consumedSeen) {
            consumedByReader += consumed - consumedSeen;
        }
        StringBuilder result = new StringBuilder("RESULT command-garbage frames=").append(total)
            .append(" requested=").append(frames)
            .append(" consumed_by_safety=").append(consumedByReader)
            .append(" overwritten_unread=").append(overwritten)
            .append(" elapsed_ms=").append(elapsedNs / 1_000_000)
            .append(" rate=").append(ratePerSecond)
            .append(" seed=").append(seed);
        for (Variant variant : Variant.values()) {
            result.append(' ').append(variant.key).append('=').append(written[variant.ordinal()]);
        }
        out.println(result);
        out.flush();
        return total == frames ? 0 : 1;
    }

    long written(Variant variant) {
        return written[variant.ordinal()];
    }

    private long consumed() {
        return ring.getLongAcquire(REQUESTS_CONSUMED_OFFSET);
    }

    /** Writes one frame into the slot of {@code sequence}. */
    void writeFrame(long sequence) {
        int slot = requestSlotOffset(sequence, slotMask);
        int pick = random.nextInt(256);
        Variant variant;
        if (pick < 2) {
            variant = Variant.OLDER_SEQUENCE;
        } else if (pick < 4) {
            variant = Variant.ODD_WORD;
        } else {
            variant = Variant.values()[pick % 7];
        }
        written[variant.ordinal()]++;
        switch (variant) {
            case RANDOM_BYTES -> {
                for (int offset = 0; offset < SLOT_LENGTH; offset += 8) {
                    ring.putLong(slot + offset, random.nextLong());
                }
            }
            case RANDOM_FIELDS -> {
                randomFields(sequence, random.nextInt(), random.nextInt());
                scratch.putLong(CHECKSUM_OFFSET, random.nextLong());
                publish(slot);
            }
            case FLIPPED_AFTER_SEAL -> {
                randomFields(sequence, 1 + random.nextInt(HIGHEST_KIND), random.nextInt(PAYLOAD_LONGS + 1));
                seal();
                int offset = 8 * (1 + random.nextInt(SLOT_LENGTH / 8 - 2));   // any word but the sequence word and checksum
                scratch.putLong(offset, scratch.getLong(offset) ^ (1L << random.nextInt(64)));
                publish(slot);
            }
            case LATER_SEQUENCE -> {
                randomFields(sequence + 1 + random.nextInt(1 << 20), 1 + random.nextInt(HIGHEST_KIND), 0);
                seal();
                publish(slot);
            }
            case BAD_LENGTH -> {
                int length = random.nextBoolean() ? PAYLOAD_LONGS + 1 + random.nextInt(1 << 16) : -1 - random.nextInt(1 << 16);
                randomFields(sequence, 1 + random.nextInt(HIGHEST_KIND), length);
                seal();
                publish(slot);
            }
            case BAD_KIND -> {
                int kind = random.nextBoolean() ? HIGHEST_KIND + 1 + random.nextInt(1 << 16) : -random.nextInt(1 << 16);
                randomFields(sequence, kind, random.nextInt(PAYLOAD_LONGS + 1));
                seal();
                publish(slot);
            }
            case WELL_FORMED -> {
                int kind = 1 + random.nextInt(HIGHEST_KIND);
                int length = random.nextBoolean() ? LENGTH_OF_KIND[kind] : random.nextInt(PAYLOAD_LONGS + 1);
                randomFields(sequence, kind, length);
                seal();
                publish(slot);
            }
            case OLDER_SEQUENCE -> {
                randomFields(Math.max(1, sequence - 1 - random.nextInt(64)), 1 + random.nextInt(HIGHEST_KIND), 0);
                seal();
                publish(slot);
            }
            case ODD_WORD -> ring.putLongRelease(slot + SEQUENCE_WORD_OFFSET, writingWord(sequence));
        }
    }

    /** Fills the scratch slot: sequence word of {@code sequence}, kind, length, random id and payload. */
    private void randomFields(long sequence, int kind, int length) {
        scratch.putLong(SEQUENCE_WORD_OFFSET, publishedWord(sequence));
        scratch.putInt(KIND_OFFSET, kind);
        scratch.putInt(PAYLOAD_LENGTH_OFFSET, length);
        scratch.putLong(CORRELATION_ID_OFFSET, random.nextLong());
        for (int i = 0; i < PAYLOAD_LONGS; i++) {
            scratch.putLong(PAYLOAD_OFFSET + 8 * i, random.nextLong());
        }
    }

    private void seal() {
        scratch.putLong(CHECKSUM_OFFSET, requestChecksum(scratch, 0));
    }

    /** Copies the scratch slot into the ring the way the honest writer does: odd word, fields, final word. */
    private void publish(int slot) {
        long word = scratch.getLong(SEQUENCE_WORD_OFFSET);
        ring.putLongRelease(slot + SEQUENCE_WORD_OFFSET, (word & 1) != 0 ? word : word - 1);
        VarHandle.storeStoreFence();
        ring.putBytes(slot + 8, scratch, 8, SLOT_LENGTH - 8);
        ring.putLongRelease(slot + SEQUENCE_WORD_OFFSET, word);
    }
}
