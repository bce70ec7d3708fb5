package org.pneuma.safety.control;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCalibration;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathListener;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.settings.VentilationSettings;

/** API stub; implementation in progress. */
public final class VentilationController {
    public VentilationController(VentilationSettings settings, CircuitCalibration circuit,
                                 ValveCalibration valves, BreathListener listener) {
    }

    /** One control step, every 1 ms: from sensor readings to valve command. Never allocates. */
    public void step(long nowNs, SensorFrame sensors, ValveCommand out) {
    }

    /** Replaces the settings (already validated); breath timing follows from the next breath. */
    public void changeSettings(VentilationSettings accepted) {
    }

    public VentilationSettings settings() { return null; }
    public BreathPhase phase() { return BreathPhase.EXPIRATION; }
    /** Estimated pressure at the patient connection, cmH2O. */
    public double airwayPressureCmH2O() { return 0; }
    /** Estimated flow into the patient (negative out), mL/s. */
    public double patientFlowMlPerS() { return 0; }
    /** Estimated volume delivered to the patient since the start of this breath, mL. */
    public double breathVolumeMl() { return 0; }
    /** Whether PSV apnea backup is ventilating. */
    public boolean backupActive() { return false; }
}
