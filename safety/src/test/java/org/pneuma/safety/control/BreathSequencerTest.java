package org.pneuma.safety.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.control.BreathSequencer.Transition;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.TriggerType;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * When breaths begin and end. Time is a 1 ms tick grid starting at an arbitrary clock origin; times in
 * the assertions are milliseconds since that origin.
 */
class BreathSequencerTest {
    private static final long ORIGIN_NS = 7_000_123_000_000L;
    private static final long MS = 1_000_000L;
    /** Default flow sensitivity, 2 L/min, is 33.3 mL/s. */
    private static final double STRONG_EFFORT_ML_PER_S = 100;

    /** Defaults are rate 15/min (period 4 s), Ti 1 s, so Te 3 s: refractory 300 ms, first breath at 1 s. */
    private static VentilationSettings settings(Mode mode) {
        return VentilationSettings.DEFAULTS.toBuilder().mode(mode).build();
    }

    @Nested
    class ContinuousMandatoryVentilation {
        @Test
        void startsAMandatoryBreathEverySixtyOverRateSecondsEachLastingTi() {
            Run run = new Run(settings(Mode.PC_CMV));

            run.advanceMs(13_500);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L, 5_000L, 9_000L, 13_000L);
            assertThat(run.timesOf(Transition.EXPIRATION_STARTED)).containsExactly(2_000L, 6_000L, 10_000L);
        }

