package org.pneuma.hypervisor.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pneuma.hypervisor.guest.GuestHost.MIB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guest loads: names, commands, sizing, and each one's effect in a real sandboxed partition. */
class GuestLoadTest {
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

    @TempDir
    Path scratch;

    @Test
    void serviceNamesAreValidDistinctAndNamedAfterTheLoad() {
        for (GuestLoad load : GuestLoad.values()) {
            assertThat(load.serviceName()).matches(SERVICE_NAME).isEqualTo("load-" + load.label());
            assertThat(load.summary()).contains("bounded by");
        }
        Set<String> names = Arrays.stream(GuestLoad.values()).map(GuestLoad::serviceName).collect(Collectors.toSet());
        assertThat(names).hasSize(GuestLoad.values().length);
    }

    @Test
    void labelsRoundTripInAnyCaseAndAnUnknownOneIsNamed() {
        for (GuestLoad load : GuestLoad.values()) {
            assertThat(GuestLoad.ofLabel(load.label().toUpperCase())).isSameAs(load);
        }
        assertThatThrownBy(() -> GuestLoad.ofLabel("disk"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'disk'").hasMessageContaining("cpu, memory, fork, io");
    }

    @Test
    void commandsAreShellScriptsOfStandardToolsAndOnlyIoUsesTheScratchDirectory() {
        GuestPartitionSpec spec = GuestHost.spec("loads", List.of());
        for (GuestLoad load : GuestLoad.values()) {
            List<String> command = load.command(spec, scratch);
            assertThat(command.subList(0, 2)).containsExactly("sh", "-c");
            assertThat(String.join(" ", command).contains(scratch.toString())).isEqualTo(load == GuestLoad.IO);
        }
        assertThat(GuestLoad.IO.command(spec, scratch)).last().isEqualTo(scratch.toString());
        assertThat(GuestLoad.IO.command(spec, scratch).get(2)).contains("oflag=direct", "conv=fsync", "rm -f");
        assertThat(GuestLoad.FORK.command(spec, scratch).get(2)).contains("sh -c \"$0\" \"$0\" &");
        assertThatThrownBy(() -> GuestLoad.IO.command(spec, Path.of("relative")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not absolute");
    }

    @Test
    void memoryRoundsExceedTheLimitByAQuarterOrAtLeast64MiB() {
        assertThat(GuestLoad.memoryRoundBytes(768 * MIB)).isEqualTo(960 * MIB);
        assertThat(GuestLoad.memoryRoundBytes(64 * MIB)).isEqualTo(128 * MIB);
        assertThat(GuestLoad.MEMORY.command(GuestHost.spec("loads", List.of()), scratch)).last()
            .isEqualTo(Long.toString(128 * MIB));
        assertThat(GuestLoad.MEMORY.command(scratch)).last().isEqualTo(Long.toString(960 * MIB));
        assertThatThrownBy(() -> GuestLoad.memoryRoundBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forkBesideOthersLeavesHeadroomUnderThePidsLimit() {
        assertThat(GuestLoad.forkCap(GuestHost.spec("loads", List.of()))).isEqualTo(64 - GuestLoad.FORK_HEADROOM_PIDS);
        assertThat(GuestLoad.forkBesideOthersCommand(GuestHost.spec("loads", List.of()))).last()
            .isEqualTo(Integer.toString(64 - GuestLoad.FORK_HEADROOM_PIDS));
    }

    @Test
    void ioWritesAndDeletesItsFileAndSaysHowMuchItWrote() throws Exception {
        Process io = new ProcessBuilder(GuestLoad.IO.command(GuestHost.spec("loads", List.of()), scratch))
            .redirectErrorStream(true).start();
        try {
            String firstLine = new String(io.getInputStream().readNBytes("written 16 MiB\n".length()));
            assertThat(firstLine).isEqualTo("written 16 MiB\n");
        } finally {
            io.destroyForcibly().waitFor();
        }
        try (var left = Files.list(scratch)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).isSubsetOf(List.of(GuestLoad.IO_FILE));
        }
    }

    /** All four together in a sandboxed partition: each really loads it, and each is held by its limit. */
    @Test
    void togetherInASandboxEachLoadRunsAndIsHeldByItsLimit() throws Exception {
        GuestHost.requireSandboxPrerequisites();
        String name = GuestHost.uniqueName("loads");
        GuestPartition partition = SandboxBackend.onThisHost().start(GuestHost.spec(name, List.of()));
        try {
            List<GuestService> services = GuestLoad.launchTogether(partition, EnumSet.allOf(GuestLoad.class), scratch);
            assertThat(services).extracting(GuestService::name)
                .containsExactly("load-cpu", "load-memory", "load-io", "load-fork");
            GuestService memory = services.get(1);
            GuestService io = services.get(2);
            Path cpuacct = cgroupFile(partition, "cpuacct.usage");
            Path oom = cgroupFile(partition, "memory.oom_control");
            Path pids = cgroupFile(partition, "pids.current");
            long cpuBefore = Long.parseLong(GuestHost.read(cpuacct).strip());

            assertThat(GuestHost.eventually(Duration.ofSeconds(15), () -> counter(memory.output(), "round (\\d+)") >= 2
                && counter(io.output(), "written (\\d+) MiB") >= 32
                && Long.parseLong(GuestHost.readOrEmpty(pids).strip()) >= GuestLoad.forkCap(partition.spec())))
                .as("memory rounds, io MiB, pids: " + memory.output() + " / " + io.output() + " / "
                    + GuestHost.readOrEmpty(pids)).isTrue();
            assertThat(counter(GuestHost.read(oom), "oom_kill (\\d+)")).as("OOM kills").isGreaterThanOrEqualTo(2);
            assertThat(Long.parseLong(GuestHost.read(cpuacct).strip()) - cpuBefore).as("CPU time, ns").isPositive();
            assertThat(services).as("every load still running beside the others").allMatch(GuestService::isAlive);
        } finally {
            partition.stop();
        }
        assertThat(GuestHost.cgroupDirectoriesNamed(name)).isEmpty();
    }

    /** The fork bomb alone fills the process table to the pids limit, and the kernel refuses it from then on. */
    @Test
    void theForkBombAloneIsHeldByThePidsLimit() throws Exception {
        GuestHost.requireSandboxPrerequisites();
        String name = GuestHost.uniqueName("bomb");
        GuestPartition partition = SandboxBackend.onThisHost().start(GuestHost.spec(name, List.of()));
        try {
            GuestLoad.FORK.launch(partition, scratch);
            Path events = cgroupFile(partition, "pids.events");
            Path current = cgroupFile(partition, "pids.current");
            assertThat(GuestHost.eventually(Duration.ofSeconds(10),
                () -> counter(GuestHost.readOrEmpty(events), "max (\\d+)") >= 10)).isTrue();
            assertThat(Long.parseLong(GuestHost.read(current).strip())).isLessThanOrEqualTo(64);
        } finally {
            partition.stop();
        }
        assertThat(GuestHost.cgroupDirectoriesNamed(name)).isEmpty();
    }

    private static Path cgroupFile(GuestPartition partition, String file) {
        return partition.cgroupDirectories().stream().map(d -> d.resolve(file)).filter(Files::exists).findFirst()
            .orElseThrow(() -> new AssertionError("no " + file + " in " + partition.cgroupDirectories()));
    }

    /** The last number {@code pattern}'s group matches in {@code text}, or 0. */
    private static long counter(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }
}
