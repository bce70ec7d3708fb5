package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.alarm.AlarmId.APNEA;
import static org.pneuma.safety.alarm.AlarmId.CONTROL_FAILURE;
import static org.pneuma.safety.alarm.AlarmId.DISPLAY_LOST;
import static org.pneuma.safety.alarm.AlarmId.GUEST_FAULT;
import static org.pneuma.safety.alarm.AlarmId.HIGH_PRESSURE;
import static org.pneuma.safety.alarm.AlarmId.HIGH_VTE;
import static org.pneuma.safety.alarm.AlarmId.SENSOR_FAULT;
import static org.pneuma.safety.alarm.AlarmListener.Event.ACKNOWLEDGED;
import static org.pneuma.safety.alarm.AlarmListener.Event.CLEARED;
import static org.pneuma.safety.alarm.AlarmListener.Event.RAISED;
import static org.pneuma.safety.alarm.AlarmListener.Event.SIGNAL_ENDED;
import static org.pneuma.safety.alarm.AlarmPriority.HIGH;
import static org.pneuma.safety.alarm.AlarmPriority.LOW;
import static org.pneuma.safety.alarm.AlarmPriority.MEDIUM;

import org.junit.jupiter.api.Test;
import org.pneuma.safety.alarm.RecordedAlarms.Entry;

/**
 * IEC 60601-1-8 alarm behaviour of the {@link AlarmManager}: raising, latching, acknowledge, audio
 * pause, and which priority sounds and shows. Time is an arbitrary origin plus offsets.
 */
class AlarmManagerTest {
    private static final long T0 = 7_200_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private final RecordedAlarms log = new RecordedAlarms();
    private final AlarmManager manager = new AlarmManager(log);

    @Test
    void raisingAConditionStartsItsSignalAndNotifiesRaised() {
        manager.condition(SENSOR_FAULT, true, T0);

        assertThat(manager.signalling(SENSOR_FAULT)).isTrue();
        assertThat(manager.conditionActive(SENSOR_FAULT)).isTrue();
        assertThat(manager.audible(T0)).isEqualTo(HIGH);
        assertThat(manager.visual()).isEqualTo(HIGH);
        assertThat(log.entries).containsExactly(new Entry(SENSOR_FAULT, RAISED, T0));
    }

    @Test
    void reportingAnUnchangedConditionNotifiesNothing() {
        manager.condition(SENSOR_FAULT, false, T0);
        manager.condition(SENSOR_FAULT, true, T0 + MS);
        manager.condition(SENSOR_FAULT, true, T0 + 2 * MS);

        assertThat(log.entries).containsExactly(new Entry(SENSOR_FAULT, RAISED, T0 + MS));
    }

    @Test
    void aNonLatchingAlarmsSignalEndsWithItsCondition() {
        manager.condition(SENSOR_FAULT, true, T0);
        manager.condition(SENSOR_FAULT, false, T0 + S);

        assertThat(manager.signalling(SENSOR_FAULT)).isFalse();
        assertThat(manager.audible(T0 + S)).isNull();
        assertThat(manager.visual()).isNull();
        assertThat(log.entries).containsExactly(
                new Entry(SENSOR_FAULT, RAISED, T0),
                new Entry(SENSOR_FAULT, CLEARED, T0 + S),
                new Entry(SENSOR_FAULT, SIGNAL_ENDED, T0 + S));
    }

