package org.pneuma.simulation;

import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.alarm.AlarmPriority;

/**
 * One raise of an alarm during a run, from the alarm manager's events: its condition began, later
 * perhaps ended, was acknowledged, and its signal ended. Times are s from the start of the scenario;
 * null while that has not happened (by the end of the run).
 *
 * <p>A raise whose signal still latches when the condition comes back is followed by a new record;
 * the signal goes on under the new one, and the earlier record keeps {@code signalEndedAtS} null.
 *
 * @param id               the alarm
 * @param priority         its priority
 * @param raisedAtS        when its condition began
 * @param clearedAtS       when its condition ended
 * @param acknowledgedAtS  when it was first acknowledged while it signalled
 * @param signalEndedAtS   when its signal (sound and light) ended: with the condition, or for a
 *                         latching alarm at the acknowledge after it
 */
public record AlarmRecord(AlarmId id, AlarmPriority priority, double raisedAtS, Double clearedAtS, Double acknowledgedAtS,
                          Double signalEndedAtS) {

    public AlarmRecord {
        if (id == null || priority == null) throw new IllegalArgumentException("id and priority are required");
    }

    /** A raise with nothing after it yet. */
    public static AlarmRecord raised(AlarmId id, double atS) {
        return new AlarmRecord(id, id.priority(), atS, null, null, null);
    }
}
