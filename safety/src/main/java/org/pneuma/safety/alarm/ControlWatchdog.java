package org.pneuma.safety.alarm;

import org.pneuma.hal.ValveCommand;

/**
 * Judges the control step by what it does, never by what it says: its heartbeat must advance every
 * tick (a stall shows as a heartbeat that stops), and its valve command must be physically sensible.
 * Once it has failed it stays failed: a controller that stalled or threw is not trusted again until
 * the partition restarts it.
 *
 * <p>Safety thread only; allocation-free.
 */
final class ControlWatchdog {
    /** A heartbeat older than this is a stalled control step. */
    static final long HEARTBEAT_TIMEOUT_NS = 20_000_000L;
    /** An implausible command repeated this long is a failed control step. */
    static final long IMPLAUSIBLE_FOR_NS = 5_000_000L;

    private long lastHeartbeat = -1;
    private long lastBeatNs;
    private long implausibleSinceNs;
    private boolean implausible;
    private boolean failed;

    /** @return whether the control step has failed (now or before) */
    boolean check(long nowNs, long heartbeat, boolean threw, ValveCommand command) {
        if (failed) return true;
        if (heartbeat != lastHeartbeat) {
            lastHeartbeat = heartbeat;
            lastBeatNs = nowNs;
        }
        boolean nonsense = !plausible(command);
        if (nonsense && !implausible) implausibleSinceNs = nowNs;
        implausible = nonsense;
        failed = threw
                || nowNs - lastBeatNs >= HEARTBEAT_TIMEOUT_NS
                || (implausible && nowNs - implausibleSinceNs >= IMPLAUSIBLE_FOR_NS);
        return failed;
    }

    /** Openings within 0–1, a pilot within 0–120 cmH2O, numbers finite, the safety valve left shut. */
    static boolean plausible(ValveCommand c) {
        return c.airOpening >= 0 && c.airOpening <= 1
                && c.oxygenOpening >= 0 && c.oxygenOpening <= 1
                && c.expiratoryPilotCmH2O >= 0 && c.expiratoryPilotCmH2O <= ValveCommand.EXPIRATORY_VALVE_SHUT_CMH2O
                && !c.safetyValveOpen;
    }

    boolean failed() {
        return failed;
    }
}
