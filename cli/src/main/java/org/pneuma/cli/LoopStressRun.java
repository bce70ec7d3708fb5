package org.pneuma.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pneuma.hypervisor.guest.AppliedLimit;
import org.pneuma.hypervisor.guest.GuestBackend;
import org.pneuma.hypervisor.guest.GuestLoad;
import org.pneuma.hypervisor.guest.GuestNamespace;
import org.pneuma.hypervisor.guest.GuestPartition;
import org.pneuma.hypervisor.guest.GuestPartitionSpec;
import org.pneuma.hypervisor.guest.GuestService;

/**
 * The guest partition of {@code pneuma bench loop --stress}: started with the configured guest's limits on a CPU other
 * than the loop's, given the loads, read for their effect, and stopped with its scratch directory removed, leaving
 * nothing behind. Not thread-safe: the bench's main thread owns it.
 */
final class LoopStressRun implements AutoCloseable {
    /** The configured guest partition ({@code config/pneuma.yaml}): 50 % of one CPU, 768 MB, 256 processes. */
    static final int CPU_BUDGET_PERCENT = 50;
    static final long MEMORY_BYTES = 768L * 1024 * 1024;
    static final int PIDS = 256;

    private final GuestPartition partition;
    private final Path scratch;
    private final Set<GuestLoad> loads;
    private final List<GuestService> services = new ArrayList<>();
    private Counters before;
    private long beforeNs;
    private Counters after;
    private long afterNs;

    private LoopStressRun(GuestPartition partition, Path scratch, Set<GuestLoad> loads) {
        this.partition = partition;
        this.scratch = scratch;
        this.loads = loads;
    }

    /** The spec of the bench's guest partition, on {@code guestCpus}. */
    static GuestPartitionSpec spec(String guestCpus) {
        return new GuestPartitionSpec("bench-guest-" + ProcessHandle.current().pid(), guestCpus, CPU_BUDGET_PERCENT,
            MEMORY_BYTES, PIDS, EnumSet.allOf(GuestNamespace.class), List.of(), Map.of());
    }

    /**
     * Starts the partition (no load yet) and makes the scratch directory for {@link GuestLoad#IO} under the temporary
     * directory; on failure leaves nothing behind and throws.
     */
    static LoopStressRun start(GuestBackend backend, GuestPartitionSpec spec, Set<GuestLoad> loads) throws IOException {
        Path scratch = Files.createTempDirectory("pneuma-bench-io-");
        try {
            return new LoopStressRun(backend.start(spec), scratch, EnumSet.copyOf(loads));
        } catch (RuntimeException e) {
            deleteTree(scratch);
            throw e;
        }
    }

    GuestPartition partition() {
        return partition;
    }

    Path scratch() {
        return scratch;
    }

    /** Launches every load, side by side ({@link GuestLoad#launchTogether}). */
    void launchLoads() {
        services.addAll(GuestLoad.launchTogether(partition, loads, scratch));
    }

    /** Reads the partition's counters as the stressed measurement begins. */
    void markStart() {
        before = Counters.read(partition.cgroupDirectories());
        beforeNs = System.nanoTime();
    }

    /** Reads them again as it ends; also notes the loads' output before the partition goes. */
    void markEnd() {
        after = Counters.read(partition.cgroupDirectories());
        afterNs = System.nanoTime();
    }

    /** One line per limit in force, and the limits that are not. */
    List<String> limitLines() {
        List<String> lines = new ArrayList<>();
        for (AppliedLimit limit : partition.limits().applied()) {
            if (limit.limit() != AppliedLimit.Limit.DEVICES) {
                lines.add(limit.limit().label() + " " + limit.readBack() + "  (" + limit.hierarchy().label() + " "
                    + limit.file().getFileName() + ")");
            }
        }
        for (String missing : partition.limits().notApplied()) {
            lines.add("NOT APPLIED: " + missing);
        }
        return lines;
    }

    /** What the loads did during the stressed measurement, from the partition's cgroups and the loads' output. */
    Effect effect() {
        if (before == null || after == null) {
            throw new IllegalStateException("the stressed measurement has not been marked");
        }
        double seconds = Math.max(1e-9, (afterNs - beforeNs) / 1e9);
        List<LoadState> states = new ArrayList<>();
        for (GuestService service : services) {
            states.add(new LoadState(service.name(), service.isAlive(), lastLine(service.output())));
        }
        OptionalLong cpuNs = delta(before.cpuNs, after.cpuNs);
        return new Effect(
            cpuNs.isPresent() ? Optional.of(100.0 * cpuNs.getAsLong() / 1e9 / seconds) : Optional.empty(),
            delta(before.throttledPeriods, after.throttledPeriods), delta(before.periods, after.periods),
            after.memoryPeakBytes, delta(before.oomKills, after.oomKills), after.pidsCurrent,
            delta(before.pidsRefused, after.pidsRefused),
            counter(outputOf(GuestLoad.MEMORY), "round (\\d+)"), counter(outputOf(GuestLoad.IO), "written (\\d+) MiB"),
            states);
    }

    private String outputOf(GuestLoad load) {
        return services.stream().filter(s -> s.name().equals(load.serviceName())).findFirst().map(GuestService::output)
            .orElse("");
    }

