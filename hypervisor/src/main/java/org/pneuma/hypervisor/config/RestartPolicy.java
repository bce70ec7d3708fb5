package org.pneuma.hypervisor.config;

import java.util.List;

/**
 * What the supervisor does when a partition or service dies or falls silent.
 *
 * @param policy        "always", "on_failure" or "never"
 * @param maxRestarts   restarts allowed within {@code withinS} before giving up (safety) — 0 for no cap
 * @param withinS       the window of {@code maxRestarts}
 * @param backoffS      waits before successive restarts of a service; the last repeats
 * @param escalateAfter failures of one service before the whole guest partition restarts (0: never)
 */
public record RestartPolicy(String policy, Integer maxRestarts, Double withinS, List<Double> backoffS,
                            Integer escalateAfter) {
}
