package org.pneuma.cli;

import java.util.concurrent.Callable;
import org.pneuma.hypervisor.doctor.DoctorReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pneuma doctor}: what this host can do for the partitions, and which guest backend it supports. */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
                "Check this host: Java, root, cgroups (v1, v2, hybrid), namespaces, real-time scheduling "
                        + "(SCHED_FIFO is tried on a throw-away thread), memory locking, runc/crun, QEMU and KVM.",
                "",
                "Then say which guest-partition backends the host supports and why: vm (a separate kernel "
                        + "under QEMU), sandbox (cgroups and namespaces, needs root), process (isolates nothing), "
                        + "and the strongest one, which 'pneuma run' will use.",
                ""},
        footer = {"", "Exit status: 0 when a backend stronger than 'process' is available, 1 when only 'process' is."})
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        DoctorReport report = DoctorReport.ofThisHost();
        spec.commandLine().getOut().print(json ? report.toJson() : report.toText());
        spec.commandLine().getOut().flush();
        return report.exitCode();
    }
}
