package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.alarm.AlarmPriority.HIGH;
import static org.pneuma.safety.alarm.AlarmPriority.LOW;
import static org.pneuma.safety.alarm.AlarmPriority.MEDIUM;
import static org.pneuma.safety.alarm.AlarmSignalGenerator.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pneuma.hal.Clock;
import org.pneuma.hal.Indicator;
import org.pneuma.hal.Indicator.LampColour;
import org.pneuma.hal.Sounder;

/**
 * The sounder and light patterns of IEC 60601-1-8, checked edge by edge to the millisecond: the
 * generator is stepped every simulated millisecond and every call it makes to the sounder and the
 * light is recorded with the clock's time. Each timing is checked twice: inside the range the standard
 * allows, and equal to the constant documented in {@link AlarmSignalGenerator}.
 *
 * <p>The recorders here stand in for the plant's {@code SimulatedSounder} and {@code SimulatedIndicator}
 * (the safety module may not see the plant); unlike those they keep every call, not only the edges, so
 * that a call repeating the current state is caught.
 */
class AlarmSignalGeneratorTest {
    private static final long NS_PER_MS = 1_000_000L;

    /** A call to the sounder at {@code atMs}. */
    record SoundCall(long atMs, boolean on) {
    }

    /** A call to the light at {@code atMs}. */
    record LightCall(long atMs, LampColour colour) {
    }

    /** An interval during which an output was on (or showed one colour): [startMs, endMs). */
    record OnInterval(long startMs, long endMs) {
        long lengthMs() {
            return endMs - startMs;
        }
    }

    /** The generator on a 1 ms tick, with a fake clock and recording ports. */
    static final class Rig {
        long nowMs;
        AlarmPriority audible;
        AlarmPriority visual;
        final List<SoundCall> sound = new ArrayList<>();
        final List<LightCall> light = new ArrayList<>();
        final AlarmSignalGenerator generator;

        Rig() {
            Clock clock = () -> nowMs * NS_PER_MS;
            Sounder sounder = on -> sound.add(new SoundCall(toMs(clock.nanoTime()), on));
            Indicator indicator = colour -> light.add(new LightCall(toMs(clock.nanoTime()), colour));
            generator = new AlarmSignalGenerator(sounder, indicator);
        }

        private static long toMs(long ns) {
            assertThat(ns % NS_PER_MS).as("an edge off the millisecond grid").isZero();
            return ns / NS_PER_MS;
        }

        /** From the next step on, these priorities sound and show. */
        Rig play(AlarmPriority audible, AlarmPriority visual) {
            this.audible = audible;
            this.visual = visual;
            return this;
        }

        /** Steps every millisecond up to, not including, {@code endMs}. */
        Rig runUntilMs(long endMs) {
            while (nowMs < endMs) {
                generator.step(nowMs * NS_PER_MS, audible, visual);
                nowMs++;
            }
            return this;
        }

        /** Steps once, at {@code atMs}, after a gap in the ticks. */
        Rig stepOnceAtMs(long atMs) {
            nowMs = atMs;
            generator.step(nowMs * NS_PER_MS, audible, visual);
            nowMs++;
            return this;
        }

        /** Completed pulses that start at or after {@code fromMs}. */
        List<OnInterval> pulsesFromMs(long fromMs) {
            List<OnInterval> pulses = new ArrayList<>();
            long startMs = -1;
            for (SoundCall call : sound) {
                if (call.on()) {
                    startMs = call.atMs();
                } else if (startMs >= 0) {
                    if (startMs >= fromMs) pulses.add(new OnInterval(startMs, call.atMs()));
                    startMs = -1;
                }
            }
            return pulses;
        }

        List<OnInterval> pulses() {
            return pulsesFromMs(0);
        }

        /** Completed intervals showing {@code colour} that start at or after {@code fromMs}. */
        List<OnInterval> flashesFromMs(LampColour colour, long fromMs) {
            List<OnInterval> flashes = new ArrayList<>();
            long startMs = -1;
            for (LightCall call : light) {
                if (startMs >= 0) {
                    if (startMs >= fromMs) flashes.add(new OnInterval(startMs, call.atMs()));
                    startMs = -1;
                }
                if (call.colour() == colour) startMs = call.atMs();
            }
            return flashes;
        }

