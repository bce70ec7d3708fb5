package org.pneuma.system;

import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.pneuma.hypervisor.host.HostCallException;
import org.pneuma.hypervisor.host.JvmThreads;
import org.pneuma.hypervisor.host.LinuxHost;
import org.pneuma.hypervisor.host.SchedulingPolicy;

/**
 * Keeps the JVM's safepoints from stalling the tick. A garbage collection, or any other safepoint
 * operation, stops every Java thread — the real-time tick and the alarm watchdog included — until the
 * JVM's VM thread has done its work. Left an ordinary thread, the VM thread queues for a CPU behind
 * whatever else the machine runs (the guest, the supervisor), and a sub-millisecond pause becomes tens
 * of milliseconds: a stalled control loop. Pinned to the safety CPU, which is idle between ticks, at a
 * real-time priority just below control, it runs at once. The tick allocates nothing, so collections
 * are rare (a command that arrives allocates); this bounds them when they come.
 */
final class JvmSafepoints {
    private JvmSafepoints() {
    }

    /**
     * Pins the VM thread to {@code cpu} at SCHED_FIFO {@code priority}; says plainly what the host refuses.
     *
     * @return how many refusals there were (0: done as asked)
     */
    static int bindToCpu(int cpu, int priority, Consumer<String> log) {
        List<Integer> vmThreads = JvmThreads.named(JvmThreads.VM_THREAD);
        if (vmThreads.isEmpty()) {
            log.accept("degraded: no '" + JvmThreads.VM_THREAD + "' task found; safepoints run wherever the kernel puts them");
            return 1;
        }
        int refusals = 0;
        BitSet cpus = new BitSet();
        cpus.set(cpu);
        for (int tid : vmThreads) {
            try {
                LinuxHost.setThreadAffinity(tid, cpus);
                LinuxHost.setThreadScheduling(tid, SchedulingPolicy.FIFO, priority);
                log.accept("JVM safepoints: VM thread (tid " + tid + ") on CPU " + cpu + ", SCHED_FIFO " + priority);
            } catch (HostCallException e) {
                refusals++;
                log.accept("degraded: the VM thread stays an ordinary thread, so a collection can stall the tick by as "
                    + "long as the machine makes it wait: " + e.getMessage());
            }
        }
        return refusals;
    }
}
