package org.pneuma.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PneumaCommandTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run pneuma(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Pneuma.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    Path scenario(String expect) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: cli test
                duration_s: 12
                patient: {compliance_ml_per_cmh2o: 50, resistance_cmh2o_s_per_l: 10}
                settings: {mode: pc_cmv, rate_bpm: 15, ti_s: 1}
                expect:
                """ + expect);
        return file;
    }

    Path table(String rows) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "id,mode,vt_ml,c_ml_per_cmh2o,r_cmh2o_s_per_l,rate_bpm,ti_s,dp_cmh2o,peep_cmh2o,fio2_pct,leak_ml_min\n" + rows);
        return file;
    }

    @Test
    void simulateExitsZeroWhenEveryExpectationPasses() throws Exception {
        Run run = pneuma("simulate", "--scenario", scenario("  - {stat: count, window_s: [0, 12], between: [0, 10]}\n").toString());

        assertThat(run.status()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("PASS  line 6:").contains("result: PASS");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void simulateExitsOneWhenAnExpectationFails() throws Exception {
        Run run = pneuma("simulate", "--scenario", scenario("  - {stat: count, window_s: [0, 12], at_least: 100}\n").toString());

        assertThat(run.status()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("FAIL  line 6:").contains("result: FAIL");
    }

    @Test
    void simulateExitsTwoWithTheLineAndFieldOfABadScenario() throws Exception {
        Path file = scenario("  - {metric: vti_ml, between: [1, 2], colour: red}\n");

        Run run = pneuma("simulate", "--scenario", file.toString());

        assertThat(run.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith(file + ":6: expect[0].colour: unknown key");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void simulateExitsTwoForAMissingFileOrOption() {
        assertThat(pneuma("simulate", "--scenario", dir.resolve("none.yaml").toString()).status()).isEqualTo(ExitCode.BAD_INPUT);
        Run noOption = pneuma("simulate");
        assertThat(noOption.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noOption.err()).contains("Missing required option: '--scenario=FILE.yaml'");
    }

    @Test
    void simulatePrintsJsonWithAnEmptyAlarmListForAQuietRun() throws Exception {
        Run run = pneuma("simulate", "--json", "--scenario", scenario("  - {stat: count, between: [0, 10]}\n").toString());
        JsonNode json = new ObjectMapper().readTree(run.out());

        assertThat(json.get("scenario").asText()).isEqualTo("cli test");
        assertThat(json.get("breaths").isArray()).isTrue();
        assertThat(json.get("alarms")).isEmpty();
        assertThat(json.get("safe_state_at_s").isNull()).isTrue();
    }

    @Test
    void simulateReportsTheAlarmsAndTheSafeStateOfAControlFailure() throws Exception {
        Path file = dir.resolve("stall.yaml");
        Files.writeString(file, """
                name: stall
                duration_s: 8
                patient: {compliance_ml_per_cmh2o: 50, resistance_cmh2o_s_per_l: 10}
                settings: {mode: pc_cmv, rate_bpm: 15, ti_s: 1}
                events:
                  - {at_s: 4.5, fault: control_stall}
                expect:
                  - {alarm: CONTROL_FAILURE, raised_within_s: [4.5, 4.55]}
                  - {safe_state_within_s: [4.5, 4.55]}
                """);

        Run json = pneuma("simulate", "--json", "--scenario", file.toString());
        Run summary = pneuma("simulate", "--scenario", file.toString());

        assertThat(json.status()).isEqualTo(ExitCode.OK);
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(result.get("alarms").get(0).get("id").asText()).isEqualTo("CONTROL_FAILURE");
        assertThat(result.get("alarms").get(0).get("cleared_at_s").isNull()).isTrue();
        assertThat(result.get("safe_state_at_s").asDouble()).isBetween(4.5, 4.55);
        assertThat(result.get("signals").get("sounder_edges").asLong()).isPositive();
        assertThat(summary.out()).containsPattern("4\\.5\\d\\d s +CONTROL_FAILURE +HIGH +- +- +-")
                .contains("safe state: safety valve opened at 4.5")
                .contains("PASS  line 8: alarm CONTROL_FAILURE raised within 4.5–4.55 s");
    }

    @Test
    void simulateWritesTheWaveformAndResultIntoOut() throws Exception {
        Path out = dir.resolve("run");

        Run run = pneuma("simulate", "--scenario", scenario("  - {stat: count, between: [0, 10]}\n").toString(), "--out", out.toString());

        assertThat(run.status()).isEqualTo(ExitCode.OK);
        List<String> csv = Files.readAllLines(out.resolve("waveform.csv"));
        assertThat(csv.getFirst()).startsWith("time_s,airway_pressure_cmh2o,");
        assertThat(csv).hasSize(1 + 12 * 200);
        assertThat(out.resolve("result.json")).exists();
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("result: PASS");
    }

    @Test
    void verifyIso80601PassesAGoodRowAndCloses() throws Exception {
        Run run = pneuma("verify", "iso80601", "--table", table("PC-1,PC,500,50,5,20,1,10,5,30,0\n").toString());

        assertThat(run.status()).isEqualTo(ExitCode.OK);
        assertThat(run.out().lines().toList()).last().isEqualTo("iso80601: 1 passed, 0 failed");
    }

    @Test
    void verifyIso80601PrintsAJsonArray() throws Exception {
        Run run = pneuma("verify", "iso80601", "--json", "--table", table("VC-1,VC,500,50,5,20,1,,5,30,0\n").toString());
        JsonNode json = new ObjectMapper().readTree(run.out());

        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).get("id").asText()).isEqualTo("VC-1");
        assertThat(json.get(0).has("measured")).isTrue();
    }

    @Test
    void verifyIso80601ExitsTwoForAMalformedTable() throws Exception {
        Path file = table("PC-1,PC,500,50,5,abc,1,10,5,30,0\n");

        Run run = pneuma("verify", "iso80601", "--table", file.toString());

        assertThat(run.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith(file + ":2: row PC-1, column rate_bpm: \"abc\" is not a number");
    }

    @Test
    void aMissingCommandIsAUsageError() {
        Run bare = pneuma();
        Run verify = pneuma("verify");

        assertThat(bare.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(bare.err()).contains("Usage: pneuma");
        assertThat(verify.status()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(verify.err()).contains("iso80601");
    }

    @Test
    void theHelpExplainsTheCommandsAndTheirExitStatus() {
        assertThat(pneuma("--help").out()).contains("simulate").contains("verify").contains("Exit status");
        assertThat(pneuma("simulate", "--help").out()).contains("--scenario=FILE.yaml").contains("--out=DIR")
                .contains("alarm limits").contains("acknowledge").contains("safe state")
                .contains("Exit status: 0 when every expectation passes");
        assertThat(pneuma("--help").out()).contains("alarms");
        assertThat(pneuma("verify", "iso80601", "--help").out()).contains("±(2 cmH2O + 4 % of set)")
                .contains("iso80601: N passed, M failed");
    }
}
