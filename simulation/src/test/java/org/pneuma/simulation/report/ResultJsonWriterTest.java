package org.pneuma.simulation.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.alarm.AlarmPriority;
import org.pneuma.simulation.AlarmRecord;
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
                WindowMetrics.of(List.of(b), 10, 10),
                List.of(new AlarmRecord(AlarmId.DISCONNECTION, AlarmPriority.HIGH, 6.5, 8.25, 9.0, 9.0),
                        AlarmRecord.raised(AlarmId.LOW_VTE, 7)),
                null, new SimulationResult.SignalCounts(12, 34));
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
        JsonNode alarm = json.get("alarms").get(0);
        assertThat(alarm.get("id").asText()).isEqualTo("DISCONNECTION");
        assertThat(alarm.get("priority").asText()).isEqualTo("HIGH");
        assertThat(alarm.get("raised_at_s").asDouble()).isEqualTo(6.5);
        assertThat(alarm.get("cleared_at_s").asDouble()).isEqualTo(8.25);
        assertThat(alarm.get("acknowledged_at_s").asDouble()).isEqualTo(9);
        assertThat(alarm.get("signal_ended_at_s").asDouble()).isEqualTo(9);
        JsonNode open = json.get("alarms").get(1);
        assertThat(open.get("cleared_at_s").isNull()).isTrue();
        assertThat(open.get("acknowledged_at_s").isNull()).isTrue();
        assertThat(open.get("signal_ended_at_s").isNull()).isTrue();
        assertThat(json.get("safe_state_at_s").isNull()).isTrue();
        assertThat(json.get("signals").get("sounder_edges").asLong()).isEqualTo(12);
        assertThat(json.get("signals").get("indicator_edges").asLong()).isEqualTo(34);
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

    @Test
    void theSummaryListsTheAlarmsTheSafeStateAndTheSignals() {
        StringWriter out = new StringWriter();
        SummaryWriter.write(result(), new PrintWriter(out));

        assertThat(out.toString())
                .containsPattern("6\\.500 s +DISCONNECTION +HIGH +8\\.250 s +9\\.000 s +9\\.000 s")
                .containsPattern("7\\.000 s +LOW_VTE +MEDIUM +- +- +-")
                .contains("safe state: never (the safety valve stayed shut)")
                .contains("signals: sounder 12 edges, light 34 edges");
    }
}
