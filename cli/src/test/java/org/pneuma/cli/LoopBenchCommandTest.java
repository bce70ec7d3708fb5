package org.pneuma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneuma.cli.LoopBenchCommand.LoopResult;
import org.pneuma.cli.LoopBenchCommand.Measurement;
import org.pneuma.cli.LoopBenchCommand.Percentiles;
import org.pneuma.cli.LoopBenchCommand.Stress;
import org.pneuma.cli.LoopBenchCommand.Verdict;
import org.pneuma.hypervisor.guest.SandboxBackend;
import picocli.CommandLine;

/** {@code pneuma bench loop}: its options, its verdicts, and one short stressed run through every measuring path. */
class LoopBenchCommandTest {
    record Run(int status, String out, String err) {
    }

    static Run bench(LoopBenchCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void anUnknownStressIsBadInputNamingTheChoices() {
        Run run = bench(new LoopBenchCommand(), "--stress", "bogus");

        assertThat(run.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--stress").contains("'bogus' is not one of none, cpu, memory, fork, io, all");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownGuestBackendIsBadInput() {
        Run run = bench(new LoopBenchCommand(), "--stress", "cpu", "--guest", "vm");

        assertThat(run.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("'vm' is not one of sandbox, process");
    }

    @Test
    void theProcessBackendRefusesTheForkBombBeforeMeasuringAnything() {
        for (String stress : List.of("fork", "all", "FORK")) {
            Run run = bench(new LoopBenchCommand(), "--stress", stress, "--guest", "process");

            assertThat(run.status()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(run.err()).contains("no pids limit").contains("host's own process table");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void unstressedRatioWithinTargetPassesAndAMissingCyclictestIsNotJudged() {
        Measurement good = measurement(20, 60, 120, 400, new Percentiles(20, 55, 100, 300));
        assertThat(LoopBenchCommand.verdicts(good, null, Stress.NONE)).extracting(Verdict::status)
            .containsExactly(Verdict.PASS, Verdict.PASS);

        Measurement bad = measurement(20, 60, 200, 400, new Percentiles(20, 55, 100, 300));
        Verdict ratio = LoopBenchCommand.verdicts(bad, null, Stress.NONE).getFirst();
        assertThat(ratio.status()).isEqualTo(Verdict.FAIL);
        assertThat(ratio.detail()).startsWith("2.00 (loop 200 µs, cyclictest 100 µs)");

        Measurement alone = measurement(20, 60, 200, 400, null);
        assertThat(LoopBenchCommand.verdicts(alone, null, Stress.NONE)).extracting(Verdict::status)
            .containsExactly(Verdict.NOT_JUDGED, Verdict.PASS);
        assertThat(LoopBenchCommand.verdicts(alone, null, Stress.NONE)).noneMatch(Verdict::counts);
    }

    @Test
    void stressedOverUnstressedIsJudgedAgainstOnePointTwoAndSaysWhatCyclictestSaw() {
        Measurement calm = measurement(20, 60, 100, 400, new Percentiles(20, 55, 100, 300));
        Measurement fine = measurement(20, 60, 115, 400, new Percentiles(20, 55, 100, 300));
        Measurement worse = measurement(20, 60, 150, 400, new Percentiles(20, 55, 140, 300));

        List<Verdict> pass = LoopBenchCommand.verdicts(calm, fine, Stress.ALL);
        assertThat(pass).extracting(Verdict::status).containsExactly(Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS);
        assertThat(pass.get(1).check()).isEqualTo("stressed/unstressed loop p99.9 <= 1.2");

        List<Verdict> fail = LoopBenchCommand.verdicts(calm, worse, Stress.MEMORY);
        assertThat(fail.get(1).status()).isEqualTo(Verdict.FAIL);
        assertThat(fail.get(1).check()).contains("the target is set for --stress all");
        assertThat(fail.get(1).detail()).startsWith("1.50 (150 µs under memory, 100 µs without)")
            .contains("cyclictest's p99.9 went ×1.40 (100 → 140 µs)").contains("timer latency rose under the load too");
    }

    @Test
    void aMaxBeyondOnePeriodIsAVmStallOnlyIfCyclictestSawOneToo() {
        Measurement bothStalled = measurement(20, 60, 100, 4000, new Percentiles(20, 55, 100, 3000));
        Verdict stall = LoopBenchCommand.verdicts(bothStalled, null, Stress.NONE).getLast();
        assertThat(stall.status()).isEqualTo(Verdict.VM_STALL);
        assertThat(stall.detail()).contains("cyclictest saw one too (max 3000 µs)");
        assertThat(stall.counts()).isFalse();

        Measurement loopOnly = measurement(20, 60, 100, 4000, new Percentiles(20, 55, 100, 300));
        Verdict own = LoopBenchCommand.verdicts(loopOnly, null, Stress.NONE).getLast();
        assertThat(own.status()).isEqualTo(Verdict.FAIL);
        assertThat(own.detail()).contains("cyclictest saw no stall of that size (max 300 µs): the loop's own");
        assertThat(own.counts()).isTrue();

        Measurement muchLonger = measurement(20, 60, 100, 60_000, new Percentiles(20, 55, 100, 1200));
        assertThat(LoopBenchCommand.verdicts(muchLonger, null, Stress.NONE).getLast().status()).isEqualTo(Verdict.FAIL);

        Verdict unknown = LoopBenchCommand.verdicts(measurement(20, 60, 100, 4000, null), null, Stress.NONE).getLast();
        assertThat(unknown.status()).isEqualTo(Verdict.FAIL);
        assertThat(unknown.detail()).contains("no cyclictest run");
    }

    /**
     * One second unstressed and one with the cpu load in a sandboxed guest partition, cyclictest made absent: the
     * partition starts, the load runs and shows in its cgroups, the JSON carries both runs, and nothing is left behind.
     */
    @Test
    void aShortStressedRunMeasuresBothRunsReportsTheLoadAndLeavesNothingBehind() throws Exception {
        assertThat(SandboxBackend.onThisHost().missingPrerequisites())
            .as("this host lacks prerequisites of the sandbox backend; the test needs them, not a skip").isEmpty();
        LoopBenchCommand command = new LoopBenchCommand();
        command.cyclictest = "pneuma-test-no-such-cyclictest";

        Run run = bench(command, "--seconds", "1", "--stress", "cpu", "--json");

        assertThat(run.err()).contains("cyclictest is not installed");
        JsonNode json = new ObjectMapper().readTree(run.out());
        boolean missed = false;
        for (JsonNode verdict : json.get("verdicts")) {
            missed |= verdict.get("status").asText().equals(Verdict.FAIL);
        }
        assertThat(run.status()).as("timing is this machine's; the status follows the verdicts: " + run.err())
            .isEqualTo(missed ? ExitCode.FAILED : ExitCode.OK);
        assertThat(json.get("stress").asText()).isEqualTo("cpu");
        assertThat(json.get("loop_us").get("p99_9").asDouble()).isPositive();
        assertThat(json.get("stressed").get("loop_us").get("max").asDouble()).isPositive();
        assertThat(json.get("ratio_stressed_over_unstressed").get("loop_p99_9").asDouble()).isPositive();
        JsonNode guest = json.get("guest");
        assertThat(guest.get("backend").asText()).isEqualTo("sandbox");
        assertThat(guest.get("cpus").asText()).isEqualTo("0");
        assertThat(guest.get("limits").toString()).contains("pids 256", "cpu quota 50000", "memory 805306368");
        JsonNode effect = guest.get("effect_during_stressed_runs");
        assertThat(effect.get("guest_cpu_percent").asDouble()).as("the load ran, held near its 50 %% budget")
            .isBetween(10.0, 60.0);
        assertThat(effect.get("loads").get(0).get("service").asText()).isEqualTo("load-cpu");
        assertThat(effect.get("loads").get(0).get("running_at_end").asBoolean()).isTrue();
        assertThat(json.get("verdicts").get(0).get("status").asText()).isEqualTo(Verdict.NOT_JUDGED);

        String partition = guest.get("partition").asText();
        for (String controller : List.of("cpu", "cpuset", "memory", "pids")) {
            assertThat(Path.of("/sys/fs/cgroup", controller, "pneuma", partition)).doesNotExist();
        }
        try (var tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(tmp.map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.startsWith("pneuma-guest-" + partition) || n.startsWith("pneuma-bench-io-"));
        }
    }

    @Test
    void cpuListsAreReadAsTheKernelWritesThem() {
        assertThat(RealTimeNeighbours.inList("0-1", 1)).isTrue();
        assertThat(RealTimeNeighbours.inList("0,2-3", 1)).isFalse();
        assertThat(RealTimeNeighbours.inList("1", 1)).isTrue();
        assertThat(RealTimeNeighbours.on(0)).noneMatch(n -> n.startsWith("pid " + ProcessHandle.current().pid() + " "));
    }

    private static Measurement measurement(double p50, double p99, double p999, double max, Percentiles cyclic) {
        return new Measurement(new LoopResult(new Percentiles(p50, p99, p999, max), 0, 0, 1000, List.of()), cyclic, List.of());
    }
}
