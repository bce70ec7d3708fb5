package org.pneuma.hypervisor.supervisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pneuma.channel.HeartbeatReader;
import org.pneuma.channel.HeartbeatSample;
import org.pneuma.channel.HeartbeatStatus;
import org.pneuma.channel.PlatformAlarm;
import org.pneuma.channel.PlatformAlarmBoard;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.config.RestartPolicy;
import org.pneuma.hypervisor.config.ServiceConfig;
import org.pneuma.hypervisor.guest.GuestBackend;
import org.pneuma.hypervisor.guest.GuestPartition;
import org.pneuma.hypervisor.guest.GuestPartitionSpec;
import org.pneuma.hypervisor.guest.GuestService;
import org.pneuma.hypervisor.health.GuestHealthMonitor;
import org.pneuma.hypervisor.health.HealthAction;
import org.pneuma.hypervisor.health.ServiceState;

/**
 * The guest partition and its services as the supervisor runs them: started from the configuration,
 * watched through their heartbeat slots and process exits, restarted as {@link GuestHealthMonitor}
 * decides, and the technical alarms it decides raised on the {@link PlatformAlarmBoard} for the
 * safety partition to sound. Thread-safe (one lock); never on a real-time path.
 */
final class GuestSupervision {
    /** Steady beating that forgives a service its failures. */
    private static final long STABLE_AFTER_NS = TimeUnit.SECONDS.toNanos(30);

    /** One configured service: its heartbeat slot, the process running it now, its history. */
    private static final class Slot {
        final ServiceConfig config;
        final int slot;
        GuestService current;
        long launchedNs;
        int launches;
        int restarts;
        String lastProblem = "";

        Slot(ServiceConfig config, int slot) {
            this.config = config;
            this.slot = slot;
        }
    }

    private final GuestBackend backend;
    private final GuestPartitionSpec spec;
    private final PartitionCommands commands;
    private final RunDirectory run;
    private final HeartbeatReader heartbeats;
    private final PlatformAlarmBoard alarms;
    private final Consumer<String> log;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final GuestHealthMonitor health;
    private final HeartbeatSample beat = new HeartbeatSample();
    private GuestPartition partition;
    private int partitionRestarts;
    private int extraLaunches;

    GuestSupervision(GuestBackend backend, GuestPartitionSpec spec, List<ServiceConfig> services, RestartPolicy restart,
                     PartitionCommands commands, RunDirectory run, HeartbeatReader heartbeats, PlatformAlarmBoard alarms,
                     Consumer<String> log) {
        this.backend = backend;
        this.spec = spec;
        this.commands = commands;
        this.run = run;
        this.heartbeats = heartbeats;
        this.alarms = alarms;
        this.log = log;
        Map<String, Long> timeouts = new LinkedHashMap<>();
        for (int i = 0; i < services.size(); i++) {
            ServiceConfig service = services.get(i);
            slots.put(service.name(), new Slot(service, i));
            timeouts.put(service.name(), (long) (service.heartbeatTimeoutS() * 1e9));
        }
        List<Double> backoffS = restart == null || restart.backoffS() == null ? List.of(1.0, 2.0, 4.0, 8.0) : restart.backoffS();
        long[] backoffNs = backoffS.stream().mapToLong(s -> (long) (s * 1e9)).toArray();
        int escalateAfter = restart == null || restart.escalateAfter() == null ? 3 : restart.escalateAfter();
        this.health = new GuestHealthMonitor(timeouts, backoffNs, escalateAfter, STABLE_AFTER_NS);
    }

    /** Starts the partition and every service in it. */
    synchronized void start() {
        partition = backend.start(spec);
        log.accept("guest partition '" + spec.name() + "' started, backend " + partition.backend());
        for (String line : partition.limits().toLines()) {
            log.accept("guest partition: " + line);
        }
        for (String line : partition.isolation().notInForce()) {
            log.accept("guest partition NOT isolated: " + line);
        }
        for (Slot slot : slots.values()) {
            launch(slot);
        }
    }

