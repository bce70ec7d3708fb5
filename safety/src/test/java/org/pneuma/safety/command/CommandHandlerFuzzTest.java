package org.pneuma.safety.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.channel.CommandMailboxLayout.*;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CounterId;
import org.pneuma.safety.settings.SettingsValidator;

/**
 * Security: frames written straight into the request ring's bytes, as a hostile or broken guest
 * would — random bytes, sealed junk, plausible commands with values in, at and beyond every range,
 * NaN and infinities, flipped bits, wrong lengths, kinds and sequences, garbage in the header.
 * Nothing escapes the handler, and nothing invalid is ever applied: the target throws an
 * {@link AssertionError} (which the handler does not catch) for any pair the validator refuses.
 */
class CommandHandlerFuzzTest {
    private static final int REQUEST_SLOTS = 16;
    private static final int FRAMES = 1_000_000;

    /** A guest that writes whatever it likes into the mailbox, driven by a seeded random source. */
    static final class HostileGuest {
        private final SplittableRandom random;
        private final CommandRig rig;
        private final AtomicBuffer buffer;
        private final CommandFrame frame = new CommandFrame();
        long framesWritten;

        HostileGuest(long seed) {
            random = new SplittableRandom(seed);
            rig = new CommandRig(CommandHandlerConfig.DEFAULT, REQUEST_SLOTS, 64);
            rig.target.countOnly = true;
            buffer = rig.mailbox.buffer();
        }

        void writeOneFrameAndPoll() {
            long expected = RawFrames.nextExpected(buffer);
            long sequence = random.nextInt(10) == 0 ? random.nextLong(1, expected + 64) : expected;
            int strategy = random.nextInt(100);
            if (strategy < 10) {
                randomBytes(sequence, false);
            } else if (strategy < 20) {
                randomBytes(sequence, true);
            } else if (strategy < 32) {
                sealedJunk(sequence);
            } else if (strategy < 75) {
                RawFrames.writeSealed(buffer, REQUEST_SLOTS, sequence, plausibleCommand());
            } else if (strategy < 85) {
                int slot = RawFrames.writeSealed(buffer, REQUEST_SLOTS, sequence, plausibleCommand());
                RawFrames.flipBit(buffer, slot, random.nextInt(SLOT_LENGTH * 8));
            } else if (strategy < 93) {
                long wrong = switch (random.nextInt(3)) {
                    case 0 -> sequence + random.nextInt(1, 40);
                    case 1 -> sequence - random.nextInt(1, 40);
                    default -> random.nextLong();
                };
                int slot = RawFrames.writeSealed(buffer, REQUEST_SLOTS, sequence, plausibleCommand());
                buffer.putLong(slot + SEQUENCE_WORD_OFFSET, publishedWord(wrong));
                RawFrames.reseal(buffer, slot);
            } else if (strategy < 96) {
                int slot = RawFrames.writeSealed(buffer, REQUEST_SLOTS, sequence, plausibleCommand());
                buffer.putLong(slot + SEQUENCE_WORD_OFFSET, writingWord(sequence));
            } else {
                // Line 0 of the header and the response word; the consumed word is where this guest learns where to write.
                for (int offset = 0; offset < CACHE_LINE_LENGTH; offset += 8) {
                    buffer.putLong(offset, random.nextLong());
                }
                buffer.putLong(LATEST_RESPONSE_OFFSET, random.nextLong());
                RawFrames.writeSealed(buffer, REQUEST_SLOTS, sequence, plausibleCommand());
            }
            framesWritten++;
            rig.nowNs += switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1, 2 -> 1_000_000L;
                default -> 100_000_000L;
            };
            rig.handler.poll(rig.nowNs);
        }

        private void randomBytes(long sequence, boolean rightWord) {
            int slot = RawFrames.slot(buffer, sequence, REQUEST_SLOTS);
            for (int offset = 0; offset < SLOT_LENGTH; offset += 8) {
                buffer.putLong(slot + offset, random.nextLong());
            }
            if (rightWord) {
                buffer.putLong(slot + SEQUENCE_WORD_OFFSET, publishedWord(sequence));
            }
        }

        private void sealedJunk(long sequence) {
            frame.clear().kind(random.nextInt(-1, 7)).payloadLength(random.nextInt(-2, 25)).correlationId(random.nextLong());
            for (int i = 0; i < PAYLOAD_LONGS; i++) {
                frame.payloadLong(i, random.nextLong());
            }
            RawFrames.writeSealed(buffer, REQUEST_SLOTS, sequence, frame);
        }