        boolean soundsAnyPulseFromMs(long fromMs) {
            return sound.stream().anyMatch(call -> call.on() && call.atMs() >= fromMs);
        }
    }

    /** Splits pulses into groups wherever the silence between two exceeds {@code maxSpacingMs}. */
    static List<List<OnInterval>> groups(List<OnInterval> pulses, long maxSpacingMs) {
        List<List<OnInterval>> groups = new ArrayList<>();
        List<OnInterval> group = null;
        for (int i = 0; i < pulses.size(); i++) {
            if (group == null || pulses.get(i).startMs() - pulses.get(i - 1).endMs() > maxSpacingMs) {
                group = new ArrayList<>();
                groups.add(group);
            }
            group.add(pulses.get(i));
        }
        return groups;
    }

    static List<Long> spacingsMs(List<OnInterval> pulses) {
        List<Long> spacings = new ArrayList<>();
        for (int i = 1; i < pulses.size(); i++) spacings.add(pulses.get(i).startMs() - pulses.get(i - 1).endMs());
        return spacings;
    }

    static List<Long> startToStartMs(List<OnInterval> intervals) {
        List<Long> periods = new ArrayList<>();
        for (int i = 1; i < intervals.size(); i++) periods.add(intervals.get(i).startMs() - intervals.get(i - 1).startMs());
        return periods;
    }

    static List<Integer> sizes(List<List<OnInterval>> groups) {
        return groups.stream().map(List::size).toList();
    }

    /** IEC 60601-1-8's HIGH burst: the nine spacings between its ten pulses, as documented. */
    static final List<Long> HIGH_SPACINGS_MS = List.of(
            (long) HIGH_PULSE_SPACING_MS, (long) HIGH_PULSE_SPACING_MS, (long) HIGH_THIRD_TO_FOURTH_MS,
            (long) HIGH_PULSE_SPACING_MS, (long) HIGH_FIFTH_TO_SIXTH_MS,
            (long) HIGH_PULSE_SPACING_MS, (long) HIGH_PULSE_SPACING_MS, (long) HIGH_THIRD_TO_FOURTH_MS,
            (long) HIGH_PULSE_SPACING_MS);
    /** Longer than any silence inside a HIGH burst (IEC: 5th to 6th at most 1.30 s), shorter than between bursts. */
    static final long HIGH_BURST_SEPARATION_MS = 1_300;
    /** Longer than the MEDIUM and LOW pulse spacing (IEC: at most 250 ms), shorter than between bursts. */
    static final long MEDIUM_BURST_SEPARATION_MS = 250;

    /** Checks that {@code pulses}, starting at {@code startMs}, are whole HIGH bursts played to the documented schedule. */
    static void assertHighBursts(List<OnInterval> pulses, long startMs, int bursts) {
        List<List<OnInterval>> played = groups(pulses, HIGH_BURST_SEPARATION_MS);
        assertThat(sizes(played)).as("pulses per burst").containsOnly(HIGH_PULSES).hasSize(bursts);
        for (List<OnInterval> burst : played) {
            assertThat(sizes(groups(burst, HIGH_PULSE_SPACING_MS))).as("groups").containsExactly(3, 2, 3, 2);
            assertThat(spacingsMs(burst)).as("spacings").isEqualTo(HIGH_SPACINGS_MS);
            assertThat(burst).extracting(OnInterval::lengthMs).as("pulse durations").containsOnly((long) HIGH_PULSE_MS);
        }
        assertThat(played.getFirst().getFirst().startMs()).as("first pulse").isEqualTo(startMs);
        assertThat(startToStartMs(played.stream().map(List::getFirst).toList()))
                .as("burst start to start").containsOnly((long) HIGH_BURST_REPEAT_MS);
    }

    @Nested
    class HighPriority {
        final Rig rig = new Rig().play(HIGH, HIGH).runUntilMs(4 * HIGH_BURST_REPEAT_MS);

