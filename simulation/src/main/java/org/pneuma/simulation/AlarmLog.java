package org.pneuma.simulation;

import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.alarm.AlarmListener;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The recording runner's {@link AlarmListener}: one {@link AlarmRecord} per raise, completed as the
 * alarm manager reports the condition's end, the acknowledge and the end of the signal. Each event
 * belongs to the latest raise of its alarm.
 *
 * <p>Allocates per event (off the real-time path: simulation only). One thread.
 */
final class AlarmLog implements AlarmListener {
    private final List<AlarmRecord> records = new ArrayList<>();
    private final Map<AlarmId, Integer> latest = new EnumMap<>(AlarmId.class);

    @Override
    public void onAlarm(AlarmId id, Event event, long nowNs) {
        double atS = nowNs / 1e9;
        if (event == Event.RAISED) {
            latest.put(id, records.size());
            records.add(AlarmRecord.raised(id, atS));
            return;
        }
        Integer i = latest.get(id);
        if (i == null) throw new IllegalStateException(id + " " + event + " at " + atS + " s before it was raised");
        AlarmRecord r = records.get(i);
        records.set(i, switch (event) {
            case CLEARED -> new AlarmRecord(id, r.priority(), r.raisedAtS(), atS, r.acknowledgedAtS(), r.signalEndedAtS());
            case ACKNOWLEDGED -> r.acknowledgedAtS() != null ? r
                    : new AlarmRecord(id, r.priority(), r.raisedAtS(), r.clearedAtS(), atS, r.signalEndedAtS());
            case SIGNAL_ENDED -> new AlarmRecord(id, r.priority(), r.raisedAtS(), r.clearedAtS(), r.acknowledgedAtS(), atS);
            case RAISED -> throw new IllegalStateException("handled above");
        });
    }

    /** The raises so far, in the order they happened. */
    List<AlarmRecord> records() {
        return List.copyOf(records);
    }
}