    /** One health check: observe every service, act on what the monitor decides. */
    synchronized void check(long nowNs) {
        List<ServiceState> observed = new ArrayList<>();
        for (Slot slot : slots.values()) {
            observed.add(new ServiceState(slot.config.name(), slot.current != null && slot.current.isAlive(),
                lastBeatNs(slot)));
        }
        for (HealthAction action : health.check(nowNs, observed)) {
            switch (action) {
                case HealthAction.RestartService r -> {
                    Slot slot = slots.get(r.service());
                    slot.lastProblem = r.reason();
                    log.accept("guest service " + r.service() + " failed (" + r.reason() + "); restarting it, failure "
                        + r.failures() + " in a row" + lastWords(slot.current));
                    slot.restarts++;
                    relaunch(slot);
                }
                case HealthAction.RestartPartition r -> restartPartition(r.reason());
                case HealthAction.TechnicalAlarm a -> {
                    alarms.set(PlatformAlarm.valueOf(a.alarmId()), a.active());
                    log.accept((a.active() ? "raised " : "cleared ") + a.alarmId() + ": " + a.reason());
                }
            }
        }
    }

    /** Launches an extra process into the partition (a fault's guest half); not health-watched. */
    synchronized GuestService launchExtra(String name, List<String> command) {
        extraLaunches++;
        return partition.launch(name + "-" + extraLaunches, command, Map.of());
    }

    /** The running process of a configured service, if any. */
    synchronized GuestService current(String service) {
        Slot slot = slots.get(service);
        if (slot == null) {
            throw new IllegalArgumentException("no guest service '" + service + "' in the configuration");
        }
        return slot.current;
    }

    synchronized GuestPartition partition() {
        return partition;
    }

    synchronized int partitionRestarts() {
        return partitionRestarts;
    }

    /** What the status shows of each configured service. */
    synchronized List<SystemStatus.Service> services(long nowNs) {
        List<SystemStatus.Service> out = new ArrayList<>();
        for (Slot slot : slots.values()) {
            boolean alive = slot.current != null && slot.current.isAlive();
            out.add(new SystemStatus.Service(slot.config.name(), slot.current == null ? 0 : slot.current.pid(), alive,
                (nowNs - lastBeatNs(slot)) / 1e9, slot.config.heartbeatTimeoutS(), slot.restarts, slot.lastProblem));
        }
        return out;
    }

    synchronized void stop() {
        if (partition != null) {
            partition.stop();
            log.accept("guest partition '" + spec.name() + "' stopped: every process ended, every cgroup removed");
        }
    }

    private void launch(Slot slot) {
        slot.launches++;
        String name = slot.launches == 1 ? slot.config.name() : slot.config.name() + "-" + slot.launches;
        slot.launchedNs = System.nanoTime();
        slot.current = partition.launch(name, commands.guestService(slot.config.name(), slot.slot, run), Map.of());
        log.accept("guest service " + slot.config.name() + " started: pid " + slot.current.pid()
            + ", heartbeat slot " + slot.slot);
    }

    private void relaunch(Slot slot) {
        if (slot.current != null) {
            slot.current.kill();
        }
        try {
            launch(slot);
        } catch (RuntimeException e) {
            // A partition that cannot start a process now (pids exhausted, memory) gets another try at the next back-off.
            slot.lastProblem = "restart failed: " + e.getMessage();
            log.accept("guest service " + slot.config.name() + " could not be restarted: " + e.getMessage());
        }
    }

    private void restartPartition(String reason) {
        log.accept("restarting the guest partition: " + reason);
        partitionRestarts++;
        partition.stop();
        partition = backend.start(spec);
        extraLaunches = 0;
        for (Slot slot : slots.values()) {
            slot.launches = 0;
            slot.restarts++;
            slot.lastProblem = reason;
            launch(slot);
        }
    }

    /** A dead service's exit code and last line of output, for the log. */
    private static String lastWords(GuestService service) {
        if (service == null || service.isAlive()) return "";
        String last = service.output().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        return "; it exited " + service.exitCode().orElse(-1) + (last.isEmpty() ? "" : ", last output: " + last.strip());
    }

    /** The later of its last beat and its launch: a new process gets a whole timeout before it is judged. */
    private long lastBeatNs(Slot slot) {
        long beatNs = heartbeats.read(slot.slot, beat) == HeartbeatStatus.OK ? beat.lastBeatNs() : Long.MIN_VALUE;
        return Math.max(beatNs, slot.launchedNs);
    }
}
