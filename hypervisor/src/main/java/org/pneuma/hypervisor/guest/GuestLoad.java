package org.pneuma.hypervisor.guest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A misbehaving guest, made on purpose: the loads a guest partition is given to show that what runs in it cannot
 * disturb the safety partition. Each load is one service of the partition ({@link #launch}), made of standard tools
 * only ({@code sh}, coreutils {@code dd}, {@code rm}, {@code sleep}), and runs until it is killed; what
 * bounds it is the partition's limits, so <b>each load belongs in a sandboxed partition</b>: under the {@code process}
 * backend nothing bounds {@link #CPU} but the host's scheduler and nothing at all bounds {@link #FORK}.
 *
 * <table>
 * <caption>the loads and their bounds</caption>
 * <tr><th>load</th><th>what it does</th><th>what bounds it</th></tr>
 * <tr><td>{@link #CPU}</td><td>two busy shell loops: two CPUs' worth of demand</td>
 * <td>the partition's CPU quota and cpuset</td></tr>
 * <tr><td>{@link #MEMORY}</td><td>round after round, {@code dd} allocates one block larger than the partition's
 * memory limit and reads zeros into it, touching every page, until the OOM killer ends it; the next round starts at
 * once, so memory is allocated, touched, reclaimed and freed without end</td>
 * <td>the memory limit (the OOM killer); each round stops by itself at {@link #memoryRoundBytes} in any case</td></tr>
 * <tr><td>{@link #FORK}</td><td>a fork bomb: every process forks copies of itself as fast as it can; one that cannot
 * fork dies and frees its slot for another, so the partition's process table stays full and forks keep failing;
 * beside other loads ({@link #launchTogether}) a fork storm instead, that keeps the table {@value #FORK_HEADROOM_PIDS}
 * short of full so the others can still fork</td>
 * <td>the pids limit, and the CPU quota for the rate; beside others, its own cap under the pids limit</td></tr>
 * <tr><td>{@link #IO}</td><td>writes 16 MiB files with {@code O_DIRECT} and {@code fsync} to the scratch directory
 * given, deleting each before the next, without end</td>
 * <td>16 MiB on disk at a time; the rate only by the CPU quota and the disk (no partition limits disk I/O)</td></tr>
 * </table>
 *
 * <p>{@link #MEMORY} prints {@code round N} as each round ends and {@link #IO} prints {@code written N MiB} after each
 * file, so the last line of their {@link GuestService#output()} says how much they did; {@link #CPU} and {@link #FORK}
 * print nothing (their effect is in the partition's cgroups: CPU time, refused forks).
 */
public enum GuestLoad {
    /** Two busy shell loops: more than any CPU budget below two CPUs. */
    CPU("load-cpu", "two busy shell loops (two CPUs' worth); bounded by the CPU quota and cpuset"),
    /** Allocate and touch beyond the memory limit, round after round; the OOM killer ends each round. */
    MEMORY("load-memory", "dd filling one block larger than the memory limit, again each time the OOM killer ends it; "
        + "bounded by the memory limit"),
    /** A fork bomb that keeps the process table full and keeps trying. */
    FORK("load-fork", "a fork bomb that keeps trying; bounded by the pids limit"),
    /** Direct, fsynced 16 MiB writes to a scratch directory, without end. */
    IO("load-io", "16 MiB O_DIRECT+fsync writes to a scratch directory, each file deleted before the next; "
        + "bounded by 16 MiB on disk (no partition limits disk I/O)");

    /** The size of each {@link #IO} file, MiB. */
    public static final int IO_FILE_MIB = 16;
    /** The name of the file {@link #IO} writes (and deletes) in its scratch directory. */
    public static final String IO_FILE = "pneuma-io-flood";
    /**
     * Processes {@link #FORK} leaves free beside other loads ({@link #launchTogether}): enough for their own forks and
     * for the launchers the partition counts outside its pid namespace.
     */
    public static final int FORK_HEADROOM_PIDS = 32;
    /** The memory limit {@link #command(Path)} sizes {@link #MEMORY} for: the guest partition's 768 MB. */
    public static final long DEFAULT_MEMORY_LIMIT_BYTES = 768L * 1024 * 1024;

    private static final String CPU_SCRIPT = "while :; do :; done & while :; do :; done";
    private static final String MEMORY_SCRIPT =
        "n=0; while :; do dd if=/dev/zero of=/dev/null bs=\"$1\" count=1 2>/dev/null; n=$((n+1)); echo \"round $n\"; done";
    /** Run as {@code sh -c S S}: every copy is {@code sh -c S S} again; failed forks kill the forker, quietly. */
    private static final String FORK_SCRIPT = "exec 2>/dev/null; while :; do sh -c \"$0\" \"$0\" & done";
    /**
     * One forker that counts the partition's processes in its own {@code /proc} (a glob: no fork) and starts a
     * {@code sleep 1} whenever there are fewer than {@code $1}: the table stays that full and churns.
     */
    private static final String FORK_BESIDE_SCRIPT =
        "exec 2>/dev/null; while :; do set -- /proc/[0-9]*; if [ $# -lt \"$0\" ]; then sleep 1 & fi; done";
    private static final String IO_SCRIPT = "f=\"$1/" + IO_FILE + "\"; n=0; while :; do"
        + " dd if=/dev/zero of=\"$f\" bs=1M count=" + IO_FILE_MIB + " oflag=direct conv=fsync status=none;"
        + " rm -f \"$f\"; n=$((n+" + IO_FILE_MIB + ")); echo \"written $n MiB\"; done";

    private final String serviceName;
    private final String summary;

    GuestLoad(String serviceName, String summary) {
        this.serviceName = serviceName;
        this.summary = summary;
    }

    /**
     * The name it runs under in a partition, {@code load-cpu}, {@code load-memory}, {@code load-fork} or
     * {@code load-io}: a valid service name, different for each load, so all four can run in one partition.
     */
    public String serviceName() {
        return serviceName;
    }

    /** The load's name on a command line: {@code cpu}, {@code memory}, {@code fork} or {@code io}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line: what it does and what bounds it. */
    public String summary() {
        return summary;
    }

    /**
     * The block {@link #MEMORY} allocates and fills per round in a partition with this memory limit: a quarter more
     * than the limit and at least 64 MiB more, so the OOM killer always ends the round, and a round that escapes it
     * (a backend that enforces no limit) still ends.
     */
    public static long memoryRoundBytes(long memoryLimitBytes) {
        if (memoryLimitBytes <= 0) {
            throw new IllegalArgumentException("memory limit must be positive, was " + memoryLimitBytes);
        }
        return memoryLimitBytes + Math.max(memoryLimitBytes / 4, 64L * 1024 * 1024);
    }

    /**
     * The command that makes this load in {@code partition}: {@link #MEMORY} is sized to exceed its memory limit.
     *
     * @param scratchDir an existing directory on the disk to flood, for {@link #IO} (the others ignore it); the load
     *                   writes and deletes {@value #IO_FILE} in it, and a killed load may leave that file behind, so the
     *                   caller removes the directory once the partition has stopped
     */
    public List<String> command(GuestPartitionSpec partition, Path scratchDir) {
        return command(scratchDir, partition.memoryLimitBytes());
    }

    /** The command for a partition with the configured guest's {@value #DEFAULT_MEMORY_LIMIT_BYTES}-byte memory limit. */
    public List<String> command(Path scratchDir) {
        return command(scratchDir, DEFAULT_MEMORY_LIMIT_BYTES);
    }

    private List<String> command(Path scratchDir, long memoryLimitBytes) {
        Objects.requireNonNull(scratchDir, "scratchDir");
        if (!scratchDir.isAbsolute()) {
            throw new IllegalArgumentException("scratch directory '" + scratchDir + "' is not absolute");
        }
        return switch (this) {
            case CPU -> List.of("sh", "-c", CPU_SCRIPT);
            case MEMORY -> List.of("sh", "-c", MEMORY_SCRIPT, "load-memory",
                Long.toString(memoryRoundBytes(memoryLimitBytes)));
            case FORK -> List.of("sh", "-c", FORK_SCRIPT, FORK_SCRIPT);
            case IO -> List.of("sh", "-c", IO_SCRIPT, "load-io", scratchDir.toString());
        };
    }

    /** Launches this load into {@code partition} as service {@link #serviceName()}, sized to its limits. */
    public GuestService launch(GuestPartition partition, Path scratchDir) {
        return partition.launch(serviceName, command(partition.spec(), scratchDir), Map.of());
    }

    /**
     * Launches several loads into one partition so that they all keep running side by side. A shell that cannot fork
     * dies, so a fork bomb that fills the process table would soon end every other load that forks ({@link #MEMORY}
     * each round, {@link #IO} each file). Beside other loads, {@link #FORK} is therefore not the bomb but a fork storm
     * that keeps the partition's processes at its pids limit less {@value #FORK_HEADROOM_PIDS} ({@link #forkCap}),
     * starting a {@code sleep 1} whenever one has ended; the pids limit stays the kernel's bound behind it. Alone, each
     * load is launched as by {@link #launch(GuestPartition, Path)}. {@link #FORK} is launched last, so its storm cannot
     * keep the others from starting.
     *
     * @return the services, in the order launched
     * @throws GuestPartitionException if one cannot be launched; those already launched keep running (stopping the
     *                                 partition ends them)
     */
    public static List<GuestService> launchTogether(GuestPartition partition, Collection<GuestLoad> loads,
                                                    Path scratchDir) {
        Set<GuestLoad> set = loads.isEmpty() ? EnumSet.noneOf(GuestLoad.class) : EnumSet.copyOf(loads);
        List<GuestService> launched = new ArrayList<>();
        for (GuestLoad load : set) {
            if (load != FORK) {
                launched.add(load.launch(partition, scratchDir));
            }
        }
        if (set.contains(FORK)) {
            launched.add(set.size() == 1 ? FORK.launch(partition, scratchDir)
                : partition.launch(FORK.serviceName, forkBesideOthersCommand(partition.spec()), Map.of()));
        }
        return launched;
    }

    /**
     * The number of processes, as the partition's own {@code /proc} counts them, below which {@link #FORK} beside
     * other loads keeps starting more: the pids limit less {@value #FORK_HEADROOM_PIDS}, at least 1.
     */
    public static int forkCap(GuestPartitionSpec partition) {
        return Math.max(1, partition.pidsLimit() - FORK_HEADROOM_PIDS);
    }

    static List<String> forkBesideOthersCommand(GuestPartitionSpec partition) {
        return List.of("sh", "-c", FORK_BESIDE_SCRIPT, Integer.toString(forkCap(partition)));
    }

    /** The load named {@code label} ({@code cpu}, {@code memory}, {@code fork}, {@code io}), any case. */
    public static GuestLoad ofLabel(String label) {
        for (GuestLoad load : values()) {
            if (load.label().equalsIgnoreCase(label)) {
                return load;
            }
        }
        throw new IllegalArgumentException("no guest load '" + label + "': expected one of cpu, memory, fork, io");
    }
}
