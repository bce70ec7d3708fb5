package org.pneuma.simulation;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.control.ControlStep;

/**
 * The controller as the simulated safety partition runs it, with the control-step faults a scenario
 * can inject: a stall (the step stops completing: in real time its thread would hang; here it simply
 * no longer runs, so its heartbeat stops) and an exception (the step throws every time it is called).
 *
 * <p>Simulation thread only; allocation-free unless an exception is being thrown.
 */
public final class FaultableControlStep implements ControlStep {
    /** Faults of the control step. */
    public enum Fault { NONE, STALL, EXCEPTION }

    private final ControlStep step;
    private Fault fault = Fault.NONE;

    public FaultableControlStep(ControlStep step) {
        this.step = step;
    }

    public void inject(Fault newFault) {
        fault = newFault;
    }

    @Override
    public void step(long nowNs, SensorFrame sensors, ValveCommand out) {
        switch (fault) {
            case NONE -> step.step(nowNs, sensors, out);
            case STALL -> { }
            case EXCEPTION -> throw new IllegalStateException("injected control-step fault at " + nowNs + " ns");
        }
    }

    @Override
    public long heartbeat() {
        return step.heartbeat();
    }

    @Override
    public BreathPhase phase() {
        return step.phase();
    }

    @Override
    public boolean backupActive() {
        return step.backupActive();
    }
}
