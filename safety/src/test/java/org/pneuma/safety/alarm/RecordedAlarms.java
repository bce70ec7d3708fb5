package org.pneuma.safety.alarm;

import java.util.ArrayList;
import java.util.List;

/** An alarm listener that keeps every event, for functional tests (it allocates). */
final class RecordedAlarms implements AlarmListener {
    record Entry(AlarmId id, Event event, long atNs) {
    }

    final List<Entry> entries = new ArrayList<>();

    @Override
    public void onAlarm(AlarmId id, Event event, long nowNs) {
        entries.add(new Entry(id, event, nowNs));
    }

    List<Entry> of(AlarmId id) {
        return entries.stream().filter(e -> e.id() == id).toList();
    }

    List<Event> eventsOf(AlarmId id) {
        return entries.stream().filter(e -> e.id() == id).map(Entry::event).toList();
    }

    /** When {@code id} was first raised, or -1 if never. */
    long firstRaisedAtNs(AlarmId id) {
        return entries.stream().filter(e -> e.id() == id && e.event() == Event.RAISED)
                .mapToLong(Entry::atNs).findFirst().orElse(-1);
    }

    boolean raised(AlarmId id) {
        return entries.stream().anyMatch(e -> e.id() == id && e.event() == Event.RAISED);
    }
}
