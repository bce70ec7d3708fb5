package org.pneuma.guest;

import java.util.Locale;

/** The guest partition's services, as named on the command line and in the configuration. */
enum ServiceKind {
    /** Shows the newest sample: one numerics line a second for now; the web UI comes later. */
    DISPLAY(1_000),
    /** Reads every sample in order: counts them for now; SQLite storage comes later. */
    RECORDER(5_000),
    /** Reads every sample in order: counts them for now; the HL7 link comes later. */
    UPLOADER(5_000);

    private final long defaultReportMs;

    ServiceKind(long defaultReportMs) {
        this.defaultReportMs = defaultReportMs;
    }

    /** How often the service prints its line unless told otherwise. */
    long defaultReportMs() {
        return defaultReportMs;
    }

    /** The name used on the command line and in output. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ServiceKind parse(String name) throws UsageException {
        for (ServiceKind kind : values()) {
            if (kind.label().equals(name)) {
                return kind;
            }
        }
        throw new UsageException("unknown service '" + name + "' (expected display, recorder or uploader)");
    }
}
