package org.pneuma.hypervisor.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, from what the supervisor sees of each guest service, when to restart it, when to restart
 * the whole guest partition, and which technical alarm the safety partition must raise. A pure state
 * machine over injected time: the supervisor observes, this decides, the supervisor acts.
 *
 * <ul>
 *   <li>A service whose process died, or whose heartbeat is older than its timeout, has failed: it is
 *       restarted after a back-off that grows with its consecutive failures (the last back-off
 *       repeats).</li>
 *   <li>After {@code escalateAfter} consecutive failures of one service, the whole partition is
 *       restarted instead, and the failure counts start again.</li>
 *   <li>While the display is down, DISPLAY_LOST is raised; while any other service is down,
 *       GUEST_FAULT. Neither is HIGH: ventilation goes on. Each clears when its services beat again.</li>
 *   <li>A service that beats steadily for {@code stableAfterNs} has its failure count forgiven.</li>
 * </ul>
 *
 * <p>The supervisor reports a service it has just restarted with its start time as last heartbeat, so
 * the new process gets a whole timeout before it is judged.
 *
 * <p>Supervisor thread only; not on any real-time path.
 */
public final class GuestHealthMonitor {
    public static final String DISPLAY = "display";

    private final Map<String, Long> heartbeatTimeoutNs;
    private final long[] backoffNs;
    private final int escalateAfter;
    private final long stableAfterNs;
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Long> restartDueNs = new HashMap<>();
    private final Map<String, Long> healthySinceNs = new HashMap<>();
    private boolean displayLost;
    private boolean guestFault;

    /**
     * @param heartbeatTimeoutNs per service, the longest silence that is not a failure
     * @param backoffNs          waits before the 1st, 2nd, … restart of a service; the last repeats
     * @param escalateAfter      consecutive failures of one service that restart the partition (0: never)
     * @param stableAfterNs      steady beating that forgives a service its failures
     */
    public GuestHealthMonitor(Map<String, Long> heartbeatTimeoutNs, long[] backoffNs, int escalateAfter, long stableAfterNs) {
        if (heartbeatTimeoutNs.isEmpty()) throw new IllegalArgumentException("at least one service is needed");
        if (backoffNs.length == 0) throw new IllegalArgumentException("at least one back-off is needed");
        if (escalateAfter < 0) throw new IllegalArgumentException("escalate_after must be >= 0");
        this.heartbeatTimeoutNs = Map.copyOf(heartbeatTimeoutNs);
        this.backoffNs = backoffNs.clone();
        this.escalateAfter = escalateAfter;
        this.stableAfterNs = stableAfterNs;
    }

    /** One check: what the supervisor must do now. */
    public List<HealthAction> check(long nowNs, List<ServiceState> observed) {
        List<HealthAction> actions = new ArrayList<>();
        boolean displayDown = false;
        boolean otherDown = false;
        String otherReason = null;
        String displayReason = null;
        for (ServiceState s : observed) {
            Long timeout = heartbeatTimeoutNs.get(s.service());
            if (timeout == null) throw new IllegalArgumentException("unknown service '" + s.service() + "'");
            String problem = !s.alive() ? "process exited"
                    : nowNs - s.lastHeartbeatNs() > timeout ? "silent for " + (nowNs - s.lastHeartbeatNs()) / 1_000_000 + " ms" : null;
            if (problem == null) {
                healthySinceNs.putIfAbsent(s.service(), nowNs);
                if (nowNs - healthySinceNs.get(s.service()) >= stableAfterNs) failures.remove(s.service());
                restartDueNs.remove(s.service());
                continue;
            }
            healthySinceNs.remove(s.service());
            if (DISPLAY.equals(s.service())) {
                displayDown = true;
                displayReason = s.service() + ": " + problem;
            } else {
                otherDown = true;
                otherReason = s.service() + ": " + problem;
            }
            if (!restartDueNs.containsKey(s.service())) {
                int n = failures.merge(s.service(), 1, Integer::sum);
                if (escalateAfter > 0 && n >= escalateAfter) {
                    actions.add(new HealthAction.RestartPartition(s.service() + " failed " + n + " times in a row (" + problem + ")"));
                    failures.clear();
                    restartDueNs.clear();
                    break;
                }
                restartDueNs.put(s.service(), nowNs + backoffNs[Math.min(n, backoffNs.length) - 1]);
            }
            if (nowNs - restartDueNs.get(s.service()) >= 0) {
                actions.add(new HealthAction.RestartService(s.service(), problem, failures.getOrDefault(s.service(), 0)));
                restartDueNs.remove(s.service());
            }
        }
        if (displayDown != displayLost) {
            displayLost = displayDown;
            actions.add(new HealthAction.TechnicalAlarm("DISPLAY_LOST", displayDown, displayDown ? displayReason : "display beating again"));
        }
        if (otherDown != guestFault) {
            guestFault = otherDown;
            actions.add(new HealthAction.TechnicalAlarm("GUEST_FAULT", otherDown, otherDown ? otherReason : "guest services beating again"));
        }
        return actions;
    }
}
