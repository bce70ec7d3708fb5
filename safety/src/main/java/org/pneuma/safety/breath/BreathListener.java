package org.pneuma.safety.breath;

/**
 * Receives each completed breath on the control thread. Implementations on the control path must
 * not allocate, block or do I/O; off-line recorders (simulation) may.
 */
@FunctionalInterface
public interface BreathListener {
    BreathListener NONE = breath -> { };

    /** {@code breath} is only valid during the call. */
    void onBreath(BreathRecord breath);
}