        @Test
        void soundsTenPulsesGroupedThreePlusTwoPauseThreePlusTwoInEveryBurst() {
            List<List<OnInterval>> bursts = groups(rig.pulses(), HIGH_BURST_SEPARATION_MS);

            assertThat(bursts).hasSize(4);
            for (List<OnInterval> burst : bursts) {
                assertThat(burst).hasSize(10);
                assertThat(sizes(groups(burst, HIGH_PULSE_SPACING_MS))).containsExactly(3, 2, 3, 2);
                // The pause (5th to 6th) is the longest silence in the burst: it splits 3+2 from 3+2.
                List<Long> spacings = spacingsMs(burst);
                assertThat(spacings.indexOf(spacings.stream().max(Long::compare).orElseThrow())).isEqualTo(4);
            }
        }

        @Test
        void everyPulseLastsTheDocumentedHundredAndFiftyMsWithinSeventyFiveToTwoHundred() {
            List<OnInterval> pulses = rig.pulses();

            assertThat(pulses).hasSize(40);
            assertThat(pulses).extracting(OnInterval::lengthMs).allSatisfy(ms -> assertThat(ms).isBetween(75L, 200L))
                    .containsOnly(150L).containsOnly((long) HIGH_PULSE_MS);
        }

        @Test
        void pulsesInsideAGroupAreSpacedTheDocumentedHundredMsWithinFiftyToHundredAndTwentyFive() {
            for (List<OnInterval> burst : groups(rig.pulses(), HIGH_BURST_SEPARATION_MS)) {
                for (List<OnInterval> group : groups(burst, HIGH_PULSE_SPACING_MS)) {
                    assertThat(spacingsMs(group)).allSatisfy(ms -> assertThat(ms).isBetween(50L, 125L))
                            .containsOnly(100L).containsOnly((long) HIGH_PULSE_SPACING_MS);
                }
            }
        }

        @Test
        void theThirdAndFourthPulsesAndTheEighthAndNinthAreSpacedTwiceTheSpacingPlusAPulse() {
            for (List<OnInterval> burst : groups(rig.pulses(), HIGH_BURST_SEPARATION_MS)) {
                List<Long> spacings = spacingsMs(burst);
                long iecMs = 2L * HIGH_PULSE_SPACING_MS + HIGH_PULSE_MS;
                assertThat(spacings.get(2)).as("3rd to 4th").isEqualTo(iecMs).isEqualTo(350L).isEqualTo(HIGH_THIRD_TO_FOURTH_MS);
                assertThat(spacings.get(7)).as("8th to 9th").isEqualTo(iecMs).isEqualTo(350L);
            }
        }

        @Test
        void theFifthAndSixthPulsesAreSpacedTheDocumentedSevenHundredMsWithinThreeHundredFiftyToThirteenHundred() {
            for (List<OnInterval> burst : groups(rig.pulses(), HIGH_BURST_SEPARATION_MS)) {
                assertThat(spacingsMs(burst).get(4)).isBetween(350L, 1_300L).isEqualTo(700L).isEqualTo(HIGH_FIFTH_TO_SIXTH_MS);
            }
        }

        @Test
        void burstsRepeatEveryDocumentedEightSecondsStartToStartWithinTwoAndAHalfToFifteen() {
            List<List<OnInterval>> bursts = groups(rig.pulses(), HIGH_BURST_SEPARATION_MS);

            assertThat(startToStartMs(bursts.stream().map(List::getFirst).toList()))
                    .hasSize(3).allSatisfy(ms -> assertThat(ms).isBetween(2_500L, 15_000L))
                    .containsOnly(8_000L).containsOnly((long) HIGH_BURST_REPEAT_MS);
            for (int i = 1; i < bursts.size(); i++) {
                long endToStartMs = bursts.get(i).getFirst().startMs() - bursts.get(i - 1).getLast().endMs();
                assertThat(endToStartMs).as("silence between bursts, measured end to start").isBetween(2_500L, 15_000L)
                        .isEqualTo(4_500L);
            }
        }

        @Test
        void theFirstPulseStartsInTheStepThatRaisesThePriority() {
            assertThat(rig.sound.getFirst()).isEqualTo(new SoundCall(0, true));
            assertThat(rig.pulses().getFirst()).isEqualTo(new OnInterval(0, 150));
            assertThat(rig.pulses().get(9)).as("the tenth pulse").isEqualTo(new OnInterval(3_350, 3_500));
            assertThat(rig.pulses().get(10)).as("the next burst").isEqualTo(new OnInterval(8_000, 8_150));
        }

