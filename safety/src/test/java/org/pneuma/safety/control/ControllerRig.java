package org.pneuma.safety.control;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCalibration;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathListener;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * A {@link VentilationController} closed around a {@link ModelLung} on a 1 ms tick, with time passed
 * in from an arbitrary clock origin. Ticking allocates nothing (if the listener does not).
 */
final class ControllerRig {
    static final long MS = 1_000_000L;
    static final long ORIGIN_NS = 3_600_000_000_000L;
    static final CircuitCalibration CIRCUIT = new CircuitCalibration(ModelLung.CIRCUIT_COMPLIANCE, 0, 0);

    final ModelLung lung = new ModelLung(ValveCalibration.STANDARD);
    final VentilationController controller;
    final SensorFrame sensors = new SensorFrame();
    final ValveCommand out = new ValveCommand();
    long nowNs = ORIGIN_NS;

    ControllerRig(VentilationSettings settings, BreathListener listener) {
        controller = new VentilationController(settings, CIRCUIT, ValveCalibration.STANDARD, listener);
    }

    /** One control step, then the model runs 1 ms on the command. */
    void tick() {
        lung.read(sensors);
        controller.step(nowNs, sensors, out);
        lung.advance(out, 0.001);
        nowNs += MS;
    }

    void runMs(long ms) {
        for (long i = 0; i < ms; i++) {
            tick();
        }
    }

    /** Ticks until the controller enters {@code phase} (the tick that entered it has run). */
    void runUntilPhaseStarts(BreathPhase phase, long maxMs) {
        boolean left = controller.phase() != phase;
        for (long i = 0; i < maxMs; i++) {
            tick();
            if (controller.phase() != phase) {
                left = true;
            } else if (left) {
                return;
            }
        }
        throw new AssertionError("no " + phase + " within " + maxMs + " ms");
    }

    double secondsSinceOrigin() {
        return (nowNs - ORIGIN_NS) * 1e-9;
    }
}
