package org.pneuma.hypervisor.supervisor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The faults {@code pneuma fault inject} can put into a running system, each with what the system must
 * do about it. None may change a ventilation output; the safety partition only ever raises technical
 * alarms about the guest.
 */
public enum FaultKind {
    GUEST_CPU_HOG("busy loops in the guest partition, beyond its CPU budget",
        "contained by the guest's CPU quota and cpuset"),
    GUEST_MEMORY_HOG("allocations in the guest partition beyond its memory limit",
        "contained by the guest's memory limit (the OOM killer acts inside it)"),
    GUEST_FORK_BOMB("a fork bomb in the guest partition",
        "contained by the guest's pids limit; services that cannot start threads fail and are restarted"),
    GUEST_IO_FLOOD("a write-and-fsync flood from the guest partition",
        "bounded by the guest's CPU quota (no disk-I/O limit in the sandbox)"),
    GUEST_KILL("SIGKILL to the display service",
        "DISPLAY_LOST until the display is restarted and beats again"),
    GUEST_HANG("SIGSTOP to the display service (alive, silent)",
        "DISPLAY_LOST once its heartbeat times out; the display is killed and restarted"),
    BUS_WRITE_ATTEMPT("a guest process tries to write the sensor bus every way it can",
        "every attempt refused: the safety directory is bound read-only into the guest, which cannot remount it"),
    COMMAND_FLOOD("a guest process floods the command mailbox",
        "rate-limited and rejected; no setting changes"),
    COMMAND_GARBAGE("a guest process writes a million random frames into the command mailbox",
        "every frame rejected or garbled; no setting changes");

    private final String what;
    private final String expected;

    FaultKind(String what, String expected) {
        this.what = what;
        this.expected = expected;
    }

    /** The name on the command line: {@code guest-cpu-hog}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String what() {
        return what;
    }

    /** What the system must do about it. */
    public String expected() {
        return expected;
    }

    public static Optional<FaultKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
    }
}