    @Test
    void aHighPhysiologicalAlarmLatchesUntilAcknowledgedThenItsSignalEnds() {
        manager.condition(HIGH_PRESSURE, true, T0);
        manager.condition(HIGH_PRESSURE, false, T0 + 5 * MS);

        assertThat(manager.conditionActive(HIGH_PRESSURE)).isFalse();
        assertThat(manager.signalling(HIGH_PRESSURE)).as("latched after the condition cleared").isTrue();
        assertThat(manager.audible(T0 + 60 * S)).isEqualTo(HIGH);
        assertThat(manager.visual()).isEqualTo(HIGH);
        assertThat(log.eventsOf(HIGH_PRESSURE)).containsExactly(RAISED, CLEARED);

        manager.acknowledge(T0 + 60 * S);

        assertThat(manager.signalling(HIGH_PRESSURE)).isFalse();
        assertThat(manager.audible(T0 + 60 * S)).isNull();
        assertThat(manager.visual()).isNull();
        assertThat(log.of(HIGH_PRESSURE)).containsExactly(
                new Entry(HIGH_PRESSURE, RAISED, T0),
                new Entry(HIGH_PRESSURE, CLEARED, T0 + 5 * MS),
                new Entry(HIGH_PRESSURE, ACKNOWLEDGED, T0 + 60 * S),
                new Entry(HIGH_PRESSURE, SIGNAL_ENDED, T0 + 60 * S));
    }

    @Test
    void aMediumPhysiologicalAlarmDoesNotLatch() {
        manager.condition(HIGH_VTE, true, T0);
        manager.condition(HIGH_VTE, false, T0 + S);

        assertThat(manager.signalling(HIGH_VTE)).isFalse();
        assertThat(log.eventsOf(HIGH_VTE)).containsExactly(RAISED, CLEARED, SIGNAL_ENDED);
    }

    @Test
    void aLatchedAlarmWhoseConditionReturnsIsRaisedAgainAndStillNeedsAnAcknowledge() {
        manager.condition(APNEA, true, T0);
        manager.condition(APNEA, false, T0 + S);
        manager.condition(APNEA, true, T0 + 2 * S);
        manager.condition(APNEA, false, T0 + 3 * S);

        assertThat(manager.signalling(APNEA)).isTrue();
        assertThat(log.eventsOf(APNEA)).containsExactly(RAISED, CLEARED, RAISED, CLEARED);
    }

    @Test
    void acknowledgingAnActiveAlarmSilencesItButStillShowsItUntilItsConditionClears() {
        manager.condition(HIGH_PRESSURE, true, T0);

        manager.acknowledge(T0 + S);

        assertThat(manager.audible(T0 + S)).as("silenced").isNull();
        assertThat(manager.visual()).as("still shown").isEqualTo(HIGH);
        assertThat(manager.signalling(HIGH_PRESSURE)).isTrue();
        assertThat(manager.signalBits()).isEqualTo(HIGH_PRESSURE.bit());

        manager.condition(HIGH_PRESSURE, false, T0 + 2 * S);

        assertThat(manager.signalling(HIGH_PRESSURE)).as("an acknowledged latching alarm does not latch").isFalse();
        assertThat(manager.visual()).isNull();
        assertThat(log.of(HIGH_PRESSURE)).containsExactly(
                new Entry(HIGH_PRESSURE, RAISED, T0),
                new Entry(HIGH_PRESSURE, ACKNOWLEDGED, T0 + S),
                new Entry(HIGH_PRESSURE, CLEARED, T0 + 2 * S),
                new Entry(HIGH_PRESSURE, SIGNAL_ENDED, T0 + 2 * S));
    }

    @Test
    void anAcknowledgedAlarmThatIsRaisedAgainSoundsAgain() {
        manager.condition(SENSOR_FAULT, true, T0);
        manager.acknowledge(T0 + S);
        manager.condition(SENSOR_FAULT, false, T0 + 2 * S);
        manager.condition(SENSOR_FAULT, true, T0 + 3 * S);

        assertThat(manager.audible(T0 + 3 * S)).isEqualTo(HIGH);
    }

    @Test
    void acknowledgingSilencesOnlyTheAlarmsThatAreOnThenNotOnesRaisedLater() {
        manager.condition(DISPLAY_LOST, true, T0);
        manager.acknowledge(T0 + S);
        manager.condition(GUEST_FAULT, true, T0 + 2 * S);

        assertThat(manager.audible(T0 + 2 * S)).isEqualTo(LOW);
        assertThat(manager.visual()).isEqualTo(MEDIUM);
    }

