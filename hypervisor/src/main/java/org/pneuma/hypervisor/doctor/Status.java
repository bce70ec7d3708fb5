package org.pneuma.hypervisor.doctor;

import java.util.Locale;

/** The verdict of one check. */
public enum Status {
    /** Present and working. */
    OK,
    /** Present, with a caveat the detail names. */
    WARN,
    /** Absent, refused or not possible here. */
    NO;

    /** {@code "ok"}, {@code "warn"} or {@code "no"}, as printed. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
