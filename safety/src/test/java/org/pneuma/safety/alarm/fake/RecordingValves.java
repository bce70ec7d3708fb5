package org.pneuma.safety.alarm.fake;

import org.pneuma.hal.ValveCommand;
import org.pneuma.hal.Valves;

/** Keeps a copy of the last command applied, and counts the calls; allocates nothing. */
public final class RecordingValves implements Valves {
    public final ValveCommand last = new ValveCommand();
    public long applied;

    @Override
    public void apply(ValveCommand command) {
        last.airOpening = command.airOpening;
        last.oxygenOpening = command.oxygenOpening;
        last.expiratoryPilotCmH2O = command.expiratoryPilotCmH2O;
        last.safetyValveOpen = command.safetyValveOpen;
        applied++;
    }

    /** Whether the last command applied was the safe state. */
    public boolean safeState() {
        return last.safetyValveOpen && last.airOpening == 0 && last.oxygenOpening == 0 && last.expiratoryPilotCmH2O == 0;
    }
}
