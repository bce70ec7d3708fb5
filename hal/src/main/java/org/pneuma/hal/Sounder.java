package org.pneuma.hal;

/**
 * The safety partition's own alarm sounder (a piezo driven on or off). The burst patterns are the
 * safety partition's job; the sounder only makes sound while on, from the call that turns it on to
 * the call that turns it off.
 *
 * <p>Driven by one thread, the safety partition's alarm tick; implementations need not be thread-safe.
 * {@link #sound} must not allocate, block or lock. It reports no failure: a sounder that can detect
 * its own fault reports it through the sensors, not through this call.
 */
@FunctionalInterface
public interface Sounder {
    /** Turns the tone on or off from now; calling it with the current state is harmless. */
    void sound(boolean on);
}
