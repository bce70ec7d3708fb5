package org.pneuma.simulation.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pneuma.simulation.AppliedEvent;
import org.pneuma.simulation.Breath;
import org.pneuma.simulation.BreathTruth;
import org.pneuma.simulation.ExpectationOutcome;
import org.pneuma.simulation.PreUseCheckResult;
import org.pneuma.simulation.ReportedBreath;
import org.pneuma.simulation.SimulationResult;
import org.pneuma.simulation.WindowMetrics;
import org.pneuma.simulation.scenario.Expectation;
import org.pneuma.simulation.scenario.Metric;
import org.pneuma.simulation.scenario.Statistic;
import org.pneuma.simulation.scenario.Window;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultJsonWriterTest {

    static SimulationResult result() {
        Breath b = new Breath(new ReportedBreath(1, 0, 1, 3, 20.123456, 5, 19.5, 500, 490, 15, 7.35, 1 / 3.0, 40, 0,
                true, false, false), new BreathTruth(0, 498.7, 20.2, 19.9, 5.1, Double.NaN));
        Expectation.OnBreaths e = new Expectation.OnBreaths(Metric.TRUE_VT_ML, Statistic.MEAN, new Window(0, 10), 425,
                Double.POSITIVE_INFINITY, 12);
        return new SimulationResult("demo", "demo.yaml", 10, 42, new PreUseCheckResult(true, 1.02, null), List.of(b),
                List.of(new AppliedEvent(5, "fault", "disconnection")),
                List.of(new ExpectationOutcome(e, true, 498.7, 1, 1, 1, "1 breath #1–#1")),
                WindowMetrics.of(List.of(b), 10, 10), List.of());
    }

    @Test
    void writesEveryPartOfAResultWithSnakeCaseKeys() throws Exception {
        StringWriter out = new StringWriter();
        ResultJsonWriter.write(result(), out);
        JsonNode json = new ObjectMapper().readTree(out.toString());

        assertThat(json.get("scenario").asText()).isEqualTo("demo");
        assertThat(json.get("pass").asBoolean()).isTrue();
        assertThat(json.get("pre_use_check").get("circuit_compliance_ml_per_cmh2o").asDouble()).isEqualTo(1.02);
        JsonNode breath = json.get("breaths").get(0);
        assertThat(breath.get("pip_cmh2o").asDouble()).isEqualTo(20.1235);
        assertThat(breath.get("patient_triggered").asInt()).isEqualTo(1);
        assertThat(breath.get("true_vt_ml").asDouble()).isEqualTo(498.7);
        assertThat(breath.get("true_fio2_pct").isNull()).isTrue();
        assertThat(json.get("metrics").get(0).get("means").get("vti_ml").asDouble()).isEqualTo(500);
        assertThat(json.get("events").get(0).get("description").asText()).isEqualTo("disconnection");
        JsonNode expectation = json.get("expectations").get(0);
        assertThat(expectation.get("line").asInt()).isEqualTo(12);
        assertThat(expectation.get("max").isNull()).isTrue();
        assertThat(expectation.get("breaths").get("count").asInt()).isEqualTo(1);
        assertThat(json.get("alarms").isArray()).isTrue();
        assertThat(json.get("alarms")).isEmpty();
    }

    @Test
    void theSummarySaysPassOrFailForEachExpectation() {
        StringWriter out = new StringWriter();
        SummaryWriter.write(result(), new PrintWriter(out));

        assertThat(out.toString())
                .contains("PASS  line 12: mean true_vt_ml over 0–10 s at least 425: measured 498.7 (1 breath #1–#1)")
                .contains("5.000 s  fault    disconnection")
                .contains("result: PASS (1 of 1 expectations passed)");
    }
}
