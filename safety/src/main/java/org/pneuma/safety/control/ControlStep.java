package org.pneuma.safety.control;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathPhase;

/**
 * The control step as the rest of the safety partition sees it: a step, and the few things the alarm
 * monitor watches. The monitor never trusts it: it judges the step by its heartbeat and its output.
 */
public interface ControlStep {
    /** One control step, from sensor readings to valve command. */
    void step(long nowNs, SensorFrame sensors, ValveCommand out);

    /** Counts completed steps: a step that stalls or throws does not count. */
    long heartbeat();

    /** Where the step believes the breath is. */
    BreathPhase phase();

    /** Whether the step is giving PSV apnea-backup breaths. */
    boolean backupActive();
}
