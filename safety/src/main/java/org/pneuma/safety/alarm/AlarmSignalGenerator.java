package org.pneuma.safety.alarm;

import org.pneuma.hal.Indicator;
import org.pneuma.hal.Indicator.LampColour;
import org.pneuma.hal.Sounder;

/**
 * Turns "which priority should sound, which should show" into the IEC 60601-1-8 auditory burst on the
 * {@link Sounder} and the flashing light on the {@link Indicator}. Which alarms are active, latched,
 * acknowledged or paused is decided elsewhere; this class only plays the signals.
 *
 * <h2>Patterns</h2>
 * The constants below, each with the range IEC 60601-1-8 allows next to it. A pulse is the sounder on;
 * a pulse spacing is the silence from the end of one pulse to the start of the next. Bursts repeat
 * start to start; the silence from the end of one burst to the start of the next (4.5 s for HIGH,
 * 14 s for MEDIUM) lies inside the same range, so either reading of the repeat interval is met.
 * <ul>
 *   <li>HIGH: ten pulses, 3 + 2, pause, 3 + 2. Pulses of {@value #HIGH_PULSE_MS} ms spaced
 *       {@value #HIGH_PULSE_SPACING_MS} ms inside a group, {@value #HIGH_THIRD_TO_FOURTH_MS} ms
 *       between the 3rd and 4th and between the 8th and 9th, {@value #HIGH_FIFTH_TO_SIXTH_MS} ms
 *       between the 5th and 6th; a burst every {@value #HIGH_BURST_REPEAT_MS} ms. Red light flashing
 *       {@value #HIGH_FLASH_ON_MS} ms on in every {@value #HIGH_FLASH_PERIOD_MS} ms (2 Hz, 50 %).</li>
 *   <li>MEDIUM: three pulses of {@value #MEDIUM_PULSE_MS} ms spaced {@value #MEDIUM_PULSE_SPACING_MS} ms;
 *       a burst every {@value #MEDIUM_BURST_REPEAT_MS} ms. Yellow light flashing
 *       {@value #MEDIUM_FLASH_ON_MS} ms on in every {@value #MEDIUM_FLASH_PERIOD_MS} ms (0.5 Hz, 50 %).</li>
 *   <li>LOW: {@value #LOW_PULSES} pulses of {@value #LOW_PULSE_MS} ms spaced {@value #LOW_PULSE_SPACING_MS} ms,
 *       once, not repeated (IEC allows no repeat or a repeat more than 15 s apart; the steady light
 *       carries a low-priority alarm after the burst). Cyan light, steady.</li>
 * </ul>
 *
 * <h2>Changes</h2>
 * <ul>
 *   <li>The arguments are compared with the previous step's; only a change restarts anything. Stepping
 *       with the same priorities keeps the pattern on its schedule, anchored to when it started.</li>
 *   <li>When the audible priority changes to another priority (up or down), that priority's burst
 *       starts from its first pulse in this step. If a pulse of the previous pattern is sounding, it
 *       ends in this step and the new first pulse follows one pulse spacing of the new pattern later,
 *       so that it is heard as a pulse of its own with its own duration rather than run into the old
 *       one. Repeats are then timed from the new burst's start.</li>
 *   <li>When the audible priority becomes null the sounder stops in this step, a pulse in progress
 *       included. A later priority starts a burst of its own from the beginning.</li>
 *   <li>When the visual priority changes, the light shows the new colour in this step and flashes from
 *       the start of its cycle (on first); when it becomes null the light goes dark in this step.</li>
 *   <li>Sound and light are independent: a silenced (audio-paused or acknowledged) alarm keeps flashing.</li>
 * </ul>
 *
 * <h2>Outputs</h2>
 * The first step writes both outputs once, so nothing depends on their power-on state; after that the
 * sounder and the indicator are called only when what they should do changes, in the step that sees
 * the change. Stepped every millisecond, every edge falls on the millisecond the schedule gives it.
 *
 * <h2>Threading and allocation</h2>
 * Confined to one thread, the alarm tick, which passes in the time it read once for the tick.
 * {@link #step} never allocates, blocks, locks or does I/O; it does as much work as the ports' calls
 * plus a bounded catch-up when a step comes late. It reports no failure: it cannot fail, and a failing
 * port is the port's to report.
 */
public final class AlarmSignalGenerator {