        @Test
        void theLightFlashesRedAtTheDocumentedTwoHertzAndHalfDutyWithinIecLimits() {
            List<OnInterval> flashes = rig.flashesFromMs(LampColour.RED, 0);

            assertThat(rig.light.getFirst()).isEqualTo(new LightCall(0, LampColour.RED));
            assertThat(rig.light).extracting(LightCall::colour).containsOnly(LampColour.RED, LampColour.OFF);
            assertThat(flashes).hasSize(4 * HIGH_BURST_REPEAT_MS / HIGH_FLASH_PERIOD_MS);
            for (long periodMs : startToStartMs(flashes)) {
                assertThat(1_000.0 / periodMs).as("Hz").isBetween(1.4, 2.8).isEqualTo(2.0);
                assertThat(periodMs).isEqualTo(HIGH_FLASH_PERIOD_MS);
            }
            for (OnInterval flash : flashes) {
                assertThat((double) flash.lengthMs() / HIGH_FLASH_PERIOD_MS).as("duty").isBetween(0.2, 0.6).isEqualTo(0.5);
                assertThat(flash.lengthMs()).isEqualTo(HIGH_FLASH_ON_MS);
            }
        }
    }

    @Nested
    class MediumPriority {
        final Rig rig = new Rig().play(MEDIUM, MEDIUM).runUntilMs(4 * MEDIUM_BURST_REPEAT_MS);

        @Test
        void soundsThreePulsesOfTheDocumentedTwoHundredMsWithinHundredTwentyFiveToTwoHundredFifty() {
            List<List<OnInterval>> bursts = groups(rig.pulses(), MEDIUM_BURST_SEPARATION_MS);

            assertThat(sizes(bursts)).containsExactly(3, 3, 3, 3).containsOnly(MEDIUM_PULSES);
            assertThat(rig.pulses()).extracting(OnInterval::lengthMs).allSatisfy(ms -> assertThat(ms).isBetween(125L, 250L))
                    .containsOnly(200L).containsOnly((long) MEDIUM_PULSE_MS);
        }

        @Test
        void spacesItsPulsesTheDocumentedTwoHundredMsWithinHundredTwentyFiveToTwoHundredFifty() {
            for (List<OnInterval> burst : groups(rig.pulses(), MEDIUM_BURST_SEPARATION_MS)) {
                assertThat(spacingsMs(burst)).hasSize(2).allSatisfy(ms -> assertThat(ms).isBetween(125L, 250L))
                        .containsOnly(200L).containsOnly((long) MEDIUM_PULSE_SPACING_MS);
            }
        }

        @Test
        void repeatsEveryDocumentedFifteenSecondsStartToStartWithinTwoAndAHalfToThirty() {
            List<List<OnInterval>> bursts = groups(rig.pulses(), MEDIUM_BURST_SEPARATION_MS);

            assertThat(bursts.getFirst().getFirst()).isEqualTo(new OnInterval(0, 200));
            assertThat(startToStartMs(bursts.stream().map(List::getFirst).toList()))
                    .hasSize(3).allSatisfy(ms -> assertThat(ms).isBetween(2_500L, 30_000L))
                    .containsOnly(15_000L).containsOnly((long) MEDIUM_BURST_REPEAT_MS);
            for (int i = 1; i < bursts.size(); i++) {
                long endToStartMs = bursts.get(i).getFirst().startMs() - bursts.get(i - 1).getLast().endMs();
                assertThat(endToStartMs).as("silence between bursts, measured end to start").isBetween(2_500L, 30_000L)
                        .isEqualTo(14_000L);
            }
        }

        @Test
        void theLightFlashesYellowAtTheDocumentedHalfHertzAndHalfDutyWithinIecLimits() {
            List<OnInterval> flashes = rig.flashesFromMs(LampColour.YELLOW, 0);

            assertThat(rig.light.getFirst()).isEqualTo(new LightCall(0, LampColour.YELLOW));
            assertThat(rig.light).extracting(LightCall::colour).containsOnly(LampColour.YELLOW, LampColour.OFF);
            assertThat(flashes).hasSize(4 * MEDIUM_BURST_REPEAT_MS / MEDIUM_FLASH_PERIOD_MS);
            for (long periodMs : startToStartMs(flashes)) {
                assertThat(1_000.0 / periodMs).as("Hz").isBetween(0.4, 0.8).isEqualTo(0.5);
                assertThat(periodMs).isEqualTo(MEDIUM_FLASH_PERIOD_MS);
            }
            for (OnInterval flash : flashes) {
                assertThat((double) flash.lengthMs() / MEDIUM_FLASH_PERIOD_MS).as("duty").isBetween(0.2, 0.6).isEqualTo(0.5);
                assertThat(flash.lengthMs()).isEqualTo(MEDIUM_FLASH_ON_MS);
            }
        }
    }

