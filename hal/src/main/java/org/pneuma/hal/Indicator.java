package org.pneuma.hal;

/**
 * The safety partition's own alarm light. Flashing is the safety partition's job; the light shows
 * one colour or is dark, from one call until the next.
 *
 * <p>Driven by one thread, the safety partition's alarm tick; implementations need not be thread-safe.
 * {@link #show} must not allocate, block or lock. It reports no failure: a light that can detect its
 * own fault reports it through the sensors, not through this call.
 */
@FunctionalInterface
public interface Indicator {
    /**
     * Lights {@code colour} from now, or darkens the light when {@code colour} is
     * {@link LampColour#OFF}; calling it with the colour already shown is harmless.
     */
    void show(LampColour colour);

    /** Colours of IEC 60601-1-8 alarm indicators: red for HIGH, yellow for MEDIUM, cyan for LOW. */
    enum LampColour { OFF, RED, YELLOW, CYAN }
}
