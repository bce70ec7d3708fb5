package org.pneuma.safety.alarm.fake;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.control.ControlStep;

/**
 * A control step whose phase, command and failures the test drives. Each step writes the command
 * fields as set and counts a heartbeat, unless it is stalled (returns without doing anything) or set
 * to throw.
 */
public final class FakeControlStep implements ControlStep {
    public BreathPhase phase = BreathPhase.EXPIRATION;
    public boolean backup;
    public boolean stalled;
    public boolean throwing;
    public double airOpening = 0.1;
    public double oxygenOpening;
    public double expiratoryPilotCmH2O = ValveCommand.EXPIRATORY_VALVE_SHUT_CMH2O;
    public boolean safetyValveOpen;
    private long heartbeat;
    private long calls;

    @Override
    public void step(long nowNs, SensorFrame sensors, ValveCommand out) {
        calls++;
        if (stalled) return;
        out.airOpening = airOpening;
        out.oxygenOpening = oxygenOpening;
        out.expiratoryPilotCmH2O = expiratoryPilotCmH2O;
        out.safetyValveOpen = safetyValveOpen;
        if (throwing) throw new IllegalStateException("control step failed");
        heartbeat++;
    }

    @Override
    public long heartbeat() {
        return heartbeat;
    }

    @Override
    public BreathPhase phase() {
        return phase;
    }

    @Override
    public boolean backupActive() {
        return backup;
    }

    /** Calls of {@link #step}, including those that stalled or threw. */
    public long calls() {
        return calls;
    }
}