    /** Stops the partition (every process, cgroup and file of it gone) and removes the scratch directory. */
    @Override
    public void close() {
        try {
            partition.stop();
        } finally {
            deleteTree(scratch);
        }
    }

    private static OptionalLong delta(OptionalLong a, OptionalLong b) {
        return a.isPresent() && b.isPresent() ? OptionalLong.of(b.getAsLong() - a.getAsLong()) : OptionalLong.empty();
    }

    private static OptionalLong counter(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        OptionalLong last = OptionalLong.empty();
        while (m.find()) {
            last = OptionalLong.of(Long.parseLong(m.group(1)));
        }
        return last;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the guest load's scratch directory " + root, e);
        }
    }

    /** A load at the end of the stressed run: whether it still ran and the last line it printed. */
    record LoadState(String service, boolean running, String lastOutput) {
    }

    /**
     * What the loads did during the stressed measurement; a figure is empty when its cgroup file does not exist (the
     * {@code process} backend has none).
     */
    record Effect(Optional<Double> guestCpuPercent, OptionalLong throttledPeriods, OptionalLong periods,
                  OptionalLong memoryPeakBytes, OptionalLong oomKills, OptionalLong pidsAtEnd, OptionalLong forksRefused,
                  OptionalLong memoryRounds, OptionalLong mibWritten, List<LoadState> loads) {
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(guestCpuPercent.map(p -> String.format(Locale.ROOT, "guest CPU use %.0f %% of one CPU", p))
                .orElse("guest CPU use: not measured (no cpuacct)")
                + (throttledPeriods.isPresent() && periods.isPresent()
                ? String.format(Locale.ROOT, ", throttled in %d of %d CFS periods", throttledPeriods.getAsLong(),
                periods.getAsLong()) : ""));
            List<String> parts = new ArrayList<>();
            memoryPeakBytes.ifPresent(b -> parts.add(String.format(Locale.ROOT, "memory peak %d MiB", b >> 20)));
            oomKills.ifPresent(n -> parts.add("OOM kills " + n));
            memoryRounds.ifPresent(n -> parts.add("memory rounds " + n + " (since launch)"));
            if (!parts.isEmpty()) {
                lines.add(String.join(", ", parts));
            }
            parts.clear();
            pidsAtEnd.ifPresent(n -> parts.add("processes at end " + n));
            forksRefused.ifPresent(n -> parts.add("forks refused by pids limit " + n));
            mibWritten.ifPresent(n -> parts.add("written with fsync " + n + " MiB (since launch)"));
            if (!parts.isEmpty()) {
                lines.add(String.join(", ", parts));
            }
            for (LoadState load : loads) {
                lines.add(load.service() + ": " + (load.running() ? "running" : "ENDED")
                    + (load.lastOutput().isEmpty() ? "" : " — last output: " + load.lastOutput()));
            }
            return lines;
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("guest_cpu_percent", guestCpuPercent.orElse(null));
            m.put("throttled_periods", boxed(throttledPeriods));
            m.put("periods", boxed(periods));
            m.put("memory_peak_bytes", boxed(memoryPeakBytes));
            m.put("oom_kills", boxed(oomKills));
            m.put("memory_rounds", boxed(memoryRounds));
            m.put("processes_at_end", boxed(pidsAtEnd));
            m.put("forks_refused", boxed(forksRefused));
            m.put("mib_written", boxed(mibWritten));
            List<Map<String, Object>> states = new ArrayList<>();
            for (LoadState load : loads) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("service", load.service());
                s.put("running_at_end", load.running());
                s.put("last_output", load.lastOutput());
                states.add(s);
            }
            m.put("loads", states);
            return m;
        }

        private static Long boxed(OptionalLong value) {
            return value.isPresent() ? value.getAsLong() : null;
        }
    }

    /** The partition's cgroup counters at one moment; empty where the file does not exist. */
    private record Counters(OptionalLong cpuNs, OptionalLong periods, OptionalLong throttledPeriods,
                            OptionalLong memoryPeakBytes, OptionalLong oomKills, OptionalLong pidsCurrent,
                            OptionalLong pidsRefused) {
        static Counters read(List<Path> directories) {
            return new Counters(value(directories, "cpuacct.usage", null), value(directories, "cpu.stat", "nr_periods"),
                value(directories, "cpu.stat", "nr_throttled"),
                value(directories, "memory.max_usage_in_bytes", null),
                value(directories, "memory.oom_control", "oom_kill"), value(directories, "pids.current", null),
                value(directories, "pids.events", "max"));
        }

        /** The file's number, or the number after {@code key} on its line; from the first directory that has it. */
        private static OptionalLong value(List<Path> directories, String file, String key) {
            for (Path directory : directories) {
                String text;
                try {
                    text = Files.readString(directory.resolve(file), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException e) {
                    continue;
                } catch (IOException e) {
                    return OptionalLong.empty();
                }
                if (key == null) {
                    return parse(text.strip());
                }
                for (String line : text.split("\n")) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length == 2 && f[0].equals(key)) {
                        return parse(f[1]);
                    }
                }
                return OptionalLong.empty();
            }
            return OptionalLong.empty();
        }

        private static OptionalLong parse(String s) {
            try {
                return OptionalLong.of(Long.parseLong(s));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }
}
