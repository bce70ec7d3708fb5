package org.pneuma.channel;

/**
 * A technical alarm the platform (the supervisor) raises in the safety partition, which alone sounds
 * alarms. A flag's bit on the {@link PlatformAlarmBoard} is {@code 1 << ordinal()}: append only.
 */
public enum PlatformAlarm {
    /** The display service is down: the operator sees nothing, ventilation goes on. */
    DISPLAY_LOST,
    /** Another guest service (recorder, uploader) or the guest partition is down. */
    GUEST_FAULT;

    long bit() {
        return 1L << ordinal();
    }
}
