package org.pneuma.safety.alarm;

/**
 * IEC 60601-1-8 alarm behaviour over the conditions the monitor detects: which alarm signals are on,
 * latching, acknowledge, audio pause, and the highest priority to sound and to show.
 *
 * <ul>
 *   <li>A condition that begins raises its alarm: the signal (sound and light) starts.</li>
 *   <li>When the condition ends, the signal of a non-latching alarm ends; a latching one (HIGH
 *       physiological) goes on until acknowledged.</li>
 *   <li>Acknowledge ends latched signals whose condition is over and silences (but still shows) those
 *       whose condition goes on, until that condition ends.</li>
 *   <li>Audio pause silences every alarm for at most {@value #AUDIO_PAUSE_S} s; any new alarm
 *       condition ends the pause at once.</li>
 *   <li>{@link #raiseUntilAcknowledged} raises an alarm for an event the monitor cannot see go on (the
 *       safety partition's process was restarted: control was interrupted): its signal is on until
 *       acknowledged, as if it latched, whatever {@link #condition} reports meanwhile.</li>
 * </ul>
 *
 * <p>Safety thread only; allocation-free (state in arrays indexed by {@link AlarmId#ordinal()}).
 */
public final class AlarmManager {
    public static final long AUDIO_PAUSE_S = 120;
    static final long AUDIO_PAUSE_NS = AUDIO_PAUSE_S * 1_000_000_000L;

    private static final AlarmId[] IDS = AlarmId.all();

    private final AlarmListener listener;
    private final boolean[] condition = new boolean[IDS.length];
    private final boolean[] signal = new boolean[IDS.length];
    private final boolean[] silenced = new boolean[IDS.length];
    private final long[] raisedAtNs = new long[IDS.length];
    private final boolean[] heldUntilAcknowledged = new boolean[IDS.length];
    private boolean audioPaused;
    private long audioPauseEndsNs;

    public AlarmManager(AlarmListener listener) {
        this.listener = listener;
    }

    /** Reports whether {@code id}'s condition holds now. Call every tick for every alarm (or on change). */
    public void condition(AlarmId id, boolean active, long nowNs) {
        int i = id.ordinal();
        if (active == condition[i]) return;
        condition[i] = active;
        if (active) {
            signal[i] = true;
            silenced[i] = false;
            raisedAtNs[i] = nowNs;
            audioPaused = false;
            listener.onAlarm(id, AlarmListener.Event.RAISED, nowNs);
        } else {
            listener.onAlarm(id, AlarmListener.Event.CLEARED, nowNs);
            // A latching signal outlasts its condition only if nobody acknowledged it meanwhile.
            if (signal[i] && (!latches(i) || silenced[i])) endSignal(i, nowNs);
            silenced[i] = false;
        }
    }

    /**
     * Raises {@code id} for an event rather than a condition the monitor watches — the partition's
     * process restarted, so control was interrupted for a while nobody measured. The signal starts now
     * and stays on until acknowledged, even for an alarm that does not latch and even while
     * {@link #condition} keeps reporting the condition absent; a condition of {@code id} that begins
     * and ends meanwhile does not end it either. Allocation-free.
     */
    public void raiseUntilAcknowledged(AlarmId id, long nowNs) {
        int i = id.ordinal();
        heldUntilAcknowledged[i] = true;
        if (signal[i] && !silenced[i]) return;
        signal[i] = true;
        silenced[i] = false;
        raisedAtNs[i] = nowNs;
        audioPaused = false;
        listener.onAlarm(id, AlarmListener.Event.RAISED, nowNs);
    }

    private boolean latches(int i) {
        return IDS[i].latching() || heldUntilAcknowledged[i];
    }

    /** The operator acknowledged the alarms (from the display, or a key on the machine). */
    public void acknowledge(long nowNs) {
        for (int i = 0; i < IDS.length; i++) {
            if (!signal[i]) continue;
            heldUntilAcknowledged[i] = false;
            listener.onAlarm(IDS[i], AlarmListener.Event.ACKNOWLEDGED, nowNs);
            if (condition[i]) {
                silenced[i] = true;
            } else {
                endSignal(i, nowNs);
            }
        }
    }

    /** The operator paused the audio: silence for {@value #AUDIO_PAUSE_S} s unless a new alarm comes. */
    public void pauseAudio(long nowNs) {
        audioPaused = true;
        audioPauseEndsNs = nowNs + AUDIO_PAUSE_NS;
    }

    private void endSignal(int i, long nowNs) {
        signal[i] = false;
        silenced[i] = false;
        listener.onAlarm(IDS[i], AlarmListener.Event.SIGNAL_ENDED, nowNs);
    }

    /** The highest priority that should sound now, or null for silence. */
    public AlarmPriority audible(long nowNs) {
        if (audioPaused && nowNs - audioPauseEndsNs >= 0) audioPaused = false;
        if (audioPaused) return null;
        AlarmPriority highest = null;
        for (int i = 0; i < IDS.length; i++) {
            if (signal[i] && !silenced[i] && IDS[i].priority().outranks(highest)) highest = IDS[i].priority();
        }
        return highest;
    }

    /** The highest priority that should show now, or null for a dark light. */
    public AlarmPriority visual() {
        AlarmPriority highest = null;
        for (int i = 0; i < IDS.length; i++) {
            if (signal[i] && IDS[i].priority().outranks(highest)) highest = IDS[i].priority();
        }
        return highest;
    }

    /** Whether {@code id}'s signal is on (its condition holds, or it latched). */
    public boolean signalling(AlarmId id) {
        return signal[id.ordinal()];
    }

    public boolean conditionActive(AlarmId id) {
        return condition[id.ordinal()];
    }

    public boolean audioPaused(long nowNs) {
        return audioPaused && nowNs - audioPauseEndsNs < 0;
    }

    /** Bit per alarm whose signal is on ({@link AlarmId#bit()}), for the sensor bus. */
    public long signalBits() {
        long bits = 0;
        for (int i = 0; i < IDS.length; i++) {
            if (signal[i]) bits |= IDS[i].bit();
        }
        return bits;
    }
}