    @Test
    void acknowledgingWithNothingSignallingNotifiesNothing() {
        manager.acknowledge(T0);

        assertThat(log.entries).isEmpty();
    }

    @Test
    void audioPauseSilencesEverythingForExactlyOneHundredTwentySeconds() {
        manager.condition(SENSOR_FAULT, true, T0);
        manager.condition(DISPLAY_LOST, true, T0);

        manager.pauseAudio(T0 + S);

        assertThat(manager.audible(T0 + S)).isNull();
        assertThat(manager.audioPaused(T0 + S)).isTrue();
        assertThat(manager.visual()).as("the light goes on").isEqualTo(HIGH);
        assertThat(manager.audible(T0 + S + 119_999 * MS)).isNull();
        assertThat(manager.audioPaused(T0 + S + 119_999 * MS)).isTrue();
        assertThat(manager.audioPaused(T0 + S + 120 * S)).as("over without anyone asking for the sound").isFalse();
        assertThat(manager.audible(T0 + S + 120 * S)).isEqualTo(HIGH);
    }

    @Test
    void audioPauseEndsAtOneHundredTwentySecondsEvenIfNobodyAskedInBetween() {
        manager.condition(DISPLAY_LOST, true, T0);
        manager.pauseAudio(T0);

        assertThat(manager.audible(T0 + 120 * S)).isEqualTo(MEDIUM);
    }

    @Test
    void aNewAlarmConditionEndsTheAudioPauseAtOnce() {
        manager.condition(DISPLAY_LOST, true, T0);
        manager.pauseAudio(T0 + S);

        manager.condition(GUEST_FAULT, true, T0 + 10 * S);

        assertThat(manager.audioPaused(T0 + 10 * S)).isFalse();
        assertThat(manager.audible(T0 + 10 * S)).as("every signal sounds again, not only the new one").isEqualTo(MEDIUM);
    }

    @Test
    void anAlarmRaisedAgainEndsTheAudioPauseButAClearingDoesNot() {
        manager.condition(DISPLAY_LOST, true, T0);
        manager.condition(GUEST_FAULT, true, T0);
        manager.pauseAudio(T0 + S);

        manager.condition(GUEST_FAULT, false, T0 + 2 * S);
        assertThat(manager.audible(T0 + 2 * S)).isNull();

        manager.condition(GUEST_FAULT, true, T0 + 3 * S);
        assertThat(manager.audible(T0 + 3 * S)).isEqualTo(MEDIUM);
    }

    @Test
    void pausingAgainRestartsTheOneHundredTwentySeconds() {
        manager.condition(DISPLAY_LOST, true, T0);
        manager.pauseAudio(T0);
        manager.pauseAudio(T0 + 100 * S);

        assertThat(manager.audible(T0 + 219_999 * MS)).isNull();
        assertThat(manager.audible(T0 + 220 * S)).isEqualTo(MEDIUM);
    }

    @Test
    void audibleAndVisualGiveTheHighestPriorityAmongTheSignals() {
        assertThat(manager.audible(T0)).isNull();
        assertThat(manager.visual()).isNull();

        manager.condition(GUEST_FAULT, true, T0);
        assertThat(manager.audible(T0)).isEqualTo(LOW);
        assertThat(manager.visual()).isEqualTo(LOW);

        manager.condition(DISPLAY_LOST, true, T0);
        assertThat(manager.audible(T0)).isEqualTo(MEDIUM);
        assertThat(manager.visual()).isEqualTo(MEDIUM);

        manager.condition(CONTROL_FAILURE, true, T0);
        assertThat(manager.audible(T0)).isEqualTo(HIGH);
        assertThat(manager.visual()).isEqualTo(HIGH);

        manager.condition(CONTROL_FAILURE, false, T0 + S);
        assertThat(manager.audible(T0 + S)).isEqualTo(MEDIUM);
        assertThat(manager.visual()).isEqualTo(MEDIUM);
    }

