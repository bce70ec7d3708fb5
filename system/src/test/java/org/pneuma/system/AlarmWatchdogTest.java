package org.pneuma.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneuma.hal.Indicator.LampColour;
import org.pneuma.hal.ValveCommand;

/** The watchdog's judgement, driven with its own times: a hung tick trips it, a stalled machine does not. */
class AlarmWatchdogTest {
    private static final long MS = 1_000_000L;
    private final TickProgress progress = new TickProgress();
    private final ValveCommand valves = new ValveCommand();
    private final AlarmOutputs outputs = new AlarmOutputs();
    private final List<String> lines = new ArrayList<>();
    private final AlarmWatchdog watchdog = new AlarmWatchdog(progress, c -> {
        valves.airOpening = c.airOpening;
        valves.oxygenOpening = c.oxygenOpening;
        valves.expiratoryPilotCmH2O = c.expiratoryPilotCmH2O;
        valves.safetyValveOpen = c.safetyValveOpen;
    }, outputs, outputs, 0, 90, lines::add);

    @Test
    void aTickSilentForTwentyMsOverThreeOnTimeWakeUpsTripsItOnceWithTheSafeStateAndTheSounder() {
        valves.airOpening = 0.7;
        progress.tickCompleted(0);
        watchdog.check(1 * MS);
        for (long t = 6; t <= 16; t += 5) watchdog.check(t * MS);
        assertThat(progress.isWatchdogTripped()).as("16 ms of silence").isFalse();

        watchdog.check(21 * MS);

        assertThat(progress.isWatchdogTripped()).isTrue();
        assertThat(valves.safetyValveOpen).isTrue();
        assertThat(valves.airOpening).isZero();
        assertThat(valves.expiratoryPilotCmH2O).isZero();
        assertThat(outputs.sounding()).isTrue();
        assertThat(outputs.colour()).isEqualTo(LampColour.RED);
        watchdog.check(26 * MS);
        assertThat(lines).singleElement().asString().contains("no control tick for 21.0 ms");
    }

    @Test
    void aStallOfTheWholeMachineIsNotAHangWhenTheTickCatchesUpFirst() {
        progress.tickCompleted(0);
        watchdog.check(1 * MS);
        watchdog.check(40 * MS); // everything stopped for 39 ms, the watchdog woke first
        progress.tickCompleted(41 * MS);
        watchdog.check(45 * MS);
        watchdog.check(50 * MS);

        assertThat(progress.isWatchdogTripped()).isFalse();
        assertThat(lines).isEmpty();
    }

    @Test
    void itIsNotArmedBeforeTheFirstTickNorWhileStopping() {
        for (long t = 0; t < 200; t += 5) watchdog.check(t * MS);
        assertThat(progress.isWatchdogTripped()).isFalse();

        progress.tickCompleted(200 * MS);
        watchdog.requestStop();
        for (long t = 200; t < 400; t += 5) watchdog.check(t * MS);
        assertThat(progress.isWatchdogTripped()).isFalse();
    }
}