        /** A frame of a real kind whose payload is mostly well-formed, with values in, at and beyond their ranges. */
        private CommandFrame plausibleCommand() {
            int kind = random.nextInt(10) < 8 ? random.nextInt(1, 3) : random.nextInt(3, 5);
            frame.clear().kind(kind).correlationId(random.nextLong());
            if (kind == OperatorCommandCodec.CHANGE_SETTINGS) {
                frame.payloadLength(OperatorCommandCodec.SETTINGS_PAYLOAD_LONGS);
                long mask = mask(14);
                if ((mask & 1) != 0) {
                    frame.payloadLong(1, random.nextInt(20) == 0 ? random.nextLong(-2, 8) : random.nextInt(1, 6));
                }
                if ((mask & 2) != 0) {
                    frame.payloadLong(2, random.nextInt(20) == 0 ? random.nextLong(-2, 5) : random.nextInt(1, 3));
                }
                for (int i = 0; i < 12; i++) {
                    if ((mask & (1L << (2 + i))) != 0) {
                        frame.payloadDouble(3 + i, value(SettingsValidator.LIMITS.get(i)));
                    }
                }
                frame.payloadLong(0, mask);
            } else if (kind == OperatorCommandCodec.CHANGE_ALARM_LIMITS) {
                frame.payloadLength(OperatorCommandCodec.LIMITS_PAYLOAD_LONGS);
                long mask = mask(10);
                for (int i = 0; i < 10; i++) {
                    if ((mask & (1L << i)) != 0) {
                        frame.payloadDouble(1 + i, value(SettingsValidator.ALARM_LIMITS.get(i)));
                    }
                }
                frame.payloadLong(0, mask);
            }
            if (random.nextInt(30) == 0) {
                frame.payloadLong(random.nextInt(PAYLOAD_LONGS), random.nextLong());
            }
            if (random.nextInt(30) == 0) {
                frame.payloadLength(random.nextInt(0, PAYLOAD_LONGS + 1));
            }
            return frame;
        }

        private long mask(int fields) {
            int r = random.nextInt(10);
            if (r < 7) {
                long mask = 1L << random.nextInt(fields);
                return random.nextBoolean() ? mask | 1L << random.nextInt(fields) : mask;
            }
            if (r < 9) {
                return random.nextLong(1L << fields);
            }
            return random.nextLong();
        }