        @Test
        void followsTheSetRate() {
            Run run = new Run(VentilationSettings.DEFAULTS.toBuilder().mode(Mode.PC_CMV).rate(20).build());

            run.advanceMs(10_000);

            // 60/20 = 3 s period; Te = 2 s, so the first breath still comes after 1 s.
            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L, 4_000L, 7_000L, 10_000L);
        }

        @Test
        void ignoresEvenAStrongPatientFlow() {
            Run run = new Run(settings(Mode.PC_CMV));
            run.patientFlow = 1_000;

            run.advanceMs(10_000);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L, 5_000L, 9_000L);
            assertThat(run.events).noneMatch(Event::patientTriggered);
        }

        @Test
        void ignoresAPressureDropBelowPeep() {
            VentilationSettings s = settings(Mode.VC_CMV);
            Run run = new Run(withTrigger(s, TriggerType.PRESSURE));
            run.pressure = -10;

            run.advanceMs(6_000);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L, 5_000L);
        }

        @Test
        void startsTheFirstBreathAfterTeWhenTeIsShorterThanOneSecond() {
            // rate 30 → period 2 s; Ti 1.5 s → Te 0.5 s
            Run run = new Run(VentilationSettings.DEFAULTS.toBuilder().mode(Mode.PC_CMV).rate(30).ti(1.5).build());

            run.advanceMs(3_000);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(500L, 2_500L);
            assertThat(run.timesOf(Transition.EXPIRATION_STARTED)).containsExactly(2_000L);
        }
    }

    @Nested
    class AssistControlTriggering {
        @Test
        void aFlowEffortAfterTheRefractoryPeriodStartsABreathOnItsThirdTick() {
            Run run = new Run(settings(Mode.PC_AC));
            run.advanceMs(2_000); // mandatory breath 1000–2000 ms, expiration from 2000
            assertThat(run.sequencer.phase()).isEqualTo(BreathPhase.EXPIRATION);

            run.patientFlow = STRONG_EFFORT_ML_PER_S;
            run.advanceMs(400);

            // refractory until 2300; the effort is counted at 2300, 2301, 2302
            Event trigger = run.first(Transition.INSPIRATION_STARTED, 2_001);
            assertThat(trigger.atMs()).isEqualTo(2_302L);
            assertThat(trigger.patientTriggered()).isTrue();
            assertThat(trigger.type()).isEqualTo(BreathType.PRESSURE_CONTROL);
        }

        @Test
        void anEffortInTheFirstSecondDoesNotTriggerTheFirstBreath() {
            Run run = new Run(settings(Mode.PC_AC));
            run.patientFlow = STRONG_EFFORT_ML_PER_S;

            run.advanceMs(1_000);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L);
            assertThat(run.last().patientTriggered()).isFalse();
        }

        @Test
        void anEffortInsideTheRefractoryPeriodIsIgnored() {
            Run run = new Run(settings(Mode.PC_AC));
            run.advanceMs(2_000);

            run.patientFlow = STRONG_EFFORT_ML_PER_S;
            run.advanceMs(299); // up to 2299 ms: still refractory
            run.patientFlow = 0;
            run.advanceMs(3_000);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L, 5_000L);
            assertThat(run.events).noneMatch(Event::patientTriggered);
        }

        @Test
        void theRefractoryPeriodIsHalfTheExpiratoryTimeWhenTeIsShort() {
            // rate 30 → period 2 s; Ti 1.5 s → Te 0.5 s → refractory 250 ms
            Run run = new Run(VentilationSettings.DEFAULTS.toBuilder().mode(Mode.PC_AC).rate(30).ti(1.5).build());
            run.advanceMs(2_000); // breath 500–2000 ms

            run.patientFlow = STRONG_EFFORT_ML_PER_S;
            run.advanceMs(300);

            assertThat(run.first(Transition.INSPIRATION_STARTED, 2_001).atMs()).isEqualTo(2_252L);
        }

        @Test
        void anEffortMustHoldForThreeConsecutiveTicks() {
            Run run = new Run(settings(Mode.PC_AC));
            run.advanceMs(2_400); // well past the refractory period

            for (int i = 0; i < 100; i++) { // two ticks above sensitivity, one below: noise, not an effort
                run.patientFlow = STRONG_EFFORT_ML_PER_S;
                run.advanceMs(2);
                run.patientFlow = 0;
                run.advanceMs(1);
            }
            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L);

            run.patientFlow = STRONG_EFFORT_ML_PER_S;
            run.advanceMs(3);
            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L, 2_703L);
        }

        @Test
        void aFlowAtOrBelowTheSensitivityIsNoEffort() {
            Run run = new Run(settings(Mode.PC_AC));
            run.advanceMs(2_000);

            run.patientFlow = 2.0 * 1000 / 60; // exactly 2 L/min
            run.advanceMs(2_500);

            assertThat(run.events).noneMatch(Event::patientTriggered);

            run.patientFlow = 2.0 * 1000 / 60 + 0.5;
            run.advanceMs(3);
            assertThat(run.last().patientTriggered()).isTrue();
        }

        @Test
        void aPressureTriggerNeedsThePressureStrictlyBelowPeepMinusSensitivity() {
            // PEEP 5, sensitivity 2 cmH2O → a pressure below 3 cmH2O
            Run run = new Run(withTrigger(settings(Mode.PC_AC), TriggerType.PRESSURE));
            run.advanceMs(2_000);

            run.pressure = 3.0;
            run.patientFlow = STRONG_EFFORT_ML_PER_S; // a flow does not count with a pressure trigger
            run.advanceMs(2_500);
            assertThat(run.events).noneMatch(Event::patientTriggered);

            run.pressure = 2.9;
            run.advanceMs(3);
            Event trigger = run.last();
            assertThat(trigger.transition()).isEqualTo(Transition.INSPIRATION_STARTED);
            assertThat(trigger.patientTriggered()).isTrue();
            assertThat(trigger.atMs()).isEqualTo(4_503L);
        }

        @Test
        void aPressureEffortAfterTheRefractoryPeriodStartsABreath() {
            Run run = new Run(withTrigger(settings(Mode.VC_AC), TriggerType.PRESSURE));
            run.advanceMs(2_000);

            run.pressure = 1.0;
            run.advanceMs(400);

            Event trigger = run.first(Transition.INSPIRATION_STARTED, 2_001);
            assertThat(trigger.atMs()).isEqualTo(2_302L);
            assertThat(trigger.type()).isEqualTo(BreathType.VOLUME_CONTROL);
        }

        @Test
        void theNextMandatoryBreathComesOnePeriodAfterTheTriggeredOne() {
            Run run = new Run(settings(Mode.PC_AC));
            run.advanceMs(2_000);
            run.patientFlow = STRONG_EFFORT_ML_PER_S;
            run.advanceMs(302); // triggered at 2302
            run.patientFlow = 0;

            run.advanceMs(8_000);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L, 2_302L, 6_302L, 10_302L);
            assertThat(run.timesOf(Transition.EXPIRATION_STARTED)).containsExactly(2_000L, 3_302L, 7_302L);
        }

        @Test
        void anEffortDuringInspirationNeitherEndsNorRestartsTheBreath() {
            Run run = new Run(settings(Mode.PC_AC));
            run.advanceMs(1_100); // inside the first breath
            run.patientFlow = STRONG_EFFORT_ML_PER_S;

            run.advanceMs(899);
            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L);
            assertThat(run.sequencer.phase()).isEqualTo(BreathPhase.INSPIRATION);
            run.advanceMs(1);
            assertThat(run.timesOf(Transition.EXPIRATION_STARTED)).containsExactly(2_000L);
        }
    }

    @Nested
    class TimeCycling {
        @Test
        void aMandatoryBreathIsNotCycledByFallingFlowOrOverpressure() {
            Run run = new Run(settings(Mode.PC_AC));
            run.advanceMs(1_000);

            run.patientFlow = 0;
            run.pressure = 50;
            run.advanceMs(999);
            assertThat(run.sequencer.phase()).isEqualTo(BreathPhase.INSPIRATION);
            run.advanceMs(1);
            assertThat(run.sequencer.phase()).isEqualTo(BreathPhase.EXPIRATION);
        }
    }

    @Nested
    class PressureLimit {
        @ParameterizedTest(name = "{0}")
        @CsvSource({"PC_CMV, 1000", "VC_CMV, 1000"})
        void endsAMandatoryBreathAtOnceWhenThePressureReaches75(Mode mode, long breathStartMs) {
            Run run = new Run(settings(mode));
            run.advanceMs(breathStartMs + 100);
            run.pressure = 74.9;
            run.advanceMs(100);
            assertThat(run.sequencer.phase()).isEqualTo(BreathPhase.INSPIRATION);

            run.pressure = 75;
            run.advanceMs(1);

            assertThat(run.last().transition()).isEqualTo(Transition.EXPIRATION_STARTED);
            assertThat(run.last().atMs()).isEqualTo(breathStartMs + 201);
        }

        @Test
        void endsASupportedBreathEvenInsideItsMinimumDuration() {
            Run run = new Run(settings(Mode.PSV));
            run.patientFlow = STRONG_EFFORT_ML_PER_S;
            run.advanceMs(1_002);
            run.advanceMs(50);

            run.pressure = 80;
            run.advanceMs(1);

            assertThat(run.last().transition()).isEqualTo(Transition.EXPIRATION_STARTED);
            assertThat(run.last().atMs()).isEqualTo(1_053L);
        }
    }

    @Nested
    class PressureSupport {
        /**
         * PSV with PEEP 5, PS 10 (target 15), cycle-off 25 %, apnea 20 s. An effort from the start
         * triggers once the first second is over: counted at 1000, 1001, 1002 ms.
         */
        private Run supportedBreathStarted() {
            Run run = new Run(settings(Mode.PSV));
            run.patientFlow = STRONG_EFFORT_ML_PER_S;
            run.advanceMs(1_002);
            Event trigger = run.last();
            assertThat(trigger.transition()).isEqualTo(Transition.INSPIRATION_STARTED);
            assertThat(trigger.atMs()).isEqualTo(1_002L);
            assertThat(trigger.type()).isEqualTo(BreathType.PRESSURE_SUPPORT);
            assertThat(trigger.patientTriggered()).isTrue();
            run.target = 15;
            run.pressure = 15;
            return run;
        }

        @Test
        void endsWhenPatientFlowFallsToTheCycleOffShareOfItsPeak() {
            Run run = supportedBreathStarted();

            // rises to 600 mL/s at 50 ms, then falls by 1 mL/s per ms: 150 mL/s (25 %) at 500 ms
            long cycledAt = run.inspireWithFlow(t -> t < 50 ? 600.0 * t / 50 : 600.0 - (t - 50), 3_000);

            assertThat(cycledAt).isEqualTo(500L);
        }

        @Test
        void followsTheSetCycleOffPercentage() {
            VentilationSettings.Builder b = settings(Mode.PSV).toBuilder();
            b.cycleOffPct = 50;
            Run run = new Run(b.build());
            run.patientFlow = STRONG_EFFORT_ML_PER_S;
            run.advanceMs(1_002);

            long cycledAt = run.inspireWithFlow(t -> t < 50 ? 600.0 * t / 50 : 600.0 - (t - 50), 3_000);

            assertThat(cycledAt).isEqualTo(350L); // 300 mL/s = 50 % of 600
        }

        @Test
        void lastsAtLeast250MillisecondsEvenIfFlowFallsAtOnce() {
            Run run = supportedBreathStarted();

            long cycledAt = run.inspireWithFlow(t -> t < 20 ? 600.0 : 0.0, 3_000);

            assertThat(cycledAt).isEqualTo(250L);
        }

        @Test
        void endsAfterTwoAndAHalfSecondsIfFlowNeverFalls() {
            Run run = supportedBreathStarted();

            long cycledAt = run.inspireWithFlow(t -> 600.0, 3_000);

            assertThat(cycledAt).isEqualTo(2_500L);
        }

        @Test
        void endsWhenThePatientPushesThePressureMoreThanThreeAboveTarget() {
            Run run = supportedBreathStarted();
            run.pressure = 18.0; // exactly 3 above: not yet
            run.inspireWithFlow(t -> 600.0, 399);
            assertThat(run.sequencer.phase()).isEqualTo(BreathPhase.INSPIRATION);

            run.pressure = 18.1;
            run.advanceMs(1);

            assertThat(run.last().transition()).isEqualTo(Transition.EXPIRATION_STARTED);
            assertThat(run.last().atMs()).isEqualTo(1_002L + 400);
        }

        @Test
        void acceptsNoEffortInTheFirstSecondWhileTheLungFillsToPeep() {
            Run run = new Run(settings(Mode.PSV));
            run.patientFlow = STRONG_EFFORT_ML_PER_S; // the filling flow looks like an effort

            run.advanceMs(1_001);
            assertThat(run.events).isEmpty();
            run.advanceMs(1);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_002L);
        }

        @Test
        void startsNoBreathWithoutAnEffortBeforeTheApneaInterval() {
            Run run = new Run(settings(Mode.PSV));

            run.advanceMs(19_999);

            assertThat(run.events).isEmpty();
        }

        @Test
        void entersBackupAfterApneaWithoutABreathAndVentilatesAtTheSetRate() {
            Run run = new Run(settings(Mode.PSV));

            run.advanceMs(30_000);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(20_000L, 24_000L, 28_000L);
            assertThat(run.timesOf(Transition.EXPIRATION_STARTED)).containsExactly(21_000L, 25_000L, 29_000L);
            assertThat(run.events).allSatisfy(e -> {
                assertThat(e.backup()).isTrue();
                assertThat(e.type()).isEqualTo(BreathType.PRESSURE_CONTROL);
                assertThat(e.patientTriggered()).isFalse();
            });
            assertThat(run.sequencer.backup()).isTrue();
        }

        @Test
        void measuresApneaFromTheStartOfTheLastBreath() {
            Run run = supportedBreathStarted(); // at 1002 ms
            run.inspireWithFlow(t -> 0.0, 3_000);

            run.advanceMs(25_000);

            assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).startsWith(1_002L, 21_002L);
        }

        @Test
        void leavesBackupOnTheNextPatientTrigger() {
            Run run = new Run(settings(Mode.PSV));
            run.advanceMs(25_500); // backup breaths at 20 and 24 s; expiration since 25 s

            run.patientFlow = STRONG_EFFORT_ML_PER_S;
            run.advanceMs(2);
            assertThat(run.sequencer.backup()).isTrue();
            run.advanceMs(1);

            Event trigger = run.last();
            assertThat(trigger.atMs()).isEqualTo(25_503L);
            assertThat(trigger.type()).isEqualTo(BreathType.PRESSURE_SUPPORT);
            assertThat(trigger.backup()).isFalse();
            assertThat(run.sequencer.backup()).isFalse();

            // no backup breath at 28 s or 29.5 s: the next comes a whole apnea interval after the trigger
            run.inspireWithFlow(t -> 0.0, 3_000);
            run.advanceMs(20_000);
            assertThat(run.timesOf(Transition.INSPIRATION_STARTED))
                    .containsExactly(20_000L, 24_000L, 25_503L, 45_503L);
            assertThat(run.first(Transition.INSPIRATION_STARTED, 45_000).backup()).isTrue();
        }

        @Test
        void leavingPsvDuringBackupEndsBackup() {
            Run run = new Run(settings(Mode.PSV));
            run.advanceMs(21_000);
            assertThat(run.sequencer.backup()).isTrue();

            run.settings = settings(Mode.PC_CMV);
            run.advanceMs(4_000);

            Event cmvBreath = run.first(Transition.INSPIRATION_STARTED, 21_001);
            assertThat(cmvBreath.backup()).as("a PC-CMV breath is no apnea backup").isFalse();
            assertThat(run.sequencer.backup()).isFalse();
        }
    }

    /** A property, so it lives outside the nested groups (jqwik does not run JUnit's nested classes). */
    @Property(tries = 200)
    void aTimeCycledBreathEndsExactlyAtTi(@ForAll @IntRange(min = 100, max = 4_000) int tiMs,
                                          @ForAll boolean volumeControl) {
        // rate 10 → period 6 s leaves at least 2 s of expiration
        VentilationSettings s = VentilationSettings.DEFAULTS.toBuilder()
                .mode(volumeControl ? Mode.VC_CMV : Mode.PC_CMV).rate(10).ti(tiMs / 1000.0).build();
        Run run = new Run(s);

        run.advanceMs(1_000 + tiMs + 5);

        assertThat(run.timesOf(Transition.INSPIRATION_STARTED)).containsExactly(1_000L);
        assertThat(run.timesOf(Transition.EXPIRATION_STARTED)).containsExactly(1_000L + tiMs);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "PC_CMV, PRESSURE_CONTROL, 1000",
            "PC_AC, PRESSURE_CONTROL, 1000",
            "VC_CMV, VOLUME_CONTROL, 1000",
            "VC_AC, VOLUME_CONTROL, 1000",
            "PSV, PRESSURE_CONTROL, 20000"})
    void theMandatoryBreathTypeFollowsTheMode(Mode mode, BreathType expected, long firstBreathMs) {
        Run run = new Run(settings(mode));

        run.advanceMs(firstBreathMs);

        assertThat(run.last().atMs()).isEqualTo(firstBreathMs);
        assertThat(run.last().type()).isEqualTo(expected);
        assertThat(run.sequencer.breathType()).isEqualTo(expected);
    }

    @Test
    void reportsThePhaseAndWhenItStarted() {
        Run run = new Run(settings(Mode.PC_CMV));
        assertThat(run.sequencer.phase()).isEqualTo(BreathPhase.EXPIRATION);

        run.advanceMs(1_500);

        assertThat(run.sequencer.phase()).isEqualTo(BreathPhase.INSPIRATION);
        assertThat(run.sequencer.phaseStartNs()).isEqualTo(ORIGIN_NS + 1_000 * MS);
    }

    private static VentilationSettings withTrigger(VentilationSettings s, TriggerType trigger) {
        VentilationSettings.Builder b = s.toBuilder();
        b.trigger = trigger;
        return b.build();
    }

    record Event(long atMs, Transition transition, BreathType type, boolean patientTriggered, boolean backup) {
    }

    /** Drives one sequencer on a 1 ms grid; the first step is at the clock origin. */
    static final class Run {
        final BreathSequencer sequencer = new BreathSequencer();
        final List<Event> events = new ArrayList<>();
        VentilationSettings settings;
        long nowNs = ORIGIN_NS;
        double patientFlow;
        double pressure;
        double target;

        Run(VentilationSettings settings) {
            this.settings = settings;
            this.pressure = settings.peepCmH2O();
            this.target = settings.peepCmH2O();
            step();
        }

        void advanceMs(long ms) {
            for (long i = 0; i < ms; i++) {
                nowNs += MS;
                step();
            }
        }

        /**
         * Steps through an inspiration that started on the last tick with patient flow given as a
         * function of ms since it started; returns when it cycled (ms since it started), or -1.
         */
        long inspireWithFlow(LongToDoubleFunction flowAtMs, long maxMs) {
            long start = (sequencer.phaseStartNs() - ORIGIN_NS) / MS;
            for (long t = 1; t <= maxMs; t++) {
                patientFlow = flowAtMs.applyAsDouble(t);
                nowNs += MS;
                if (step() == Transition.EXPIRATION_STARTED) {
                    return (nowNs - ORIGIN_NS) / MS - start;
                }
            }
            return -1;
        }

        Transition step() {
            Transition t = sequencer.step(nowNs, settings, patientFlow, pressure, target);
            if (t != Transition.NONE) {
                long offset = nowNs - ORIGIN_NS;
                assertThat(offset % MS).isZero();
                events.add(new Event(offset / MS, t, sequencer.breathType(), sequencer.patientTriggered(),
                        sequencer.backup()));
            }
            return t;
        }

        List<Long> timesOf(Transition transition) {
            return events.stream().filter(e -> e.transition() == transition).map(Event::atMs).toList();
        }

        Event first(Transition transition, long fromMs) {
            return events.stream().filter(e -> e.transition() == transition && e.atMs() >= fromMs)
                    .findFirst().orElseThrow(() -> new AssertionError("no " + transition + " from " + fromMs + " ms"));
        }

        Event last() {
            assertThat(events).isNotEmpty();
            return events.getLast();
        }
    }
}
