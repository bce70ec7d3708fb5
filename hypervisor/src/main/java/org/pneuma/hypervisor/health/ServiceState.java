package org.pneuma.hypervisor.health;

/** What the supervisor observed of one guest service at a check: is its process alive, when did it last beat. */
public record ServiceState(String service, boolean alive, long lastHeartbeatNs) {
}