    @Test
    void aSilencedHighAlarmLetsALowerOneSoundWhileTheLightStaysRed() {
        manager.condition(CONTROL_FAILURE, true, T0);
        manager.acknowledge(T0 + S);
        manager.condition(DISPLAY_LOST, true, T0 + 2 * S);

        assertThat(manager.audible(T0 + 2 * S)).isEqualTo(MEDIUM);
        assertThat(manager.visual()).isEqualTo(HIGH);
    }

    @Test
    void signalBitsHaveOneBitPerSignallingAlarm() {
        assertThat(manager.signalBits()).isZero();

        manager.condition(HIGH_PRESSURE, true, T0);
        manager.condition(SENSOR_FAULT, true, T0);
        manager.condition(GUEST_FAULT, true, T0);
        manager.condition(HIGH_PRESSURE, false, T0 + MS); // latched: still signalling
        manager.condition(SENSOR_FAULT, false, T0 + MS); // not latching: ended

        assertThat(manager.signalBits()).isEqualTo(HIGH_PRESSURE.bit() | GUEST_FAULT.bit());
        assertThat(Long.bitCount(manager.signalBits())).isEqualTo(2);
    }

    @Test
    void signalBitsKeepAnAcknowledgedAlarmThatIsStillActive() {
        manager.condition(CONTROL_FAILURE, true, T0);
        manager.acknowledge(T0 + S);

        assertThat(manager.signalBits()).isEqualTo(CONTROL_FAILURE.bit());
    }

    @Test
    void anAlarmRaisedUntilAcknowledgedOutlastsItsConditionEvenIfItDoesNotLatch() {
        assertThat(CONTROL_FAILURE.latching()).isFalse();
        manager.raiseUntilAcknowledged(CONTROL_FAILURE, T0);
        manager.condition(CONTROL_FAILURE, false, T0 + MS);
        manager.condition(CONTROL_FAILURE, true, T0 + 2 * MS);
        manager.condition(CONTROL_FAILURE, false, T0 + 3 * MS);

        assertThat(manager.signalling(CONTROL_FAILURE)).isTrue();
        assertThat(manager.audible(T0 + 60 * S)).isEqualTo(HIGH);
        assertThat(manager.signalBits()).isEqualTo(CONTROL_FAILURE.bit());

        manager.acknowledge(T0 + 61 * S);

        assertThat(manager.signalling(CONTROL_FAILURE)).isFalse();
        assertThat(manager.audible(T0 + 61 * S)).isNull();
        assertThat(log.eventsOf(CONTROL_FAILURE)).containsExactly(RAISED, RAISED, CLEARED, ACKNOWLEDGED, SIGNAL_ENDED);
    }

    @Test
    void afterTheAcknowledgeAnAlarmRaisedUntilAcknowledgedBehavesAsItsOwnKindAgain() {
        manager.raiseUntilAcknowledged(CONTROL_FAILURE, T0);
        manager.acknowledge(T0 + S);

        manager.condition(CONTROL_FAILURE, true, T0 + 2 * S);
        manager.condition(CONTROL_FAILURE, false, T0 + 3 * S);

        assertThat(manager.signalling(CONTROL_FAILURE)).as("not latching").isFalse();
    }

    @Test
    void acknowledgedWhileItsConditionHoldsItFallsSilentAndEndsWithTheCondition() {
        manager.condition(CONTROL_FAILURE, true, T0);
        manager.raiseUntilAcknowledged(CONTROL_FAILURE, T0 + MS);
        manager.acknowledge(T0 + S);

        assertThat(manager.audible(T0 + S)).isNull();
        assertThat(manager.visual()).isEqualTo(HIGH);
        manager.condition(CONTROL_FAILURE, false, T0 + 2 * S);
        assertThat(manager.signalling(CONTROL_FAILURE)).isFalse();
    }
}
