package org.pneuma.cli;

import java.util.ArrayList;
import java.util.List;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.supervisor.JavaCommand;
import org.pneuma.hypervisor.supervisor.PartitionCommands;
import org.pneuma.safety.alarm.AlarmId;

/**
 * The programs of Pneuma's partitions, as the supervisor starts them: the safety partition's process and
 * the guest services, each a Java main of this build.
 */
final class SystemPartitionCommands implements PartitionCommands {
    static final String SAFETY_MAIN = "org.pneuma.system.SafetyPartitionMain";
    static final String GUEST_SERVICE_MAIN = "org.pneuma.guest.GuestServiceMain";
    static final String GUEST_FAULT_MAIN = "org.pneuma.guest.GuestFaultMain";

    /**
     * The safety process: a small fixed heap touched at start (with mlockall, no page faults later) and the
     * serial collector — its tick allocates nothing, so it should never collect at all — and no periodic safepoint
     * (by default the JVM stops every thread once a second for housekeeping it may need).
     */
    private static final List<String> SAFETY_JVM = List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch",
        "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0");
    /** Guest services: small, few threads (the guest's pids limit counts them), quick to start. */
    private static final List<String> GUEST_JVM = List.of("-Xmx48m", "-Xss512k", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=1", "-Xshare:auto");

    @Override
    public List<String> safetyPartition(RunDirectory run, int cpu, int controlPriority, int alarmPriority, boolean resumed) {
        List<String> args = new ArrayList<>(List.of("--run-dir", run.root().toString(), "--cpu", Integer.toString(cpu),
            "--control-priority", Integer.toString(controlPriority), "--alarm-priority", Integer.toString(alarmPriority)));
        if (resumed) args.add("--resumed");
        return JavaCommand.of(SAFETY_JVM, SAFETY_MAIN, args);
    }

    @Override
    public List<String> guestService(String service, int slot, RunDirectory run) {
        return JavaCommand.of(GUEST_JVM, GUEST_SERVICE_MAIN, List.of("--service", service, "--slot",
            Integer.toString(slot), "--run-dir", run.root().toString()));
    }

    @Override
    public List<String> guestFault(String kind, RunDirectory run, List<String> options) {
        List<String> args = new ArrayList<>(List.of(kind, "--run-dir", run.root().toString()));
        args.addAll(options);
        return JavaCommand.of(GUEST_JVM, GUEST_FAULT_MAIN, args);
    }

    /** The names of the alarms set in a sensor sample's alarm bits. */
    static List<String> alarmNames(long bits) {
        List<String> names = new ArrayList<>();
        for (AlarmId id : AlarmId.values()) {
            if ((bits & id.bit()) != 0) names.add(id.name() + " (" + id.priority() + ")");
        }
        return names;
    }
}
