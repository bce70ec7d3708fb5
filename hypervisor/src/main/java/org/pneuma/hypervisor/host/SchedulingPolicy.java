package org.pneuma.hypervisor.host;

/** Linux scheduling policies, with the numbers {@code sched_setscheduler} takes. */
public enum SchedulingPolicy {
    /** {@code SCHED_OTHER}: the default time-sharing policy; priority 0. */
    OTHER(0),
    /** {@code SCHED_FIFO}: real time, runs until it blocks or a higher priority preempts it; priority 1–99. */
    FIFO(1),
    /** {@code SCHED_RR}: real time with a time slice among equal priorities; priority 1–99. */
    RR(2),
    /** {@code SCHED_BATCH}: time-sharing, assumed CPU-bound; priority 0. */
    BATCH(3),
    /** {@code SCHED_IDLE}: runs only when nothing else wants the CPU; priority 0. */
    IDLE(5);

    /** {@code SCHED_RESET_ON_FORK}, which {@code sched_getscheduler} may OR into the policy. */
    static final int RESET_ON_FORK = 0x40000000;

    private final int linuxValue;

    SchedulingPolicy(int linuxValue) {
        this.linuxValue = linuxValue;
    }

    /** The number the kernel uses. */
    public int linuxValue() {
        return linuxValue;
    }

    /** The kernel's name, {@code "SCHED_FIFO"}. */
    public String linuxName() {
        return "SCHED_" + name();
    }

    /** The policy for a value {@code sched_getscheduler} returned, ignoring {@code SCHED_RESET_ON_FORK}. */
    public static SchedulingPolicy fromLinux(int value) {
        int policy = value & ~RESET_ON_FORK;
        for (SchedulingPolicy candidate : values()) {
            if (candidate.linuxValue == policy) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown Linux scheduling policy " + value);
    }
}
