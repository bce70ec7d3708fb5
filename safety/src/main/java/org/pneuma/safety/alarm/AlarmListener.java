package org.pneuma.safety.alarm;

/**
 * Hears what happens to alarms, on the safety thread, as it happens. Implementations on the real-time
 * path must not allocate, block or do I/O; a simulation's log may.
 */
public interface AlarmListener {
    AlarmListener NONE = (id, event, nowNs) -> { };

    /** What happened to an alarm. */
    enum Event {
        /** The condition began: the signal starts (or restarts). */
        RAISED,
        /** The condition ended (a latched signal may go on). */
        CLEARED,
        /** The operator acknowledged it: a latched signal ends, an active one falls silent. */
        ACKNOWLEDGED,
        /** Its signal ended (condition over and, if latching, acknowledged). */
        SIGNAL_ENDED
    }

    void onAlarm(AlarmId id, Event event, long nowNs);
}
