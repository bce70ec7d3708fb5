package org.pneuma.hypervisor.supervisor;

import java.util.List;
import org.pneuma.channel.RunDirectory;

/**
 * The command lines of the programs the supervisor starts. The supervisor knows partitions, channels and
 * health, not what runs in them: the assembly that knows the safety partition's and the guest services'
 * main classes supplies this.
 */
public interface PartitionCommands {
    /**
     * The safety partition's process.
     *
     * @param resumed the previous safety process died or hung: the new one must raise CONTROL_FAILURE
     */
    List<String> safetyPartition(RunDirectory run, int cpu, int controlPriority, int alarmPriority, boolean resumed);

    /** A guest service, beating heartbeat slot {@code slot}. */
    List<String> guestService(String service, int slot, RunDirectory run);

    /** The guest-side half of a fault (run inside the guest partition), with its options. */
    List<String> guestFault(String kind, RunDirectory run, List<String> options);
}
