package org.pneuma.hypervisor.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.pneuma.hypervisor.host.KvmDevice;
import org.pneuma.hypervisor.host.LinuxHost;
import org.pneuma.hypervisor.host.SchedulingPolicy;
import org.pneuma.hypervisor.host.ThreadScheduling;

/**
 * Finds out what this host offers by trying each thing: forks {@code unshare} and the tools' {@code --version},
 * switches a throw-away thread to {@code SCHED_FIFO} priority 1 and back, locks and unlocks this process's memory,
 * opens {@code /dev/kvm} and asks its API version.
 *
 * <p>Off the hot path: allocates, forks, blocks for up to the timeout per probe. Run it before the partitions
 * start, never beside a real-time loop — {@code mlockall} and {@code munlockall} act on the whole process. Any
 * thread may call {@link #probe()}; each probe runs on its own short-lived platform thread, so a probe that does
 * not answer in time is reported as such and abandoned (a daemon thread), never waited for.
 *
 * <p>Never throws for what the host lacks: a missing tool is absent, a refused call is a finding with its errno.
 */
public final class HostProbe {
    static final Path DEV_KVM = Path.of("/dev/kvm");
    private static final Path KVM_PVM_MODULE = Path.of("/sys/module/kvm_pvm");
    static final List<String> UNSHARE_TEST = List.of("--pid", "--fork", "--mount-proc", "--net", "true");

    private final Duration timeout;
    private final CommandRunner commands;

    /** @param timeout how long any one probe may take */
    public HostProbe(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.commands = new CommandRunner(timeout);
    }

    /** Runs every probe, one after another. */
    public HostCapabilities probe() {
        // First: once a restricted method has run with only a warning, the JVM reports native access as enabled.
        JavaRuntime java = JavaRuntime.current();
        ProcessPrivileges privileges = within("privileges",
            () -> ProcessPrivileges.parse(read("/proc/self/status"), read("/proc/self/limits")),
            failure -> ProcessPrivileges.UNKNOWN);
        int euid = within("geteuid", LinuxHost::effectiveUserId, failure -> -1);
        CgroupLayout cgroups = within("cgroups",
            () -> CgroupLayout.parse(read("/proc/self/mountinfo"), read("/proc/filesystems"), HostProbe::read),
            failure -> new CgroupLayout(CgroupLayout.Kind.NONE, false, false, List.of(), "", List.of()));
        return new HostCapabilities(java, euid, privileges, cgroups, namespaces(), realtimeScheduling(privileges),
            memoryLock(privileges), tool("runc"), tool("crun"), tool(qemuBinary()), kvm());
    }

    private Finding namespaces() {
        var unshare = commands.find("unshare");
        if (unshare.isEmpty()) {
            return new Finding(false, "unshare absent: pid/mount/net namespaces not tested");
        }
        String command = "unshare " + String.join(" ", UNSHARE_TEST);
        var result = commands.run(concat(unshare.get().toString(), UNSHARE_TEST));
        return result.succeeded()
            ? new Finding(true, command + ": exit 0 (own pid, mount and network namespaces)")
            : new Finding(false, command + ": " + result.describe(timeout));
    }

    private Finding realtimeScheduling(ProcessPrivileges privileges) {
        String rtLimit = realtimeThrottling();
        return within("rt-scheduling", () -> {
            ThreadScheduling before = LinuxHost.currentThreadScheduling();
            LinuxHost.setCurrentThreadScheduling(SchedulingPolicy.FIFO, 1);
            ThreadScheduling during = LinuxHost.currentThreadScheduling();
            LinuxHost.setCurrentThreadScheduling(before.policy(), before.priority());
            ThreadScheduling after = LinuxHost.currentThreadScheduling();
            boolean worked = during.equals(new ThreadScheduling(SchedulingPolicy.FIFO, 1)) && after.equals(before);
            return new Finding(worked, "SCHED_FIFO priority 1 on a throw-away thread: read back " + during
                + ", restored to " + after + " (" + privileges.realtimeEvidence() + "); " + rtLimit);
        }, failure -> new Finding(false, failure + " (" + privileges.realtimeEvidence() + ")"));
    }

