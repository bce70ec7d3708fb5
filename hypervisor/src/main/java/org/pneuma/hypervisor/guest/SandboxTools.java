package org.pneuma.hypervisor.guest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host programs the sandbox runs, found by absolute path in the standard system directories only (never through
 * the caller's {@code PATH}, since they run as root): {@code sh}, and from util-linux {@code unshare},
 * {@code nsenter}, {@code setpriv} and {@code mount}, coreutils' {@code sleep} and procps' {@code kill}. {@code ip}
 * (iproute2) is optional: without it the guest's loopback interface stays down.
 *
 * @param sh      POSIX shell
 * @param unshare makes the namespaces
 * @param nsenter enters them to start a service
 * @param setpriv drops capabilities before the service runs
 * @param mount   binds the read-only paths inside the mount namespace
 * @param sleep   what the partition's init waits on
 * @param kill    continues stopped launchers when the partition stops ({@code SIGCONT}, which Java cannot send)
 * @param ip      brings the loopback interface up; empty if absent
 */
record SandboxTools(Path sh, Path unshare, Path nsenter, Path setpriv, Path mount, Path sleep, Path kill,
                    Optional<Path> ip) {
    private static final List<String> DIRECTORIES =
        List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    private static final List<String> REQUIRED = List.of("sh", "unshare", "nsenter", "setpriv", "mount", "sleep", "kill");

    /** The tools on this host; empty if a required one is missing (see {@link #missing()}). */
    static Optional<SandboxTools> find() {
        if (!missing().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SandboxTools(locate("sh").orElseThrow(), locate("unshare").orElseThrow(),
            locate("nsenter").orElseThrow(), locate("setpriv").orElseThrow(), locate("mount").orElseThrow(),
            locate("sleep").orElseThrow(), locate("kill").orElseThrow(), locate("ip")));
    }

    /** Each required tool that is missing, named with where it was looked for. */
    static List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String tool : REQUIRED) {
            if (locate(tool).isEmpty()) {
                missing.add("'" + tool + "' (not in " + String.join(", ", DIRECTORIES) + ")");
            }
        }
        return missing;
    }

    private static Optional<Path> locate(String tool) {
        for (String directory : DIRECTORIES) {
            Path candidate = Path.of(directory, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
