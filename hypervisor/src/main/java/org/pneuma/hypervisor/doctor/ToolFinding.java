package org.pneuma.hypervisor.doctor;

import java.util.Objects;

/**
 * A host tool the backends may run.
 *
 * @param name    the executable's name, {@code "runc"}
 * @param path    where it was found; empty if absent
 * @param version the first line of its {@code --version}; empty if absent or it did not answer
 * @param detail  in words, including why the version is missing
 */
public record ToolFinding(String name, String path, String version, String detail) {
    public ToolFinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether the executable exists. */
    public boolean present() {
        return !path.isEmpty();
    }

    static ToolFinding absent(String name) {
        return new ToolFinding(name, "", "", "absent (not on PATH nor in the system directories)");
    }
}