    @Nested
    class LowPriority {
        final Rig rig = new Rig().play(LOW, LOW).runUntilMs(60_000);

        @Test
        void soundsTwoPulsesOfTheDocumentedTwoHundredMsSpacedTwoHundredMsOnceAndNeverRepeats() {
            List<OnInterval> pulses = rig.pulses();

            assertThat(pulses).hasSize(LOW_PULSES).hasSizeBetween(1, 2)
                    .containsExactly(new OnInterval(0, 200), new OnInterval(400, 600));
            assertThat(pulses).extracting(OnInterval::lengthMs).allSatisfy(ms -> assertThat(ms).isBetween(125L, 250L))
                    .containsOnly((long) LOW_PULSE_MS);
            assertThat(spacingsMs(pulses)).allSatisfy(ms -> assertThat(ms).isBetween(125L, 250L))
                    .containsOnly((long) LOW_PULSE_SPACING_MS);
            assertThat(rig.sound.getLast()).as("silent for the rest of the minute").isEqualTo(new SoundCall(600, false));
        }

        @Test
        void theLightShowsSteadyCyan() {
            assertThat(rig.light).containsExactly(new LightCall(0, LampColour.CYAN));
        }
    }

    @Nested
    class Escalation {

        @Test
        void mediumToHighDuringAMediumPulseEndsItAtOnceAndStartsTheHighBurstOneHighSpacingLater() {
            Rig rig = new Rig().play(MEDIUM, MEDIUM).runUntilMs(450).play(HIGH, HIGH).runUntilMs(450 + 3 * HIGH_BURST_REPEAT_MS);

            assertThat(rig.pulses().subList(0, 2)).as("the medium pulses, the second cut short")
                    .containsExactly(new OnInterval(0, 200), new OnInterval(400, 450));
            assertHighBursts(rig.pulsesFromMs(450), 450 + HIGH_PULSE_SPACING_MS, 3);
        }

        @Test
        void mediumToHighBetweenMediumPulsesStartsTheHighBurstInTheSameStep() {
            Rig rig = new Rig().play(MEDIUM, MEDIUM).runUntilMs(300).play(HIGH, HIGH).runUntilMs(300 + 2 * HIGH_BURST_REPEAT_MS);

            assertThat(rig.pulses().getFirst()).isEqualTo(new OnInterval(0, 200));
            assertHighBursts(rig.pulsesFromMs(300), 300, 2);
        }

        @Test
        void mediumToHighAfterTheMediumBurstStartsTheHighBurstInTheSameStep() {
            Rig rig = new Rig().play(MEDIUM, MEDIUM).runUntilMs(5_000).play(HIGH, HIGH).runUntilMs(5_000 + 2 * HIGH_BURST_REPEAT_MS);

            assertThat(rig.pulses().subList(0, 3)).extracting(OnInterval::startMs).containsExactly(0L, 400L, 800L);
            assertHighBursts(rig.pulsesFromMs(5_000), 5_000, 2);
        }

        @Test
        void theLightTurnsFromDarkYellowToRedInTheSameStepAndFlashesAtTheHighRateFromThere() {
            Rig rig = new Rig().play(MEDIUM, MEDIUM).runUntilMs(1_500).play(MEDIUM, HIGH).runUntilMs(4_000);

            assertThat(rig.light.subList(0, 3)).containsExactly(
                    new LightCall(0, LampColour.YELLOW), new LightCall(1_000, LampColour.OFF), new LightCall(1_500, LampColour.RED));
            List<OnInterval> red = rig.flashesFromMs(LampColour.RED, 0);
            assertThat(red).extracting(OnInterval::startMs).containsExactly(1_500L, 2_000L, 2_500L, 3_000L, 3_500L);
            assertThat(red).extracting(OnInterval::lengthMs).containsOnly((long) HIGH_FLASH_ON_MS);
        }

