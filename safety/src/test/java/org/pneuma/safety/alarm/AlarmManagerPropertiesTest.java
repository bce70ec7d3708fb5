package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of the {@link AlarmManager} over random sequences of condition changes, acknowledges and
 * audio pauses at random times from a random clock origin (negative ones and ones that wrap included,
 * since only differences of a monotonic clock mean anything).
 */
class AlarmManagerPropertiesTest {
    private static final long MS = 1_000_000L;
    private static final long PAUSE_NS = AlarmManager.AUDIO_PAUSE_S * 1_000 * MS;
    private static final AlarmId[] IDS = AlarmId.values();

    sealed interface Action {
        long afterNs();
    }

    record Condition(AlarmId id, boolean active, long afterNs) implements Action {
    }

    record Acknowledge(long afterNs) implements Action {
    }

    record PauseAudio(long afterNs) implements Action {
    }

    /** Mostly short gaps, some around the end of an audio pause, some long. */
    private static Arbitrary<Long> gaps() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 2_000).map(ms -> ms * MS)),
                Tuple.of(2, Arbitraries.longs().between(119_990, 120_010).map(ms -> ms * MS)),
                Tuple.of(1, Arbitraries.longs().between(0, 300_000).map(ms -> ms * MS)));
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> condition = Combinators.combine(Arbitraries.of(IDS), Arbitraries.of(true, false), gaps())
                .as(Condition::new);
        Arbitrary<Action> acknowledge = gaps().map(Acknowledge::new);
        Arbitrary<Action> pause = gaps().map(PauseAudio::new);
        return Arbitraries.frequencyOf(
                Tuple.of(8, condition),
                Tuple.of(2, acknowledge),
                Tuple.of(2, pause)).list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<Long> origins() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(Long.MAX_VALUE - 400_000 * MS, Long.MAX_VALUE));
    }

    @Property(tries = 500)
    void theInvariantsOfIec60601_1_8HoldAfterEveryAction(@ForAll("actions") List<Action> actions,
                                                         @ForAll("origins") long origin) {
        AlarmManager manager = new AlarmManager(AlarmListener.NONE);
        long now = origin;
        boolean pauseRequested = false;
        long pausedAt = 0;
        boolean raisedSincePause = false;
        for (Action action : actions) {
            now += action.afterNs();
            switch (action) {
                case Condition c -> {
                    if (c.active() && !manager.conditionActive(c.id())) raisedSincePause = true;
                    manager.condition(c.id(), c.active(), now);
                }
                case Acknowledge a -> manager.acknowledge(now);
                case PauseAudio p -> {
                    manager.pauseAudio(now);
                    pauseRequested = true;
                    pausedAt = now;
                    raisedSincePause = false;
                }
            }
            AlarmPriority audible = manager.audible(now);
            AlarmPriority visual = manager.visual();
            for (AlarmId id : IDS) {
                if (manager.conditionActive(id)) {
                    assertThat(manager.signalling(id)).as("%s's signal while its condition holds", id).isTrue();
                }
                if (!id.latching() && !manager.conditionActive(id)) {
                    assertThat(manager.signalling(id)).as("non-latching %s's signal without its condition", id).isFalse();
                }
            }
            if (audible != null) {
                assertThat(visual).as("something sounds, so something shows").isNotNull();
                assertThat(audible.outranks(visual)).as("audible %s outranks visual %s", audible, visual).isFalse();
            }
            boolean withinPause = pauseRequested && now - pausedAt < PAUSE_NS;
            if (withinPause && !raisedSincePause) {
                assertThat(audible).as("audible %s ms into an audio pause with no new alarm",
                        (now - pausedAt) / MS).isNull();
            }
        }
    }

    /**
     * The manager against a reference model of the standard's rules: a signal is on while its
     * condition holds, and a latching one also from its raise until the next acknowledge; an
     * acknowledge silences an active alarm until it is raised again; the audio pause lasts 120 s from
     * the last pause unless a condition begins.
     */
    @Property(tries = 500)
    void signalsSoundAndLightMatchTheReferenceModel(@ForAll("actions") List<Action> actions,
                                                    @ForAll("origins") long origin) {
        AlarmManager manager = new AlarmManager(AlarmListener.NONE);
        boolean[] condition = new boolean[IDS.length];
        boolean[] unacknowledged = new boolean[IDS.length];
        long now = origin;
        boolean paused = false;
        long pausedAt = 0;
        for (Action action : actions) {
            now += action.afterNs();
            switch (action) {
                case Condition c -> {
                    int i = c.id().ordinal();
                    if (c.active() && !condition[i]) {
                        unacknowledged[i] = true;
                        paused = false;
                    }
                    condition[i] = c.active();
                    manager.condition(c.id(), c.active(), now);
                }
                case Acknowledge a -> {
                    Arrays.fill(unacknowledged, false);
                    manager.acknowledge(now);
                }
                case PauseAudio p -> {
                    paused = true;
                    pausedAt = now;
                    manager.pauseAudio(now);
                }
            }
            if (paused && now - pausedAt >= PAUSE_NS) paused = false;

            long bits = 0;
            AlarmPriority sound = null;
            AlarmPriority light = null;
            for (AlarmId id : IDS) {
                int i = id.ordinal();
                boolean signal = condition[i] || (id.latching() && unacknowledged[i]);
                boolean silenced = condition[i] && !unacknowledged[i];
                if (signal) {
                    bits |= id.bit();
                    if (id.priority().outranks(light)) light = id.priority();
                    if (!silenced && id.priority().outranks(sound)) sound = id.priority();
                }
            }
            if (paused) sound = null;

            assertThat(manager.signalBits()).as("signal bits after %s", action).isEqualTo(bits);
            assertThat(manager.visual()).as("visual after %s", action).isEqualTo(light);
            assertThat(manager.audible(now)).as("audible after %s", action).isEqualTo(sound);
        }
    }
}
