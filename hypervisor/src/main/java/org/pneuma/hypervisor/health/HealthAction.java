package org.pneuma.hypervisor.health;

/** What the supervisor must do after a health check. */
public sealed interface HealthAction {

    /** Restart one guest service (it died or fell silent), after its back-off. */
    record RestartService(String service, String reason, int failures) implements HealthAction {
    }

    /** Restart the whole guest partition: one service failed too often for a service restart to be trusted. */
    record RestartPartition(String reason) implements HealthAction {
    }

    /** Tell the safety partition to raise (or clear) a technical alarm about the guest. */
    record TechnicalAlarm(String alarmId, boolean active, String reason) implements HealthAction {
    }
}
