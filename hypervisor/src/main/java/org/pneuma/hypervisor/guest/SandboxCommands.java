package org.pneuma.hypervisor.guest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines that start a sandboxed partition's init and its services. Each begins with a shell that writes
 * its own pid into every {@code cgroup.procs} of the partition and only then {@code exec}s the next program, so
 * nothing the partition runs ever runs outside its cgroups.
 *
 * <ul>
 * <li><b>init</b>: {@code unshare} makes the namespaces; inside them, still with every capability, a shell binds the
 * read-only paths ({@code mount --bind}, then {@code mount -o remount,bind,ro}), mounts a read-only sysfs over
 * {@code /sys} (hiding the host's cgroup mounts), makes {@code /proc/sys} and friends read-only, brings up loopback,
 * prints {@link #READY} and then waits forever as pid 1, reaping orphans. With a pid namespace, {@code unshare}
 * kills it when it dies itself ({@code --kill-child}), and the kernel kills every process of the namespace when it
 * dies.</li>
 * <li><b>service</b>: {@code nsenter} enters the init's namespaces (forking into the pid namespace), {@code setpriv}
 * cuts the capability bounding set to {@link #KEPT_CAPABILITIES} and sets {@code no_new_privs}, and a last shell
 * waits for one line on standard input before it {@code exec}s the service, so the launcher can see the service's
 * pid before the service runs.</li>
 * </ul>
 */
final class SandboxCommands {
    /** The line the init prints once its namespaces are ready. */
    static final String READY = "pneuma-guest-ready";
    /** Exit status of a wrapper that could not join a cgroup or was told not to go on. */
    static final int WRAPPER_FAILED = 125;
    /**
     * Capabilities a service keeps (Docker's and runc's default set). Everything else is dropped from the bounding set:
     * {@code CAP_SYS_ADMIN} (mount, umount, remount), {@code CAP_SYS_PTRACE}, {@code CAP_SYS_MODULE},
     * {@code CAP_SYS_RAWIO}, {@code CAP_SYS_BOOT}, {@code CAP_SYS_TIME}, {@code CAP_NET_ADMIN}, {@code CAP_SYS_NICE}…
     */
    static final List<String> KEPT_CAPABILITIES = List.of("chown", "dac_override", "fowner", "fsetid", "kill",
        "setgid", "setuid", "setpcap", "net_bind_service", "net_raw", "sys_chroot", "mknod", "audit_write", "setfcap");
    /** Kernel tunables and triggers under {@code /proc} made read-only inside the mount namespace, where they exist. */
    static final List<String> READ_ONLY_PROC = List.of("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus",
        "/proc/fs");

    private static final String JOIN_CGROUPS = """
        n=$1; shift
        while [ "$n" -gt 0 ]; do
          echo $$ > "$1" || { echo "pneuma guest: cannot join cgroup $1" >&2; exit 125; }
          shift; n=$((n - 1))
        done
        exec "$@"
        """;
    private static final String AWAIT_GO = "read -r go || exit 125; exec \"$@\"";

    private final SandboxTools tools;
    private final GuestPartitionSpec spec;
    private final List<Path> procsFiles;

    SandboxCommands(SandboxTools tools, GuestPartitionSpec spec, List<Path> procsFiles) {
        this.tools = tools;
        this.spec = spec;
        this.procsFiles = List.copyOf(procsFiles);
    }

    boolean hasInit() {
        return !spec.namespaces().isEmpty();
    }

    boolean hasPidNamespace() {
        return spec.namespaces().contains(GuestNamespace.PID);
    }

    /** The partition's init: joins the cgroups, makes the namespaces, sets them up and waits. */
    List<String> init() {
        List<String> unshare = new ArrayList<>(List.of(tools.unshare().toString()));
        if (hasPidNamespace()) {
            unshare.addAll(List.of("--pid", "--fork", "--kill-child", "--mount-proc"));
        }
        if (spec.namespaces().contains(GuestNamespace.MOUNT)) {
            unshare.addAll(List.of("--mount", "--propagation", "private"));
        }
        if (spec.namespaces().contains(GuestNamespace.NET)) {
            unshare.add("--net");
        }
        unshare.addAll(List.of("--", tools.sh().toString(), "-c", initScript(), "pneuma-guest-init"));
        for (Path path : spec.readOnlyPaths()) {
            unshare.add(path.toString());
        }
        return joinCgroupsThen(unshare);
    }

    /** A service: joins the cgroups, enters the init's namespaces, drops capabilities, waits for "go", runs. */
    List<String> service(long initPid, List<String> command) {
        List<String> chain = new ArrayList<>();
        if (hasInit()) {
            chain.addAll(List.of(tools.nsenter().toString(), "--target", Long.toString(initPid)));
            for (GuestNamespace namespace : spec.namespaces()) {
                chain.add("--" + namespace.label());
            }
            chain.add("--");
        }
        chain.addAll(List.of(tools.setpriv().toString(), "--no-new-privs", "--inh-caps", "-all", "--bounding-set",
            "-all," + String.join(",", KEPT_CAPABILITIES.stream().map(c -> "+" + c).toList()), "--"));
        chain.addAll(List.of(tools.sh().toString(), "-c", AWAIT_GO, "pneuma-guest-service"));
        chain.addAll(command);
        return joinCgroupsThen(chain);
    }

    private List<String> joinCgroupsThen(List<String> next) {
        List<String> line = new ArrayList<>(List.of(tools.sh().toString(), "-c", JOIN_CGROUPS, "pneuma-guest-join",
            Integer.toString(procsFiles.size())));
        procsFiles.forEach(file -> line.add(file.toString()));
        line.addAll(next);
        return line;
    }

    private String initScript() {
        String mount = quote(tools.mount().toString());
        StringBuilder script = new StringBuilder("set -e\n");
        if (spec.namespaces().contains(GuestNamespace.MOUNT)) {
            script.append("for p in \"$@\"; do ").append(mount).append(" --bind \"$p\" \"$p\"; ")
                .append(mount).append(" -o remount,bind,ro \"$p\"; done\n");
            script.append(mount).append(" -t sysfs -o ro,nosuid,nodev,noexec sysfs /sys\n");
            script.append("for p in ").append(String.join(" ", READ_ONLY_PROC)).append("; do if [ -e \"$p\" ]; then ")
                .append(mount).append(" --bind \"$p\" \"$p\"; ").append(mount)
                .append(" -o remount,bind,ro \"$p\"; fi; done\n");
        }
        if (spec.namespaces().contains(GuestNamespace.NET) && tools.ip().isPresent()) {
            script.append(quote(tools.ip().get().toString())).append(" link set lo up\n");
        }
        script.append("set +e\n");
        script.append("echo ").append(READY).append('\n');
        script.append("while :; do ").append(quote(tools.sleep().toString())).append(" 2147483647 & wait; done\n");
        return script.toString();
    }

    /** Single-quotes {@code word} for {@code sh}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