        @Test
        void aHigherVisualPriorityDuringAYellowFlashReplacesTheColourInTheSameStep() {
            Rig rig = new Rig().play(null, MEDIUM).runUntilMs(500).play(null, HIGH).runUntilMs(1_000);

            assertThat(rig.light).containsExactly(
                    new LightCall(0, LampColour.YELLOW), new LightCall(500, LampColour.RED), new LightCall(750, LampColour.OFF));
        }

        @Test
        void aHighAlarmRaisedWhileTheLowPairPlaysStartsTheHighBurstAtOnce() {
            Rig rig = new Rig().play(LOW, LOW).runUntilMs(100).play(HIGH, HIGH).runUntilMs(100 + 2 * HIGH_BURST_REPEAT_MS);

            assertThat(rig.pulses().getFirst()).isEqualTo(new OnInterval(0, 100));
            assertHighBursts(rig.pulsesFromMs(100), 100 + HIGH_PULSE_SPACING_MS, 2);
            assertThat(rig.light.subList(0, 2)).containsExactly(new LightCall(0, LampColour.CYAN), new LightCall(100, LampColour.RED));
        }
    }

    @Nested
    class Silence {

        @Test
        void aSilencedHighAlarmFlashesRedWhileTheSounderStaysSilent() {
            Rig rig = new Rig().play(null, HIGH).runUntilMs(20_000);

            assertThat(rig.sound).as("only the first step's write").containsExactly(new SoundCall(0, false));
            List<OnInterval> red = rig.flashesFromMs(LampColour.RED, 0);
            assertThat(red).hasSize(40);
            assertThat(startToStartMs(red)).containsOnly((long) HIGH_FLASH_PERIOD_MS);
            assertThat(red).extracting(OnInterval::lengthMs).containsOnly((long) HIGH_FLASH_ON_MS);
        }

        @Test
        void silencingDuringAPulseEndsItInTheSameStepAndLeavesTheFlashingUntouched() {
            Rig rig = new Rig().play(HIGH, HIGH).runUntilMs(60).play(null, HIGH).runUntilMs(30_000);

            assertThat(rig.sound).containsExactly(new SoundCall(0, true), new SoundCall(60, false));
            assertThat(rig.flashesFromMs(LampColour.RED, 0)).extracting(OnInterval::startMs)
                    .startsWith(0L, 500L, 1_000L).hasSize(60);
        }

        @Test
        void soundComingBackAfterSilenceStartsTheBurstFromItsFirstPulse() {
            Rig rig = new Rig().play(HIGH, HIGH).runUntilMs(1_300).play(null, HIGH).runUntilMs(5_001)
                    .play(HIGH, HIGH).runUntilMs(5_001 + 2 * HIGH_BURST_REPEAT_MS);

            assertThat(rig.pulses().get(3)).as("the fourth pulse").isEqualTo(new OnInterval(1_000, 1_150));
            assertThat(rig.pulses().get(4)).as("the fifth pulse, silenced mid-way").isEqualTo(new OnInterval(1_250, 1_300));
            assertHighBursts(rig.pulsesFromMs(5_001), 5_001, 2);
        }
    }

    @Nested
    class DeEscalation {

        @Test
        void highToMediumDuringAHighPulseEndsItAtOnceAndStartsTheMediumBurstOneMediumSpacingLater() {
            Rig rig = new Rig().play(HIGH, HIGH).runUntilMs(1_050).play(MEDIUM, MEDIUM).runUntilMs(1_050 + 3 * MEDIUM_BURST_REPEAT_MS);

            assertThat(rig.pulses().get(3)).as("the fourth high pulse, cut short").isEqualTo(new OnInterval(1_000, 1_050));
            List<OnInterval> medium = rig.pulsesFromMs(1_050);
            long firstMs = 1_050 + MEDIUM_PULSE_SPACING_MS;
            assertThat(medium).hasSize(9).first().isEqualTo(new OnInterval(firstMs, firstMs + MEDIUM_PULSE_MS));
            assertThat(sizes(groups(medium, MEDIUM_BURST_SEPARATION_MS))).containsExactly(3, 3, 3);
            assertThat(medium).extracting(OnInterval::lengthMs).containsOnly((long) MEDIUM_PULSE_MS);
            assertThat(startToStartMs(groups(medium, MEDIUM_BURST_SEPARATION_MS).stream().map(List::getFirst).toList()))
                    .containsOnly((long) MEDIUM_BURST_REPEAT_MS);
        }

