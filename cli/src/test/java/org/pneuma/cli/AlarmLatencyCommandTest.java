package org.pneuma.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.safety.alarm.AlarmId;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.cli.PneumaCommandTest.pneuma;

class AlarmLatencyCommandTest {

    @TempDir
    Path dir;

    /** A scenario whose O2 reading freezes at {@code stuckS} (SENSOR_FAULT 250 ms later), or never when negative. */
    Path sensorFaultScenario(String fileName, double stuckS, String extra) throws Exception {
        Path file = dir.resolve(fileName);
        Files.writeString(file, """
                name: latency test
                duration_s: 5
                patient: {compliance_ml_per_cmh2o: 50, resistance_cmh2o_s_per_l: 10}
                settings: {mode: pc_cmv, rate_bpm: 15, ti_s: 1}
                %s
                """.formatted(extra) + (stuckS < 0 ? "" : """
                events:
                  - {at_s: %s, fault: sensor_stuck, sensor: oxygen}
                """.formatted(stuckS)));
        return file;
    }

    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("scenarios")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    @Test
    void latencyIsTheFirstRaiseAfterTheOnsetMinusTheOnset() throws Exception {
        sensorFaultScenario("sensor_fault-raise.yaml", 2, "");
        Files.writeString(dir.resolve("sensor_fault-near-miss.yaml"), "not even YAML: [");

        PneumaCommandTest.Run run = pneuma("alarms", "latency", "--scenarios", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).containsPattern(
                "SENSOR_FAULT +HIGH +1 ms out of range / 250 ms frozen / 200 ms disagreeing +2\\.000 +2\\.250 +0\\.250 +sensor_fault-raise\\.yaml");
        assertThat(run.out()).containsPattern("APNEA +HIGH +apnea_s +- +- +- +\\(no raise scenario\\)");
        assertThat(run.out().lines().toList()).last()
                .isEqualTo("alarms latency: 1 measured, 0 not raised, " + (AlarmId.values().length - 1)
                        + " without a raise scenario");
    }

    @Test
    void anExplicitOnsetIsUsedInsteadOfTheFirstEvent() throws Exception {
        sensorFaultScenario("sensor_fault-raise.yaml", 2, "onset_s: 1.5");

        PneumaCommandTest.Run run = pneuma("alarms", "latency", "--json", "--scenarios", dir.toString());
        JsonNode row = new ObjectMapper().readTree(run.out()).get(AlarmId.SENSOR_FAULT.ordinal()); // rows in AlarmId order

        assertThat(row.get("id").asText()).isEqualTo("SENSOR_FAULT");
        assertThat(row.get("onset_s").asDouble()).isEqualTo(1.5);
        assertThat(row.get("raised_at_s").asDouble()).isEqualTo(2.25);
        assertThat(row.get("latency_s").asDouble()).isEqualTo(0.75);
        assertThat(row.get("scenario").asText()).isEqualTo("sensor_fault-raise.yaml");
    }

    @Test
    void aRaiseScenarioThatDoesNotRaiseItsAlarmExitsOne() throws Exception {
        sensorFaultScenario("sensor_fault-raise.yaml", -1, "");

        PneumaCommandTest.Run run = pneuma("alarms", "latency", "--scenarios", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).containsPattern("SENSOR_FAULT .* NOT RAISED ");
        assertThat(run.err()).contains("sensor_fault-raise.yaml did not raise SENSOR_FAULT after its onset");
    }

    @Test
    void aBadRaiseScenarioOrNameExitsTwoWithEveryProblem() throws Exception {
        Path named = sensorFaultScenario("snoring-raise.yaml", 2, "");
        Path bad = sensorFaultScenario("apnea-raise.yaml", 2, "colour: red");

        PneumaCommandTest.Run run = pneuma("alarms", "latency", "--scenarios", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains(bad + ":5: colour: unknown key")
                .contains(named + ": the name names no alarm: expected <alarm-id>-raise.yaml");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingDirectoryOrTwoFormatsAreBadInput() {
        PneumaCommandTest.Run missing = pneuma("alarms", "latency", "--scenarios", dir.resolve("none").toString());
        PneumaCommandTest.Run both = pneuma("alarms", "latency", "--json", "--markdown", "--scenarios", dir.toString());
        PneumaCommandTest.Run bare = pneuma("alarms");

        assertThat(missing.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missing.err()).contains("no such directory");
        assertThat(both.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(bare.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(bare.err()).contains("latency");
    }

    @Test
    void theLatencyPageInDocsIsWhatTheCommandPrintsToday() throws Exception {
        Path root = repositoryRoot();

        PneumaCommandTest.Run run = pneuma("alarms", "latency", "--markdown", "--scenarios", root.resolve("scenarios/alarms").toString());

        assertThat(run.status()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).startsWith("# Alarm detection latency").contains("pneuma alarms latency --markdown > docs/alarm-latency.md");
        assertThat(Files.readString(root.resolve("docs/alarm-latency.md")))
                .as("docs/alarm-latency.md is stale: run pneuma alarms latency --markdown > docs/alarm-latency.md")
                .isEqualTo(run.out());
    }

    @Test
    void theHelpSaysWhatIsMeasuredAndTheExitStatus() {
        assertThat(pneuma("alarms", "latency", "--help").out())
                .contains("--scenarios=DIR").contains("--json").contains("--markdown")
                .contains("<alarm-id>-raise.yaml").contains("onset_s")
                .contains("pneuma alarms latency --markdown > docs/alarm-latency.md")
                .contains("Exit status: 0 when every raise scenario raised its alarm");
        assertThat(pneuma("--help").out()).contains("alarms");
    }
}