    private Finding memoryLock(ProcessPrivileges privileges) {
        return within("memory-lock", () -> {
            LinuxHost.lockAllMemory();
            LinuxHost.unlockAllMemory();
            return new Finding(true, "mlockall(MCL_CURRENT|MCL_FUTURE) and munlockall succeeded ("
                + privileges.memoryLockEvidence() + ")");
        }, failure -> new Finding(false, failure + " (" + privileges.memoryLockEvidence() + ")"));
    }

    private ToolFinding tool(String name) {
        var path = commands.find(name);
        if (path.isEmpty()) {
            return ToolFinding.absent(name);
        }
        var result = commands.run(List.of(path.get().toString(), "--version"));
        String version = result.succeeded() ? result.firstLine() : "";
        String detail = version.isEmpty()
            ? path.get() + ", version unknown: --version " + result.describe(timeout)
            : version + " (" + path.get() + ")";
        return new ToolFinding(name, path.get().toString(), version, detail);
    }

    private KvmFinding kvm() {
        boolean paravirtual = Files.isDirectory(KVM_PVM_MODULE);
        String pvmNote = paravirtual
            ? "; the kvm_pvm module is loaded (paravirtual KVM: stock guest kernels do not boot on it)" : "";
        if (!Files.exists(DEV_KVM)) {
            return new KvmFinding(false, 0, paravirtual, false, DEV_KVM + " absent" + pvmNote);
        }
        KvmAnswer answer = within("kvm", () -> new KvmAnswer(KvmDevice.apiVersion(DEV_KVM), ""),
            failure -> new KvmAnswer(0, failure));
        int apiVersion = answer.apiVersion();
        if (apiVersion <= 0) {
            return new KvmFinding(true, 0, paravirtual, false,
                DEV_KVM + " present but unusable: " + answer.failure() + pvmNote);
        }
        if (apiVersion != KvmDevice.STABLE_API_VERSION) {
            return new KvmFinding(true, apiVersion, paravirtual, false, "KVM answers API " + apiVersion
                + ", not the stable " + KvmDevice.STABLE_API_VERSION + ": not usable" + pvmNote);
        }
        return new KvmFinding(true, apiVersion, paravirtual, false, "KVM present (API " + apiVersion
            + ") — not verified to boot a stock guest; the vm backend uses TCG" + pvmNote);
    }

    private record KvmAnswer(int apiVersion, String failure) {
    }

    private static String realtimeThrottling() {
        String runtime = read("/proc/sys/kernel/sched_rt_runtime_us").strip();
        String period = read("/proc/sys/kernel/sched_rt_period_us").strip();
        if (runtime.isEmpty() || period.isEmpty()) {
            return "real-time throttling unknown";
        }
        return runtime.equals("-1") ? "real-time throttling off"
            : "real-time tasks throttled to " + runtime + " of every " + period + " us";
    }

    /**
     * Runs {@code probe} on a fresh platform thread and waits at most the timeout. A throw or a timeout becomes
     * {@code failure} applied to a message: the exception's own message (a {@code HostCallException} names the call
     * and errno) or {@code "no answer within … ms"}.
     */
    private <T> T within(String what, Supplier<T> probe, Function<String, T> failure) {
        FutureTask<T> task = new FutureTask<>(probe::get);
        Thread thread = Thread.ofPlatform().daemon().name("pneuma-doctor-" + what).start(task);
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            return failure.apply(what + ": no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return failure.apply(cause.getMessage() != null ? cause.getMessage() : cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure.apply(what + ": interrupted");
        }
    }

    private static String qemuBinary() {
        String arch = System.getProperty("os.arch", "");
        return "qemu-system-" + (arch.equals("amd64") ? "x86_64" : arch);
    }

    private static List<String> concat(String first, List<String> rest) {
        var all = new java.util.ArrayList<String>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /**
     * A small text file's content, or an empty string if it cannot be read. Reads with a large buffer from offset
     * 0: sysctl files under {@code /proc/sys} report size 0 and answer a read that does not start at offset 0 with
     * end of file, so a reader that probes with one byte first ({@code Files.readString}) gets one character.
     */
    static String read(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