        @Test
        void highToMediumBetweenBurstsStartsTheMediumBurstInTheSameStep() {
            Rig rig = new Rig().play(HIGH, HIGH).runUntilMs(5_000).play(MEDIUM, MEDIUM).runUntilMs(5_000 + MEDIUM_BURST_REPEAT_MS + MEDIUM_PULSE_MS + 1);

            List<OnInterval> medium = rig.pulsesFromMs(5_000);
            assertThat(medium).extracting(OnInterval::startMs).containsExactly(5_000L, 5_400L, 5_800L, 20_000L);
            assertThat(rig.flashesFromMs(LampColour.YELLOW, 0)).first().isEqualTo(new OnInterval(5_000, 6_000));
        }

        @Test
        void highToLowPlaysTheLowPairOnceAndShowsSteadyCyan() {
            Rig rig = new Rig().play(HIGH, HIGH).runUntilMs(4_000).play(LOW, LOW).runUntilMs(64_000);

            assertThat(rig.pulsesFromMs(4_000)).containsExactly(new OnInterval(4_000, 4_200), new OnInterval(4_400, 4_600));
            assertThat(rig.light.getLast()).isEqualTo(new LightCall(4_000, LampColour.CYAN));
        }

        @Test
        void aClearedVisualPriorityDarkensTheLightInTheSameStepAndKeepsItDark() {
            Rig rig = new Rig().play(HIGH, HIGH).runUntilMs(100).play(HIGH, null).runUntilMs(HIGH_BURST_REPEAT_MS);

            assertThat(rig.light).containsExactly(new LightCall(0, LampColour.RED), new LightCall(100, LampColour.OFF));
            assertThat(rig.pulses()).hasSize(10);
        }

        @Test
        void nothingToSoundOrShowLeavesBothOutputsOffAfterTheFirstStepsWrite() {
            Rig rig = new Rig().play(null, null).runUntilMs(10_000);

            assertThat(rig.sound).containsExactly(new SoundCall(0, false));
            assertThat(rig.light).containsExactly(new LightCall(0, LampColour.OFF));
        }
    }

    @Nested
    class Outputs {

        @Test
        void callsTheSounderAndTheLightOnlyWhenWhatTheyShouldDoChanges() {
            Rig rig = new Rig();
            AlarmPriority[] sequence = {null, LOW, MEDIUM, HIGH, MEDIUM, null, HIGH, LOW, HIGH};
            for (int i = 0; i < sequence.length; i++) {
                rig.play(sequence[i], sequence[(i + 3) % sequence.length]).runUntilMs((i + 1) * 3_777L);
            }

            assertThat(rig.sound.size()).isGreaterThan(40);
            for (int i = 1; i < rig.sound.size(); i++) {
                assertThat(rig.sound.get(i).on()).as("sound call %d", i).isNotEqualTo(rig.sound.get(i - 1).on());
            }
            assertThat(rig.light.size()).isGreaterThan(20);
            for (int i = 1; i < rig.light.size(); i++) {
                assertThat(rig.light.get(i).colour()).as("light call %d", i).isNotEqualTo(rig.light.get(i - 1).colour());
            }
        }

        @Test
        void aLateStepFindsThePatternWhereItsScheduleIsWithoutDrift() {
            Rig rig = new Rig().play(HIGH, HIGH).stepOnceAtMs(0)
                    .stepOnceAtMs(HIGH_BURST_REPEAT_MS + 50)   // inside the next burst's first pulse: still on
                    .stepOnceAtMs(HIGH_BURST_REPEAT_MS + 150)  // that pulse's end, exactly
                    .stepOnceAtMs(3_600_000L + 260)            // an hour on, 450 bursts later: the 2nd pulse
                    .stepOnceAtMs(3_600_000L + 420);           // the spacing after it

            assertThat(rig.sound).containsExactly(new SoundCall(0, true), new SoundCall(8_150, false),
                    new SoundCall(3_600_260, true), new SoundCall(3_600_420, false));
        }
    }
}
