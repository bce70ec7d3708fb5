package org.pneuma.hypervisor.doctor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How cgroups are mounted on this host, read from {@code /proc/self/mountinfo} and {@code /proc/filesystems}.
 *
 * @param kind             v1 only, v2 only, both (hybrid), or none mounted
 * @param kernelHasV1      {@code /proc/filesystems} lists {@code cgroup}
 * @param kernelHasV2      {@code /proc/filesystems} lists {@code cgroup2}
 * @param v1Controllers    controllers bound to v1 hierarchies, in mount order ({@code name=} hierarchies excluded)
 * @param v2MountPoint     where the v2 hierarchy is mounted; empty if it is not
 * @param v2Controllers    the v2 root's {@code cgroup.controllers}; empty if none are enabled there
 */
public record CgroupLayout(Kind kind, boolean kernelHasV1, boolean kernelHasV2, List<String> v1Controllers,
                           String v2MountPoint, List<String> v2Controllers) {

    /** How the hierarchies are mounted. */
    public enum Kind {
        /** No cgroup hierarchy is mounted. */
        NONE,
        /** Only v1 hierarchies. */
        V1,
        /** Only the unified v2 hierarchy. */
        V2,
        /** v1 hierarchies plus a v2 mount (systemd's "hybrid"; v2 holds only the controllers v1 does not). */
        HYBRID
    }

    /** The v1 controllers the kernel can have; other super options ({@code rw}, {@code nsdelegate}…) are not. */
    private static final Set<String> KNOWN_V1_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices",
        "freezer", "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc");

    public CgroupLayout {
        Objects.requireNonNull(kind, "kind");
        v1Controllers = List.copyOf(v1Controllers);
        Objects.requireNonNull(v2MountPoint, "v2MountPoint");
        v2Controllers = List.copyOf(v2Controllers);
    }

    /**
     * Parses the layout. Pure apart from {@code readFile}, which the caller supplies.
     *
     * @param mountinfo   the text of {@code /proc/self/mountinfo}
     * @param filesystems the text of {@code /proc/filesystems}
     * @param readFile    reads a file by absolute path (here: the v2 root's {@code cgroup.controllers}); returns
     *                    an empty string if it cannot
     */
    public static CgroupLayout parse(String mountinfo, String filesystems, Function<String, String> readFile) {
        Set<String> v1 = new LinkedHashSet<>();
        boolean anyV1Mount = false;
        String v2Mount = "";
        for (String line : mountinfo.split("\n")) {
            int separator = line.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] before = line.substring(0, separator).split(" ");
            String[] after = line.substring(separator + 3).split(" ");
            if (before.length < 5 || after.length < 3) {
                continue;
            }
            String mountPoint = unescape(before[4]);
            switch (after[0]) {
                case "cgroup" -> {
                    anyV1Mount = true;
                    for (String option : after[2].split(",")) {
                        if (KNOWN_V1_CONTROLLERS.contains(option)) {
                            v1.add(option);
                        }
                    }
                }
                case "cgroup2" -> {
                    if (v2Mount.isEmpty()) {
                        v2Mount = mountPoint;
                    }
                }
                default -> {
                }
            }
        }
        List<String> v2 = v2Mount.isEmpty() ? List.of() : words(readFile.apply(v2Mount + "/cgroup.controllers"));
        Kind kind = anyV1Mount ? (v2Mount.isEmpty() ? Kind.V1 : Kind.HYBRID) : (v2Mount.isEmpty() ? Kind.NONE : Kind.V2);
        List<String> known = words(filesystems.replace("nodev", " "));
        return new CgroupLayout(kind, known.contains("cgroup"), known.contains("cgroup2"), new ArrayList<>(v1),
            v2Mount, v2);
    }

    /** Whether {@code controller} is usable in either hierarchy. */
    public boolean hasController(String controller) {
        return v1Controllers.contains(controller) || v2Controllers.contains(controller);
    }

    /** Every controller usable in either hierarchy. */
    public Set<String> controllers() {
        Set<String> all = new LinkedHashSet<>(v1Controllers);
        all.addAll(v2Controllers);
        return all;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** mountinfo writes space, tab, newline and backslash in paths as three octal digits after a backslash. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String field, int from) {
        if (from + 3 > field.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
