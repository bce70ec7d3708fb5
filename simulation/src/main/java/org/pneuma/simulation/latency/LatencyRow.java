package org.pneuma.simulation.latency;

import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.alarm.AlarmPriority;

/**
 * One alarm's detection latency, as its raise scenario measured it.
 *
 * @param id              the alarm
 * @param documentedDelay the delay its rule documents (the alarm monitor's table)
 * @param scenario        the raise scenario's file name; null when the alarm has none
 * @param onsetS          when the condition began in that scenario, s; null without a scenario
 * @param raisedAtS       when the alarm was first raised at or after the onset, s; null if it was not
 */
public record LatencyRow(AlarmId id, String documentedDelay, String scenario, Double onsetS, Double raisedAtS) {

    public LatencyRow {
        if (id == null || documentedDelay == null) throw new IllegalArgumentException("id and documented delay are required");
    }

    public AlarmPriority priority() {
        return id.priority();
    }

    /** Raised minus onset, s; null when not measured. */
    public Double latencyS() {
        return onsetS == null || raisedAtS == null ? null : raisedAtS - onsetS;
    }

    /** A raise scenario ran and did not raise its alarm after the onset. */
    public boolean missed() {
        return scenario != null && raisedAtS == null;
    }
}