        private double value(SettingsValidator.Limit limit) {
            double min = limit.min();
            double max = limit.max();
            int r = random.nextInt(100);
            if (r < 60) {
                return min + random.nextDouble() * (max - min);
            }
            if (r < 70) {
                return random.nextBoolean() ? min : max;
            }
            if (r < 80) {
                double beyond = random.nextDouble() * 0.2 * (max - min);
                return random.nextBoolean() ? min - beyond : max + beyond;
            }
            if (r < 86) {
                return switch (random.nextInt(4)) {
                    case 0 -> Double.NaN;
                    case 1 -> Double.POSITIVE_INFINITY;
                    case 2 -> Double.NEGATIVE_INFINITY;
                    default -> Double.longBitsToDouble(0x7FF0_0000_0000_0001L);
                };
            }
            if (r < 92) {
                return switch (random.nextInt(5)) {
                    case 0 -> -0.0;
                    case 1 -> Double.MIN_VALUE;
                    case 2 -> Double.MAX_VALUE;
                    case 3 -> -Double.MAX_VALUE;
                    default -> Math.nextDown(min);
                };
            }
            return Double.longBitsToDouble(random.nextLong());
        }
    }

    @Test
    void aMillionRandomFramesNeverCrashTheHandlerAndNeverGetAnInvalidSettingApplied() {
        long seed = 0x5EED_F00DL;
        HostileGuest guest = new HostileGuest(seed);
        CommandRig rig = guest.rig;

        long start = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            guest.writeOneFrameAndPoll();
            if (i % 50_000 == 0) {
                assertThat(SettingsValidator.check(rig.handler.settingsInForce(), rig.handler.limitsInForce()).accepted())
                    .as("in force after %d frames (seed %x)", i, seed).isTrue();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        CommandHandler h = rig.handler;
        System.out.printf("command fuzz: %d frames written in %.1f s (seed %x); handler took %d: %d accepted "
                + "(%d settings/limits applied), %d rejected (%d rate-limited), %d garbled%n",
            guest.framesWritten, seconds, seed, h.log().recordedCount(), h.acceptedCount(), rig.target.appliedCount,
            h.rejectedCount(), h.rateLimitedCount(), h.garbledCount());
        assertThat(guest.framesWritten).isGreaterThanOrEqualTo(1_000_000);
        assertThat(h.failedCount()).as("the decoder and validator never threw").isZero();
        assertThat(rig.target.appliedCount).as("some changes were valid and applied").isPositive();
        assertThat(h.rejectedCount() - h.rateLimitedCount()).isPositive();
        assertThat(h.rateLimitedCount()).isPositive();
        assertThat(h.garbledCount()).isPositive();
        assertThat(h.log().recordedCount()).isEqualTo(h.acceptedCount() + h.rejectedCount() + h.garbledCount());
        assertThat(rig.counters.get(CounterId.COMMANDS_ACCEPTED)).isEqualTo(h.acceptedCount());
        assertThat(rig.counters.get(CounterId.COMMANDS_REJECTED)).isEqualTo(h.rejectedCount());
        assertThat(rig.counters.get(CounterId.COMMANDS_RATE_LIMITED)).isEqualTo(h.rateLimitedCount());
        assertThat(rig.counters.get(CounterId.COMMAND_FRAMES_GARBLED)).isEqualTo(h.garbledCount());
        assertThat(SettingsValidator.check(h.settingsInForce(), h.limitsInForce()).accepted()).isTrue();
    }

    /** One frame as jqwik sees it: raw fields, how its sequence word is written, and how time moves after it. */
    record RawFrame(int kind, int length, long correlationId, List<Long> payload, WordMode word, boolean sealed,
                    int flippedBit, int advanceMs) {
    }

    enum WordMode { EXPECTED, LATER, OLDER, BEING_WRITTEN, RANDOM }

    @Property(tries = 1000)
    void anyFramesWrittenIntoTheRingLeaveOnlyValidSettingsApplied(@ForAll("frames") List<RawFrame> frames) {
        CommandRig rig = new CommandRig(CommandHandlerConfig.DEFAULT, REQUEST_SLOTS, 64);
        AtomicBuffer buffer = rig.mailbox.buffer();
        CommandFrame frame = new CommandFrame();

        for (RawFrame raw : frames) {
            long expected = RawFrames.nextExpected(buffer);
            frame.clear().kind(raw.kind()).payloadLength(raw.length()).correlationId(raw.correlationId());
            for (int i = 0; i < PAYLOAD_LONGS; i++) {
                frame.payloadLong(i, raw.payload().get(i));
            }
            int slot = RawFrames.writeSealed(buffer, REQUEST_SLOTS, expected, frame);
            long word = switch (raw.word()) {
                case EXPECTED -> publishedWord(expected);
                case LATER -> publishedWord(expected + 1 + (raw.correlationId() & 31));
                case OLDER -> publishedWord(expected - 1 - (raw.correlationId() & 31));
                case BEING_WRITTEN -> writingWord(expected);
                case RANDOM -> raw.correlationId() * 0x9E37_79B9_7F4A_7C15L;
            };
            buffer.putLong(slot + SEQUENCE_WORD_OFFSET, word);
            if (raw.sealed()) {
                RawFrames.reseal(buffer, slot);
            }
            if (raw.flippedBit() >= 0) {
                RawFrames.flipBit(buffer, slot, raw.flippedBit());
            }
            rig.tick(raw.advanceMs());
        }

        CommandHandler h = rig.handler;
        assertThat(h.failedCount()).isZero();
        assertThat(h.log().recordedCount()).isEqualTo(h.acceptedCount() + h.rejectedCount() + h.garbledCount());
        assertThat(rig.target.applied).allSatisfy(applied -> assertThat(
            SettingsValidator.check(applied.settings(), applied.limits()).accepted()).isTrue());
    }

    @Provide
    Arbitrary<List<RawFrame>> frames() {
        Arbitrary<WordMode> word = Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(WordMode.EXPECTED)),
            Tuple.of(1, Arbitraries.of(WordMode.class)));
        Arbitrary<Integer> flippedBit = Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just(-1)),
            Tuple.of(1, Arbitraries.integers().between(0, SLOT_LENGTH * 8 - 1)));
        Arbitrary<Boolean> sealed = Arbitraries.of(true, true, true, false);
        Arbitrary<Integer> advanceMs = Arbitraries.of(0, 1, 100, 1000);
        Arbitrary<RawFrame> structured = Arbitraries.of(1, 1, 1, 2, 2, 3, 4).flatMap(kind ->
            Combinators.combine(payloadFor(kind), Arbitraries.longs(), word, sealed, flippedBit, advanceMs)
                .as((payload, correlation, w, seal, bit, ms) ->
                    new RawFrame(kind, lengthFor(kind), correlation, payload, w, seal, bit, ms)));
        Arbitrary<RawFrame> raw = Combinators.combine(rawKinds(), rawLengths(), Arbitraries.longs(),
            rawPayloadWord().list().ofSize(PAYLOAD_LONGS), word, sealed, flippedBit, advanceMs).as(RawFrame::new);
        return Arbitraries.frequencyOf(Tuple.of(3, structured), Tuple.of(1, raw)).list().ofMaxSize(24);
    }

    private static int lengthFor(int kind) {
        return switch (kind) {
            case OperatorCommandCodec.CHANGE_SETTINGS -> OperatorCommandCodec.SETTINGS_PAYLOAD_LONGS;
            case OperatorCommandCodec.CHANGE_ALARM_LIMITS -> OperatorCommandCodec.LIMITS_PAYLOAD_LONGS;
            default -> 0;
        };
    }

    /** A well-formed payload of the kind, naming one to three fields, values in, near and beyond their ranges. */
    private static Arbitrary<List<Long>> payloadFor(int kind) {
        if (kind == OperatorCommandCodec.CHANGE_SETTINGS) {
            Arbitrary<java.util.Set<Integer>> bits = Arbitraries.integers().between(0, 13).set().ofMinSize(1).ofMaxSize(3);
            Arbitrary<List<Double>> values = Combinators.combine(
                SettingsValidator.LIMITS.stream().map(CommandHandlerFuzzTest::nearRange).toList()).as(List::copyOf);
            Arbitrary<Long> mode = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.longs().between(1, 5)),
                Tuple.of(1, Arbitraries.longs().between(-1, 7)));
            Arbitrary<Long> trigger = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.longs().between(1, 2)),
                Tuple.of(1, Arbitraries.longs().between(-1, 4)));
            return Combinators.combine(bits, values, mode, trigger).as((named, v, m, t) -> {
                Long[] words = zeros();
                long mask = 0;
                for (int bit : named) {
                    mask |= 1L << bit;
                    words[1 + bit] = switch (bit) { // mode in word 1, trigger in 2, SettingField i in 3 + i
                        case 0 -> m;
                        case 1 -> t;
                        default -> Double.doubleToRawLongBits(v.get(bit - 2));
                    };
                }
                words[0] = mask;
                return List.of(words);
            });
        }
        if (kind == OperatorCommandCodec.CHANGE_ALARM_LIMITS) {
            Arbitrary<java.util.Set<Integer>> bits = Arbitraries.integers().between(0, 9).set().ofMinSize(1).ofMaxSize(3);
            Arbitrary<List<Double>> values = Combinators.combine(
                SettingsValidator.ALARM_LIMITS.stream().map(CommandHandlerFuzzTest::nearRange).toList()).as(List::copyOf);
            return Combinators.combine(bits, values).as((named, v) -> {
                Long[] words = zeros();
                long mask = 0;
                for (int bit : named) {
                    mask |= 1L << bit;
                    words[1 + bit] = Double.doubleToRawLongBits(v.get(bit));
                }
                words[0] = mask;
                return List.of(words);
            });
        }
        return Arbitraries.just(List.of(zeros()));
    }

    private static Long[] zeros() {
        Long[] words = new Long[PAYLOAD_LONGS];
        java.util.Arrays.fill(words, 0L);
        return words;
    }

    /** Mostly within 10 % of the field's range (its edges included), sometimes NaN, an infinity or an extreme. */
    private static Arbitrary<Double> nearRange(SettingsValidator.Limit limit) {
        double margin = 0.1 * (limit.max() - limit.min());
        double low = limit.min() - margin;
        double span = limit.max() - limit.min() + 2 * margin;
        return Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.doubles().between(0, 1).ofScale(9).map(u -> low + u * span)),
            Tuple.of(1, Arbitraries.of(limit.min(), limit.max(), Math.nextDown(limit.min()), Math.nextUp(limit.max()))),
            Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                Double.MAX_VALUE, Double.MIN_VALUE)));
    }

    private static Arbitrary<Long> rawPayloadWord() {
        return Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just(0L)),
            Tuple.of(2, Arbitraries.longs().between(0, (1 << 14) - 1)),
            Tuple.of(3, Arbitraries.doubles().between(-10, 200).map(Double::doubleToRawLongBits)),
            Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                Double.MAX_VALUE).map(Double::doubleToRawLongBits)),
            Tuple.of(1, Arbitraries.longs()));
    }

    private static Arbitrary<Integer> rawKinds() {
        return Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.integers().between(1, 4)),
            Tuple.of(1, Arbitraries.integers().between(-1, 7)),
            Tuple.of(1, Arbitraries.integers()));
    }

    private static Arbitrary<Integer> rawLengths() {
        return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of(0, OperatorCommandCodec.LIMITS_PAYLOAD_LONGS, OperatorCommandCodec.SETTINGS_PAYLOAD_LONGS)),
            Tuple.of(1, Arbitraries.integers().between(-2, PAYLOAD_LONGS + 3)),
            Tuple.of(1, Arbitraries.integers()));
    }
}
