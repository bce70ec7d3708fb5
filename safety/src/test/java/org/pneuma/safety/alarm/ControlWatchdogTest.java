package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pneuma.hal.ValveCommand;

/**
 * The {@link ControlWatchdog} judges the control step by its heartbeat and its command: a stall after
 * 20 ms, a throw at once, an implausible command after 5 ms; failed once, failed for good.
 */
class ControlWatchdogTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 3_600_000 * MS;

    private final ControlWatchdog watchdog = new ControlWatchdog();
    private final ValveCommand command = plausible();
    private long heartbeat;
    private long now = T0;

    private static ValveCommand plausible() {
        ValveCommand c = new ValveCommand();
        c.airOpening = 0.3;
        c.oxygenOpening = 0.1;
        c.expiratoryPilotCmH2O = 25;
        return c;
    }

    /** A tick of a control step that completed its step. */
    private boolean beat() {
        heartbeat++;
        return check(false);
    }

    /** A tick of a control step that did not complete its step. */
    private boolean stall() {
        return check(false);
    }

    private boolean check(boolean threw) {
        boolean failed = watchdog.check(now, heartbeat, threw, command);
        now += MS;
        return failed;
    }

    @Test
    void aControlStepThatBeatsEveryTickIsNeverFailed() {
        for (int i = 0; i < 60_000; i++) {
            assertThat(beat()).isFalse();
        }
        assertThat(watchdog.failed()).isFalse();
    }

    @Test
    void aHeartbeatThatStopsIsAFailureExactlyTwentyMsAfterTheLastBeat() {
        beat();
        beat();
        long lastBeat = now - MS;
        while (now < lastBeat + 20 * MS) {
            assertThat(stall()).as("%d ms after the last beat", (now - lastBeat) / MS).isFalse();
        }

        assertThat(stall()).as("20 ms after the last beat").isTrue();
    }

    @Test
    void aHeartbeatThatResumesWithinTwentyMsIsNoFailure() {
        beat();
        for (int i = 0; i < 19; i++) stall();
        for (int i = 0; i < 100; i++) {
            assertThat(beat()).isFalse();
        }
    }

    @Test
    void aControlStepThatNeverBeatsIsAFailureTwentyMsAfterTheFirstTick() {
        for (int i = 0; i < 20; i++) {
            assertThat(stall()).as("tick %d", i).isFalse();
        }
        assertThat(stall()).isTrue();
    }

    @Test
    void aThrowIsAFailureAtOnce() {
        beat();

        assertThat(check(true)).isTrue();
    }

    static Stream<Arguments> implausibleCommands() {
        return Stream.of(
                Arguments.of("air opening NaN", (Consumer<ValveCommand>) c -> c.airOpening = Double.NaN),
                Arguments.of("O2 opening NaN", (Consumer<ValveCommand>) c -> c.oxygenOpening = Double.NaN),
                Arguments.of("pilot NaN", (Consumer<ValveCommand>) c -> c.expiratoryPilotCmH2O = Double.NaN),
                Arguments.of("air opening 1.01", (Consumer<ValveCommand>) c -> c.airOpening = 1.01),
                Arguments.of("O2 opening 1.01", (Consumer<ValveCommand>) c -> c.oxygenOpening = 1.01),
                Arguments.of("air opening infinite", (Consumer<ValveCommand>) c -> c.airOpening = Double.POSITIVE_INFINITY),
                Arguments.of("air opening negative", (Consumer<ValveCommand>) c -> c.airOpening = -0.01),
                Arguments.of("pilot 120.1 cmH2O", (Consumer<ValveCommand>) c -> c.expiratoryPilotCmH2O = 120.1),
                Arguments.of("pilot negative", (Consumer<ValveCommand>) c -> c.expiratoryPilotCmH2O = -0.1),
                Arguments.of("safety valve opened by control", (Consumer<ValveCommand>) c -> c.safetyValveOpen = true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implausibleCommands")
    void anImplausibleCommandForFiveMsIsAFailure(String what, Consumer<ValveCommand> spoil) {
        beat();
        spoil.accept(command);
        for (int i = 0; i < 5; i++) {
            assertThat(beat()).as("%d ms into %s", i, what).isFalse();
        }

        assertThat(beat()).as("5 ms into %s", what).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implausibleCommands")
    void aSingleImplausibleTickIsNoFailure(String what, Consumer<ValveCommand> spoil) {
        beat();
        spoil.accept(command);
        assertThat(beat()).isFalse();
        command.airOpening = 0.3;
        command.oxygenOpening = 0.1;
        command.expiratoryPilotCmH2O = 25;
        command.safetyValveOpen = false;

        for (int i = 0; i < 100; i++) {
            assertThat(beat()).isFalse();
        }
    }

    @Test
    void implausibleTicksThatBreakOffRestartTheFiveMs() {
        beat();
        for (int round = 0; round < 50; round++) {
            command.airOpening = 2;
            for (int i = 0; i < 5; i++) assertThat(beat()).isFalse();
            command.airOpening = 0.3;
            assertThat(beat()).isFalse();
        }
    }

    @Test
    void commandsAtTheEdgesOfTheirRangesArePlausible() {
        ValveCommand edges = new ValveCommand();
        edges.airOpening = 1;
        edges.oxygenOpening = 0;
        edges.expiratoryPilotCmH2O = ValveCommand.EXPIRATORY_VALVE_SHUT_CMH2O;
        assertThat(ControlWatchdog.plausible(edges)).isTrue();
        edges.airOpening = 0;
        edges.oxygenOpening = 1;
        edges.expiratoryPilotCmH2O = 0;
        assertThat(ControlWatchdog.plausible(edges)).isTrue();
        assertThat(ControlWatchdog.plausible(new ValveCommand())).as("the power-on command").isTrue();
    }

    @Test
    void onceFailedItStaysFailedWhateverTheControlStepDoesNext() {
        beat();
        check(true);

        for (int i = 0; i < 10_000; i++) {
            assertThat(beat()).isTrue();
        }
        assertThat(watchdog.failed()).isTrue();
    }
}
