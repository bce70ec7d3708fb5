package org.pneuma.hypervisor.guest;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A guest partition fenced in by cgroups and namespaces; see {@link SandboxBackend} for what that means and
 * {@link #isolation()} for what is in force. Thread-safe: {@code launch} and {@code stop} hold the partition's lock.
 */
final class SandboxPartition implements GuestPartition {
    private static final System.Logger LOG = System.getLogger(SandboxPartition.class.getName());
    private static final long INIT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long LAUNCH_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long STOP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long LAUNCHERS_EXIT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NS = 2_000_000;

    private final GuestPartitionSpec spec;
    private final SandboxTools tools;
    private final PartitionFiles files;
    private final PartitionCgroups cgroups;
    private final SandboxCommands commands;
    private final List<Path> cgroupDirectories;
    private final List<GuestService> services = new CopyOnWriteArrayList<>();
    private final StopOnExit stopOnExit;
    private IsolationReport isolation;
    private Process initLauncher;
    private ProcessHandle init;
    private boolean stopped;

    private SandboxPartition(GuestPartitionSpec spec, SandboxTools tools, PartitionFiles files, PartitionCgroups cgroups) {
        this.spec = spec;
        this.tools = tools;
        this.files = files;
        this.cgroups = cgroups;
        this.commands = new SandboxCommands(tools, spec, cgroups.procsFiles());
        this.cgroupDirectories = cgroups.directories().stream().map(CgroupDirectory::path).toList();
        this.stopOnExit = new StopOnExit(this::stopQuietly);
    }

    /** Makes the cgroups, starts the init in its namespaces; on any failure removes all of it and rethrows. */
    static SandboxPartition start(GuestPartitionSpec spec, SandboxTools tools, CgroupMounts mounts) {
        PartitionFiles files = PartitionFiles.create(spec.name());
        SandboxPartition partition = null;
        try {
            PartitionCgroups cgroups = PartitionCgroups.create(mounts, spec);
            partition = new SandboxPartition(spec, tools, files, cgroups);
            synchronized (partition) {
                partition.isolation = SandboxIsolation.of(spec, tools, mounts, cgroups);
                partition.startInit();
            }
            partition.stopOnExit.arm();
        } catch (RuntimeException e) {
            if (partition != null) {
                try {
                    partition.stop();
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            } else {
                files.delete();
            }
            throw e;
        }
        for (String line : partition.limits().toLines()) {
            LOG.log(System.Logger.Level.INFO, "guest partition " + spec.name() + ": " + line);
        }
        return partition;
    }

    @Override
    public GuestPartitionSpec spec() {
        return spec;
    }

    @Override
    public String backend() {
        return SandboxBackend.LABEL;
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
        ProcessBuilder builder = new ProcessBuilder(commands.service(init == null ? 0 : init.pid(), command))
            .directory(new File("/"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(PartitionFiles.environment(spec, environment));
        Process launcher = null;
        try {
            launcher = builder.start();
            ProcessHandle service = commands.hasPidNamespace() ? awaitChild(launcher, serviceName, output)
                : launcher.toHandle();
            try (OutputStream go = launcher.getOutputStream()) {
                go.write("go\n".getBytes(StandardCharsets.US_ASCII));
            }
            GuestService launched = new GuestService(serviceName, launcher, service, output);
            services.add(launched);
            return launched;
        } catch (IOException | RuntimeException e) {
            if (launcher != null) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
            throw e instanceof GuestPartitionException g ? g : new GuestPartitionException("guest partition "
                + spec.name() + ": cannot launch " + serviceName + " " + command + ": " + e.getMessage()
                + outputOf(output), e);
        }
    }

    @Override
    public List<GuestService> services() {
        return List.copyOf(services);
    }

    @Override
    public synchronized GuestLimits limits() {
        return cgroups.limits(SandboxBackend.LABEL);
    }

    @Override
    public synchronized IsolationReport isolation() {
        return isolation;
    }

    @Override
    public List<Path> cgroupDirectories() {
        return cgroupDirectories;
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopOnExit.disarm();
        long deadline = System.nanoTime() + STOP_TIMEOUT_NS;
        List<Process> serviceLaunchers = new ArrayList<>();
        List<ProcessHandle> processes = new ArrayList<>();
        for (GuestService service : services) {
            serviceLaunchers.add(service.launcher());
            processes.add(service.process());
        }
        List<Process> launchers = new ArrayList<>(serviceLaunchers);
        if (initLauncher != null) {
            launchers.add(initLauncher);
        }
        if (init != null) {
            processes.add(init);
        }
        if (init != null && commands.hasPidNamespace()) {
            // The kernel kills every process in the namespace. Each launcher, outside it, reaps its service and exits;
            // a launcher that stopped itself with its stopped service is continued to do so. The dying init reaps the
            // rest. Killing the launchers first would leave their services to the host's init to reap.
            init.destroyForcibly();
            resumeStopped(serviceLaunchers, deadline);
            awaitExit(launchers, Math.min(deadline, System.nanoTime() + LAUNCHERS_EXIT_NS));
        }
        List<String> leftovers = new ArrayList<>(cgroups.killAndRemove(deadline));
        launchers.forEach(Process::destroyForcibly);
        awaitExit(launchers, deadline);
        for (Process launcher : launchers) {
            if (launcher.isAlive()) {
                leftovers.add("launcher process " + launcher.pid());
            }
        }
        for (ProcessHandle process : processes) {
            while (HostProcesses.isRunning(process) && System.nanoTime() - deadline < 0) {
                process.destroyForcibly();
                LockSupport.parkNanos(POLL_NS);
            }
            if (HostProcesses.isRunning(process)) {
                leftovers.add("process " + process.pid() + " " + process.info().commandLine().orElse(""));
            }
        }
        services.forEach(GuestService::keepOutput);
        leftovers.addAll(files.delete());
        if (!leftovers.isEmpty()) {
            throw new GuestPartitionException("guest partition " + spec.name() + ": stop left behind "
                + String.join("; ", leftovers));
        }
        stopped = true;
        LOG.log(System.Logger.Level.INFO, "guest partition " + spec.name()
            + " stopped: every process killed, every cgroup removed");
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
        }
    }

    /** Sends {@code SIGCONT} to every stopped launcher, with {@code kill(1)}: Java's process API cannot. */
    private void resumeStopped(List<Process> launchers, long deadlineNs) {
        List<String> command = new ArrayList<>(List.of(tools.kill().toString(), "-CONT"));
        for (Process launcher : launchers) {
            if (HostProcesses.isStopped(launcher.toHandle())) {
                command.add(Long.toString(launcher.pid()));
            }
        }
        if (command.size() == 2) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "guest partition " + spec.name() + ": cannot continue stopped "
                + "launchers " + command.subList(2, command.size()) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitExit(List<Process> launchers, long deadlineNs) {
        for (Process launcher : launchers) {
            long left = deadlineNs - System.nanoTime();
            try {
                if (left <= 0 || !launcher.waitFor(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void startInit() {
        if (!commands.hasInit()) {
            return;
        }
        Path output = files.initOutput();
        ProcessBuilder builder = new ProcessBuilder(commands.init())
            .directory(new File("/"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", PartitionFiles.STANDARD_PATH);
        try {
            initLauncher = builder.start();
        } catch (IOException e) {
            throw new GuestPartitionException("guest partition " + spec.name() + ": cannot start its init: "
                + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + INIT_TIMEOUT_NS;
        while (!read(output).contains(SandboxCommands.READY)) {
            if (!initLauncher.isAlive()) {
                throw new GuestPartitionException("guest partition " + spec.name() + ": its init failed (exit "
                    + initLauncher.exitValue() + ")" + outputOf(output));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new GuestPartitionException("guest partition " + spec.name() + ": its init was not ready within "
                    + TimeUnit.NANOSECONDS.toMillis(INIT_TIMEOUT_NS) + " ms" + outputOf(output));
            }
            LockSupport.parkNanos(POLL_NS);
        }
        init = commands.hasPidNamespace() ? initLauncher.toHandle().children().findFirst().orElseThrow(
            () -> new GuestPartitionException("guest partition " + spec.name() + ": its init vanished after start"))
            : initLauncher.toHandle();
    }

    /** The launcher's only child: the service, forked into the pid namespace and waiting for "go". */
    private ProcessHandle awaitChild(Process launcher, String serviceName, Path output) {
        long deadline = System.nanoTime() + LAUNCH_TIMEOUT_NS;
        while (true) {
            Optional<ProcessHandle> child = launcher.toHandle().children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            if (!launcher.isAlive()) {
                throw new GuestPartitionException("guest partition " + spec.name() + ": the launcher of " + serviceName
                    + " exited " + launcher.exitValue() + " before the service started" + outputOf(output));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new GuestPartitionException("guest partition " + spec.name() + ": " + serviceName
                    + " did not appear in the partition within " + TimeUnit.NANOSECONDS.toMillis(LAUNCH_TIMEOUT_NS)
                    + " ms" + outputOf(output));
            }
            LockSupport.parkNanos(POLL_NS);
        }
    }

    private static String outputOf(Path output) {
        String text = read(output).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
