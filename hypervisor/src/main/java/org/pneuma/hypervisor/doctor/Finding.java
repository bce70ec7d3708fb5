package org.pneuma.hypervisor.doctor;

import java.util.Objects;

/**
 * The outcome of trying one capability for real.
 *
 * @param available whether it worked
 * @param detail    what was tried and what happened, with the errno or exit status on failure
 */
public record Finding(boolean available, String detail) {
    public Finding {
        Objects.requireNonNull(detail, "detail");
    }
}
