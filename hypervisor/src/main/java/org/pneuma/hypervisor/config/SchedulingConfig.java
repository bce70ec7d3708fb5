package org.pneuma.hypervisor.config;

/**
 * Real-time scheduling of the safety partition's threads. The alarm monitor must run above control,
 * and control above the sensor-bus publisher (the seed: alarms take precedence over every task).
 *
 * @param policy             "fifo" (SCHED_FIFO) or "other" (no real time, for hosts without it)
 * @param alarmPriority      SCHED_FIFO priority of the alarm monitor thread, 1–99
 * @param controlPriority    of the control thread
 * @param publisherPriority  of the sensor-bus publisher
 */
public record SchedulingConfig(String policy, int alarmPriority, int controlPriority, int publisherPriority) {
}
