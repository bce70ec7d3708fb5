package org.pneuma.hypervisor.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pneuma.hypervisor.doctor.CgroupLayout;

/**
 * Where each cgroup controller can be used on this host: the v1 hierarchies (each at
 * {@code /sys/fs/cgroup/<controller>}, co-mounted controllers sharing one) and the unified v2 hierarchy with the
 * controllers its root offers. A controller is used in v1 if a v1 hierarchy has it, else in v2 if the v2 root
 * offers it; the kernel never binds one controller to both.
 *
 * @param v1            controller → the real path of the v1 hierarchy it is bound to
 * @param v2Root        the v2 mount point, if v2 is mounted
 * @param v2Controllers the controllers the v2 root offers ({@code cgroup.controllers})
 */
record CgroupMounts(Map<String, Path> v1, Optional<Path> v2Root, List<String> v2Controllers) {
    CgroupMounts {
        v1 = Map.copyOf(v1);
        Objects.requireNonNull(v2Root, "v2Root");
        v2Controllers = List.copyOf(v2Controllers);
    }

    /** Reads this host's mount table through {@link CgroupLayout}. */
    static CgroupMounts ofThisHost() {
        CgroupLayout layout = CgroupLayout.parse(read(Path.of("/proc/self/mountinfo")),
            read(Path.of("/proc/filesystems")), file -> read(Path.of(file)));
        Map<String, Path> v1 = new LinkedHashMap<>();
        for (String controller : layout.v1Controllers()) {
            Path mount = Path.of("/sys/fs/cgroup", controller);
            if (Files.isRegularFile(mount.resolve("cgroup.procs"))) {
                try {
                    v1.put(controller, mount.toRealPath());
                } catch (IOException e) {
                    // Not usable at the standard place: treated as absent, and named as such when it is needed.
                }
            }
        }
        Optional<Path> v2 = layout.v2MountPoint().isEmpty() ? Optional.empty() : Optional.of(Path.of(layout.v2MountPoint()));
        return new CgroupMounts(v1, v2, layout.v2Controllers());
    }

    /** The hierarchy {@code controller} is used in; empty if neither has it. */
    Optional<CgroupHierarchy> hierarchyOf(String controller) {
        if (v1.containsKey(controller)) {
            return Optional.of(CgroupHierarchy.V1);
        }
        if (v2Root.isPresent() && v2Controllers.contains(controller)) {
            return Optional.of(CgroupHierarchy.V2);
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