    // ---- HIGH ----
    /** HIGH pulse duration t<sub>d</sub>; IEC 60601-1-8: 75 to 200 ms. */
    public static final int HIGH_PULSE_MS = 150;
    /** HIGH pulse spacing t<sub>s</sub> inside a group (1-2, 2-3, 4-5, …); IEC 60601-1-8: 50 to 125 ms. */
    public static final int HIGH_PULSE_SPACING_MS = 100;
    /** HIGH spacing between the 3rd and 4th (and 8th and 9th) pulses; IEC 60601-1-8: 2·t<sub>s</sub> + t<sub>d</sub>. */
    public static final int HIGH_THIRD_TO_FOURTH_MS = 2 * HIGH_PULSE_SPACING_MS + HIGH_PULSE_MS;
    /** HIGH spacing between the 5th and 6th pulses; IEC 60601-1-8: 0.35 to 1.30 s. */
    public static final int HIGH_FIFTH_TO_SIXTH_MS = 700;
    /** HIGH pulses per burst; IEC 60601-1-8: 10. */
    public static final int HIGH_PULSES = 10;
    /** HIGH burst repeat, start to start; IEC 60601-1-8: 2.5 to 15 s. */
    public static final int HIGH_BURST_REPEAT_MS = 8_000;

    // ---- MEDIUM ----
    /** MEDIUM pulse duration t<sub>d</sub>; IEC 60601-1-8: 125 to 250 ms. */
    public static final int MEDIUM_PULSE_MS = 200;
    /** MEDIUM pulse spacing t<sub>s</sub>; IEC 60601-1-8: 125 to 250 ms. */
    public static final int MEDIUM_PULSE_SPACING_MS = 200;
    /** MEDIUM pulses per burst; IEC 60601-1-8: 3. */
    public static final int MEDIUM_PULSES = 3;
    /** MEDIUM burst repeat, start to start; IEC 60601-1-8: 2.5 to 30 s. */
    public static final int MEDIUM_BURST_REPEAT_MS = 15_000;

    // ---- LOW ----
    /** LOW pulse duration t<sub>d</sub>; IEC 60601-1-8: 125 to 250 ms. */
    public static final int LOW_PULSE_MS = 200;
    /** LOW pulse spacing t<sub>s</sub>; IEC 60601-1-8: 125 to 250 ms. */
    public static final int LOW_PULSE_SPACING_MS = 200;
    /** LOW pulses per burst; IEC 60601-1-8: 1 or 2. The burst is not repeated (IEC: none, or more than 15 s apart). */
    public static final int LOW_PULSES = 2;

    // ---- Lights ----
    /** HIGH red flash period, 2 Hz; IEC 60601-1-8: 1.4 to 2.8 Hz (357 to 714 ms). */
    public static final int HIGH_FLASH_PERIOD_MS = 500;
    /** HIGH red flash on-time, 50 % duty; IEC 60601-1-8: 20 to 60 % on. */
    public static final int HIGH_FLASH_ON_MS = 250;
    /** MEDIUM yellow flash period, 0.5 Hz; IEC 60601-1-8: 0.4 to 0.8 Hz (1250 to 2500 ms). */
    public static final int MEDIUM_FLASH_PERIOD_MS = 2_000;
    /** MEDIUM yellow flash on-time, 50 % duty; IEC 60601-1-8: 20 to 60 % on. */
    public static final int MEDIUM_FLASH_ON_MS = 1_000;

    private static final long NS_PER_MS = 1_000_000L;

    private static final SignalPattern HIGH_BURST = SignalPattern.repeating(
            HIGH_PULSE_MS, HIGH_PULSE_SPACING_MS,
            HIGH_PULSE_MS, HIGH_PULSE_SPACING_MS,
            HIGH_PULSE_MS, HIGH_THIRD_TO_FOURTH_MS,
            HIGH_PULSE_MS, HIGH_PULSE_SPACING_MS,
            HIGH_PULSE_MS, HIGH_FIFTH_TO_SIXTH_MS,
            HIGH_PULSE_MS, HIGH_PULSE_SPACING_MS,
            HIGH_PULSE_MS, HIGH_PULSE_SPACING_MS,
            HIGH_PULSE_MS, HIGH_THIRD_TO_FOURTH_MS,
            HIGH_PULSE_MS, HIGH_PULSE_SPACING_MS,
            HIGH_PULSE_MS, HIGH_BURST_REPEAT_MS - highBurstLengthMs());
    private static final SignalPattern MEDIUM_BURST = SignalPattern.repeating(evenlySpaced(
            MEDIUM_PULSES, MEDIUM_PULSE_MS, MEDIUM_PULSE_SPACING_MS, MEDIUM_BURST_REPEAT_MS));
    private static final SignalPattern LOW_BURST = SignalPattern.once(evenlySpaced(
            LOW_PULSES, LOW_PULSE_MS, LOW_PULSE_SPACING_MS, 0));
    private static final SignalPattern HIGH_FLASH = SignalPattern.repeating(HIGH_FLASH_ON_MS, HIGH_FLASH_PERIOD_MS - HIGH_FLASH_ON_MS);
    private static final SignalPattern MEDIUM_FLASH = SignalPattern.repeating(MEDIUM_FLASH_ON_MS, MEDIUM_FLASH_PERIOD_MS - MEDIUM_FLASH_ON_MS);
    private static final SignalPattern STEADY = SignalPattern.steady();

