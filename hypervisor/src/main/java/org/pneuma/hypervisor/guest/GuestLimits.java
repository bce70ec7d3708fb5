package org.pneuma.hypervisor.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits a guest partition has, as read back from the kernel, and the ones asked for that nothing enforces.
 *
 * @param backend    the backend's label
 * @param applied    every limit in force, read back from its cgroup file
 * @param notApplied every requested limit that is not in force, each with the reason
 */
public record GuestLimits(String backend, List<AppliedLimit> applied, List<String> notApplied) {
    public GuestLimits {
        Objects.requireNonNull(backend, "backend");
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
    }

    /** The limit as applied; empty if it is not in force. */
    public Optional<AppliedLimit> get(AppliedLimit.Limit limit) {
        return applied.stream().filter(a -> a.limit() == limit).findFirst();
    }

    /** The read-back value of a limit in force; throws if it is not in force. */
    public String readBack(AppliedLimit.Limit limit) {
        return get(limit).orElseThrow(() -> new IllegalStateException(limit.label() + " is not in force")).readBack();
    }

    /** One line per limit, enforced ones first. */
    public List<String> toLines() {
        List<String> lines = new ArrayList<>();
        for (AppliedLimit limit : applied) {
            lines.add(backend + ": " + limit.describe());
        }
        for (String missing : notApplied) {
            lines.add(backend + ": NOT APPLIED: " + missing);
        }
        return lines;
    }
}
