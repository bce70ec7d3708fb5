package org.pneuma.hypervisor.doctor;

/**
 * What the kernel lets this process do for real-time work, read from {@code /proc/self/status} and
 * {@code /proc/self/limits}: the evidence behind a refused {@code SCHED_FIFO} or {@code mlockall}.
 *
 * @param effectiveCapabilities the {@code CapEff} bit mask
 * @param realtimePriorityLimit the soft {@code RLIMIT_RTPRIO} ("Max realtime priority"); -1 for unlimited
 * @param lockedMemoryLimitBytes the soft {@code RLIMIT_MEMLOCK} ("Max locked memory"); -1 for unlimited
 */
public record ProcessPrivileges(long effectiveCapabilities, long realtimePriorityLimit, long lockedMemoryLimitBytes) {
    static final int CAP_IPC_LOCK = 14;
    static final int CAP_SYS_NICE = 23;

    /** Nothing known: no capabilities, zero limits. */
    public static final ProcessPrivileges UNKNOWN = new ProcessPrivileges(0, 0, 0);

    /** Parses the two files' texts; a missing line reads as no capability, or a zero limit. */
    public static ProcessPrivileges parse(String procStatus, String procLimits) {
        long capabilities = 0;
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                capabilities = Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
            }
        }
        return new ProcessPrivileges(capabilities, softLimit(procLimits, "Max realtime priority"),
            softLimit(procLimits, "Max locked memory"));
    }

    /** {@code CAP_SYS_NICE}: may set real-time policies at any priority. */
    public boolean hasSysNice() {
        return (effectiveCapabilities & (1L << CAP_SYS_NICE)) != 0;
    }

    /** {@code CAP_IPC_LOCK}: may lock memory beyond {@code RLIMIT_MEMLOCK}. */
    public boolean hasIpcLock() {
        return (effectiveCapabilities & (1L << CAP_IPC_LOCK)) != 0;
    }

    /** Whether the kernel's rules allow this process {@code SCHED_FIFO} at {@code priority}. */
    public boolean mayUseRealtimePriority(int priority) {
        return hasSysNice() || realtimePriorityLimit < 0 || realtimePriorityLimit >= priority;
    }

    /** The reason in words, {@code "CAP_SYS_NICE"} or {@code "no CAP_SYS_NICE, RLIMIT_RTPRIO 0"}. */
    public String realtimeEvidence() {
        return hasSysNice() ? "CAP_SYS_NICE" : "no CAP_SYS_NICE, RLIMIT_RTPRIO " + limitText(realtimePriorityLimit);
    }

    /** The reason in words, {@code "CAP_IPC_LOCK"} or {@code "no CAP_IPC_LOCK, RLIMIT_MEMLOCK 8388608 bytes"}. */
    public String memoryLockEvidence() {
        return hasIpcLock() ? "CAP_IPC_LOCK"
            : "no CAP_IPC_LOCK, RLIMIT_MEMLOCK " + limitText(lockedMemoryLimitBytes)
                + (lockedMemoryLimitBytes < 0 ? "" : " bytes");
    }

    private static String limitText(long limit) {
        return limit < 0 ? "unlimited" : Long.toString(limit);
    }

    private static long softLimit(String procLimits, String name) {
        for (String line : procLimits.split("\n")) {
            if (line.startsWith(name)) {
                String soft = line.substring(name.length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
            }
        }
        return 0;
    }
}