    private final Sounder sounder;
    private final Indicator indicator;
    private final SignalPlayer sound = new SignalPlayer();
    private final SignalPlayer light = new SignalPlayer();

    private AlarmPriority audible;
    private AlarmPriority visual;
    private LampColour colour = LampColour.OFF;
    private boolean written;
    private boolean soundOn;
    private LampColour shown = LampColour.OFF;

    public AlarmSignalGenerator(Sounder sounder, Indicator indicator) {
        if (sounder == null || indicator == null) throw new IllegalArgumentException("sounder and indicator are required");
        this.sounder = sounder;
        this.indicator = indicator;
    }

    /** First pulse start to last pulse end of the HIGH burst: 3500 ms with the constants above. */
    private static int highBurstLengthMs() {
        return HIGH_PULSES * HIGH_PULSE_MS + 6 * HIGH_PULSE_SPACING_MS + 2 * HIGH_THIRD_TO_FOURTH_MS + HIGH_FIFTH_TO_SIXTH_MS;
    }

    /**
     * On/off segments of {@code pulses} pulses with equal spacing, then silence up to {@code repeatMs}
     * from the first pulse's start; no trailing silence when {@code repeatMs} is 0 (played once).
     */
    private static int[] evenlySpaced(int pulses, int pulseMs, int spacingMs, int repeatMs) {
        int[] segments = new int[repeatMs == 0 ? 2 * pulses - 1 : 2 * pulses];
        for (int i = 0; i < pulses; i++) {
            segments[2 * i] = pulseMs;
            if (2 * i + 1 < segments.length) segments[2 * i + 1] = spacingMs;
        }
        if (repeatMs != 0) segments[segments.length - 1] = repeatMs - (pulses * pulseMs + (pulses - 1) * spacingMs);
        return segments;
    }

    /**
     * Plays the signals up to {@code nowNs}.
     *
     * @param nowNs   the tick's time, from the partition's monotonic clock; never earlier than the last step's
     * @param audible the highest priority that should sound now, or null for silence
     * @param visual  the highest priority that should show now, or null for a dark light
     */
    public void step(long nowNs, AlarmPriority audible, AlarmPriority visual) {
        if (audible != this.audible) {
            if (audible == null) {
                sound.stop();
            } else {
                long startNs = soundOn ? nowNs + pulseSpacingMs(audible) * NS_PER_MS : nowNs;
                sound.start(burstFor(audible), startNs);
            }
            this.audible = audible;
        }
        if (visual != this.visual) {
            if (visual == null) {
                light.stop();
                colour = LampColour.OFF;
            } else {
                light.start(lightFor(visual), nowNs);
                colour = colourFor(visual);
            }
            this.visual = visual;
        }

        boolean on = sound.advance(nowNs);
        if (on != soundOn || !written) {
            soundOn = on;
            sounder.sound(on);
        }
        LampColour lamp = light.advance(nowNs) ? colour : LampColour.OFF;
        if (lamp != shown || !written) {
            shown = lamp;
            indicator.show(lamp);
        }
        written = true;
    }

    private static SignalPattern burstFor(AlarmPriority priority) {
        return switch (priority) {
            case HIGH -> HIGH_BURST;
            case MEDIUM -> MEDIUM_BURST;
            case LOW -> LOW_BURST;
        };
    }

    private static int pulseSpacingMs(AlarmPriority priority) {
        return switch (priority) {
            case HIGH -> HIGH_PULSE_SPACING_MS;
            case MEDIUM -> MEDIUM_PULSE_SPACING_MS;
            case LOW -> LOW_PULSE_SPACING_MS;
        };
    }

    private static SignalPattern lightFor(AlarmPriority priority) {
        return switch (priority) {
            case HIGH -> HIGH_FLASH;
            case MEDIUM -> MEDIUM_FLASH;
            case LOW -> STEADY;
        };
    }

    private static LampColour colourFor(AlarmPriority priority) {
        return switch (priority) {
            case HIGH -> LampColour.RED;
            case MEDIUM -> LampColour.YELLOW;
            case LOW -> LampColour.CYAN;
        };
    }
}
