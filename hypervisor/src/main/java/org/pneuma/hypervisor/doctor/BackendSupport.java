package org.pneuma.hypervisor.doctor;

import java.util.Objects;

/**
 * Whether this host can run the guest partition on one backend, and why.
 *
 * @param backend   the backend
 * @param supported whether it can
 * @param reason    the evidence, or what is missing
 */
public record BackendSupport(GuestBackend backend, boolean supported, String reason) {
    public BackendSupport {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(reason, "reason");
    }
}
