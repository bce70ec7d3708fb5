package org.pneuma.hypervisor.doctor;

import java.util.Objects;

/**
 * One line of the doctor's report: what was checked, the verdict, and the evidence in words.
 *
 * @param name   short and stable, {@code "rt-scheduling"}
 * @param status the verdict
 * @param detail what was found, including the errno when a call was refused
 */
public record Check(String name, Status status, String detail) {
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
