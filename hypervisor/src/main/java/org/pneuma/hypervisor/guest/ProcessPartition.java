package org.pneuma.hypervisor.guest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A "partition" of plain child processes: the same API as a sandboxed one, and no isolation at all. Every log line
 * and report says so. Thread-safe: {@code launch} and {@code stop} hold the partition's lock.
 */
final class ProcessPartition implements GuestPartition {
    static final String WARNING = "PROCESS BACKEND ISOLATES NOTHING";
    private static final System.Logger LOG = System.getLogger(ProcessPartition.class.getName());
    private static final long STOP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long POLL_NS = 2_000_000;

    private final GuestPartitionSpec spec;
    private final PartitionFiles files;
    private final List<GuestService> services = new CopyOnWriteArrayList<>();
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();
    private final StopOnExit stopOnExit;
    private boolean stopped;

    private ProcessPartition(GuestPartitionSpec spec, PartitionFiles files) {
        this.spec = spec;
        this.files = files;
        this.stopOnExit = new StopOnExit(this::stopQuietly);
    }

    static ProcessPartition start(GuestPartitionSpec spec) {
        ProcessPartition partition = new ProcessPartition(spec, PartitionFiles.create(spec.name()));
        partition.stopOnExit.arm();
        partition.warnAbout("started; its services are plain child processes of this JVM. "
            + String.join("; ", notIsolated(spec)));
        return partition;
    }

    @Override
    public GuestPartitionSpec spec() {
        return spec;
    }

    @Override
    public String backend() {
        return ProcessBackend.LABEL;
    }

    private void warnAbout(String what) {
        LOG.log(System.Logger.Level.WARNING, WARNING + ": guest partition " + spec.name() + " " + what);
    }

    @Override
    public synchronized GuestService launch(String serviceName, List<String> command, Map<String, String> environment) {
        if (stopped) {
            throw new IllegalStateException("guest partition " + spec.name() + " has been stopped");
        }
        PartitionFiles.requireNewServiceName(spec.name(), serviceName, services);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("guest partition " + spec.name() + ": service " + serviceName
                + " has an empty command");
        }
        Path output = files.serviceOutput(serviceName);
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(new File("/"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(PartitionFiles.environment(spec, environment));
        try {
            Process process = builder.start();
            GuestService service = new GuestService(serviceName, process, process.toHandle(), output);
            services.add(service);
            warnAbout("launched " + serviceName + " as pid " + process.pid() + " with no limit and no isolation");
            return service;
        } catch (IOException e) {
            throw new GuestPartitionException("guest partition " + spec.name() + ": cannot launch " + serviceName + " "
                + command + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<GuestService> services() {
        return List.copyOf(services);
    }

    @Override
    public GuestLimits limits() {
        return new GuestLimits(ProcessBackend.LABEL, List.of(), notApplied(spec));
    }

    @Override
    public IsolationReport isolation() {
        List<String> open = new ArrayList<>();
        open.add(WARNING + ": services are plain child processes of the supervisor");
        notIsolated(spec).forEach(line -> open.add(WARNING + ": " + line));
        return new IsolationReport(ProcessBackend.LABEL, spec.name(), List.of(), open);
    }

    @Override
    public List<Path> cgroupDirectories() {
        return List.of();
    }

    /**
     * Kills every service and every descendant it has, repeatedly, until none is alive. A process that left its
     * parent (a double fork, a daemon) is no longer a descendant and survives: nothing here tracks it.
     */
    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopOnExit.disarm();
        long deadline = System.nanoTime() + STOP_TIMEOUT_NS;
        while (true) {
            for (GuestService service : services) {
                service.process().descendants().forEach(seen::add);
                seen.add(service.process());
            }
            seen.forEach(ProcessHandle::destroyForcibly);
            List<ProcessHandle> alive = seen.stream().filter(HostProcesses::isRunning).toList();
            if (alive.isEmpty() || System.nanoTime() - deadline > 0) {
                services.forEach(GuestService::keepOutput);
                List<String> leftovers = new ArrayList<>(files.delete());
                alive.forEach(p -> leftovers.add("process " + p.pid()));
                if (!leftovers.isEmpty()) {
                    throw new GuestPartitionException("guest partition " + spec.name() + ": stop left behind "
                        + String.join("; ", leftovers));
                }
                break;
            }
            LockSupport.parkNanos(POLL_NS);
        }
        stopped = true;
        warnAbout("stopped: its services and their descendants are killed; any process that left them is not tracked");
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
        }
    }

    private static List<String> notApplied(GuestPartitionSpec spec) {
        String why = " (" + WARNING + ")";
        List<String> lines = new ArrayList<>();
        lines.add("cpus " + spec.cpus() + why);
        lines.add("cpu budget " + spec.cpuBudgetPercent() + " %" + why);
        lines.add("memory " + spec.memoryLimitBytes() + " bytes" + why);
        lines.add("pids " + spec.pidsLimit() + why);
        return lines;
    }

    private static List<String> notIsolated(GuestPartitionSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add("no CPU, cpuset, memory or pids limit: a hog or a fork bomb takes the host's CPUs, memory and pids");
        lines.add("no namespace: services see and can signal every host process, use the host network and mounts");
        if (!spec.readOnlyPaths().isEmpty()) {
            lines.add("read-only paths are NOT protected: " + spec.readOnlyPaths() + " are writable by whoever the "
                + "services run as");
        }
        lines.add("services run as the supervisor's user with all of its privileges");
        return lines;
    }
}
