package org.pneuma.hypervisor.host;

import java.util.Objects;

/**
 * How the kernel schedules one thread: a policy and its static priority (1–99 for FIFO and RR, 0 otherwise).
 *
 * @param policy   the scheduling policy
 * @param priority the static priority ({@code sched_priority})
 */
public record ThreadScheduling(SchedulingPolicy policy, int priority) {
    public ThreadScheduling {
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String toString() {
        return policy.linuxName() + " priority " + priority;
    }
}
