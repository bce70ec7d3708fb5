package org.pneuma.cli;

import java.util.List;
import java.util.Locale;
import org.pneuma.hypervisor.supervisor.SystemStatus;

/** A running system's status as text, for {@code pneuma status} and the live console view of {@code pneuma run}. */
final class StatusText {
    private StatusText() {
    }

    static String render(SystemStatus s, int events) {
        StringBuilder b = new StringBuilder();
        line(b, "Pneuma — up %.0f s, supervisor pid %d, run directory %s", s.uptimeS(), s.supervisorPid(), s.runDirectory());
        b.append('\n');
        SystemStatus.Numerics n = s.numerics();
        if (n == null) {
            line(b, "numerics     (no sensor bus)");
        } else if (!n.busState().equals("OK") && !n.busState().equals("STALE")) {
            line(b, "numerics     no sample on the sensor bus (%s)", n.busState());
        } else {
            line(b, "numerics     %s  Paw %5.1f cmH2O  flow %6.1f L/min  V %5.0f mL  O2 %4.1f %%",
                n.fresh() ? "live " : "STALE", n.pressureCmH2O(), n.flowLpm(), n.volumeMl(), n.oxygenPercent());
            line(b, "breath %-5d PIP %4.1f  PEEP %4.1f cmH2O  Vti %4.0f  Vte %4.0f mL  rate %4.1f /min  MV %4.1f L/min  I:E 1:%.1f",
                n.breathNumber(), n.pipCmH2O(), n.peepCmH2O(), n.vtiMl(), n.vteMl(), n.rateBpm(), n.minuteVolumeLpm(),
                n.ieRatio() > 0 ? 1 / n.ieRatio() : 0);
        }
        line(b, "alarms       %s", s.alarms().isEmpty() ? "none" : String.join(", ", s.alarms()));
        b.append('\n');
        SystemStatus.Safety safety = s.safety();
        if (safety != null) {
            line(b, "safety       pid %d %s, CPU %d, SCHED_FIFO control %d / alarm watchdog %d, restarts %d, %s",
                safety.pid(), safety.alive() ? "running" : "NOT RUNNING", safety.cpu(), safety.controlPriority(),
                safety.alarmPriority(), safety.restarts(), safety.realtimeRefusals() == 0 ? "real-time as configured"
                    : "DEGRADED: the host refused " + safety.realtimeRefusals() + " real-time means (its log says which)");
        }
        SystemStatus.Loop loop = s.loop();
        if (loop != null) {
            line(b, "loop         %d ticks, last %.0f µs, max %.0f µs, max wake-up lateness %.0f µs, deadline misses %d, "
                + "GC collections in real time %d", loop.ticks(), loop.lastTickUs(), loop.maxTickUs(), loop.maxLatenessUs(),
                loop.deadlineMisses(), loop.gcCollections());
        }
        SystemStatus.Commands c = s.commands();
        if (c != null) {
            line(b, "commands     accepted %d, rejected %d (rate-limited %d), garbled frames %d",
                c.accepted(), c.rejected(), c.rateLimited(), c.garbledFrames());
        }
        SystemStatus.Guest g = s.guest();
        if (g != null) {
            line(b, "guest        '%s' on backend %s: CPUs %s, budget %d %%, memory %d MiB, pids %d, partition restarts %d",
                g.name(), g.backend(), g.cpus(), g.cpuBudgetPct(), g.memoryLimitBytes() >> 20, g.pidsLimit(),
                g.partitionRestarts());
            for (SystemStatus.Service svc : g.services()) {
                line(b, "  %-10s pid %-7d %-8s heartbeat %5.1f s ago (timeout %.0f s), restarts %d%s", svc.name(),
                    svc.pid(), svc.alive() ? "alive" : "DOWN", svc.heartbeatAgeS(), svc.heartbeatTimeoutS(),
                    svc.restarts(), svc.lastProblem().isEmpty() ? "" : " — last: " + svc.lastProblem());
            }
            for (String notIsolated : g.notIsolated()) {
                line(b, "  not isolated: %s", notIsolated);
            }
        }
        List<String> recent = s.events();
        if (events > 0 && !recent.isEmpty()) {
            b.append('\n');
            line(b, "recent events");
            for (String e : recent.subList(Math.max(0, recent.size() - events), recent.size())) {
                line(b, "  %s", e);
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
