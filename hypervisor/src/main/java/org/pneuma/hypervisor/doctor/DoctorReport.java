package org.pneuma.hypervisor.doctor;

import java.util.List;
import java.util.Objects;

/**
 * What {@code pneuma doctor} reports: one verdict per check, which guest backends this host supports and why, the
 * strongest of them, and the raw findings.
 *
 * <p>Immutable; any thread may read it. Rendering allocates.
 *
 * @param host      the findings
 * @param checks    one verdict per check, in a fixed order
 * @param backends  one entry per backend, strongest first
 * @param strongest the strongest supported backend ({@code process} if nothing else is)
 */
public record DoctorReport(HostCapabilities host, List<Check> checks, List<BackendSupport> backends,
                           GuestBackend strongest) {
    /** Exit status when a guest backend stronger than {@code process} is available. */
    public static final int EXIT_ISOLATION_AVAILABLE = 0;
    /** Exit status when only {@code process}, which isolates nothing, is available. */
    public static final int EXIT_NO_ISOLATION = 1;

    public DoctorReport {
        Objects.requireNonNull(host, "host");
        checks = List.copyOf(checks);
        backends = List.copyOf(backends);
        Objects.requireNonNull(strongest, "strongest");
    }

    /** The report on {@code host}. */
    public static DoctorReport of(HostCapabilities host) {
        List<BackendSupport> backends = BackendDecision.decide(HostFacts.of(host));
        return new DoctorReport(host, DoctorChecks.of(host), backends, BackendDecision.strongest(backends));
    }

    /** Probes this host ({@link HostCapabilities#probe()}) and reports on it. */
    public static DoctorReport ofThisHost() {
        return of(HostCapabilities.probe());
    }

    /** {@value #EXIT_ISOLATION_AVAILABLE} if a backend stronger than {@code process} is available, else 1. */
    public int exitCode() {
        return strongest == GuestBackend.PROCESS ? EXIT_NO_ISOLATION : EXIT_ISOLATION_AVAILABLE;
    }

    /** Aligned text, one line per check and per backend: {@code ok}, {@code warn} or {@code no}, then the detail. */
    public String toText() {
        return DoctorReportText.render(this);
    }

    /** The whole report as indented JSON. */
    public String toJson() {
        return DoctorReportJson.render(this);
    }
}
