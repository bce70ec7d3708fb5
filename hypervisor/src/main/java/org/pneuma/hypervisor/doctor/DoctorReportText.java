package org.pneuma.hypervisor.doctor;

/** Renders a {@link DoctorReport} for people: aligned columns, one line per check. */
final class DoctorReportText {
    private DoctorReportText() {
    }

    static String render(DoctorReport report) {
        int nameWidth = 0;
        for (Check check : report.checks()) {
            nameWidth = Math.max(nameWidth, check.name().length());
        }
        for (BackendSupport support : report.backends()) {
            nameWidth = Math.max(nameWidth, support.backend().label().length());
        }
        StringBuilder text = new StringBuilder("host\n");
        for (Check check : report.checks()) {
            line(text, check.status(), check.name(), nameWidth, check.detail());
        }
        text.append("guest backends\n");
        for (BackendSupport support : report.backends()) {
            line(text, status(support), support.backend().label(), nameWidth, support.reason());
        }
        text.append("strongest guest backend: ").append(report.strongest().label());
        if (report.strongest() == GuestBackend.PROCESS) {
            text.append(" — the guest partition would NOT be isolated on this host");
        }
        return text.append('\n').toString();
    }

    /** A supported backend is ok, except {@code process}, which is a warning: it isolates nothing. */
    static Status status(BackendSupport support) {
        if (!support.supported()) {
            return Status.NO;
        }
        return support.backend() == GuestBackend.PROCESS ? Status.WARN : Status.OK;
    }

    private static void line(StringBuilder text, Status status, String name, int nameWidth, String detail) {
        text.append("  ").append(pad(status.label(), 4)).append("  ").append(pad(name, nameWidth)).append("  ")
            .append(detail).append('\n');
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
