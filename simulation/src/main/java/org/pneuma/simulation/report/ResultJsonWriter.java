package org.pneuma.simulation.report;

import com.fasterxml.jackson.core.JsonGenerator;
import org.pneuma.simulation.AlarmRecord;
import org.pneuma.simulation.AppliedEvent;
import org.pneuma.simulation.Breath;
import org.pneuma.simulation.ExpectationOutcome;
import org.pneuma.simulation.SimulationResult;
import org.pneuma.simulation.WindowMetrics;
import org.pneuma.simulation.scenario.Expectation;
import org.pneuma.simulation.scenario.Metric;

import java.io.IOException;
import java.io.Writer;

/**
 * A run as JSON:
 * <pre>
 * {"scenario", "source", "duration_s", "seed", "pass",
 *  "pre_use_check": {"pass", "circuit_compliance_ml_per_cmh2o", "failure"},
 *  "breaths": [{"number", "start_s", &lt;every metric by its key: pip_cmh2o … true_fio2_pct&gt;}],
 *  "metrics": [{"from_s", "to_s", "breaths", "means": {&lt;metric&gt;: mean}}],
 *  "events": [{"at_s", "kind", "description"}],
 *  "expectations": [{"line", "expect", "pass", "measured", "breaths": {"count", "first", "last"}, "detail"}],
 *  "alarms": [{"id", "priority", "raised_at_s", "cleared_at_s", "acknowledged_at_s", "signal_ended_at_s"}],
 *  "safe_state_at_s",
 *  "signals": {"sounder_edges", "indicator_edges"}}
 * </pre>
 * Numbers are rounded to 4 decimals; unknown values, and alarm times that did not come, are null.
 * Same result, same bytes.
 */
public final class ResultJsonWriter {
    private ResultJsonWriter() {
    }

    public static void write(SimulationResult result, Writer out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("scenario", result.scenario());
            g.writeStringField("source", result.source());
            Json.number(g, "duration_s", result.durationS());
            g.writeNumberField("seed", result.seed());
            g.writeBooleanField("pass", result.passed());

            g.writeObjectFieldStart("pre_use_check");
            g.writeBooleanField("pass", result.preUseCheck().passed());
            Json.number(g, "circuit_compliance_ml_per_cmh2o", result.preUseCheck().circuitComplianceMlPerCmH2O());
            g.writeStringField("failure", result.preUseCheck().failure());
            g.writeEndObject();

            g.writeArrayFieldStart("breaths");
            for (Breath b : result.breaths()) {
                g.writeStartObject();
                g.writeNumberField("number", b.number());
                Json.number(g, "start_s", b.startS());
                for (Metric m : Metric.values()) Json.number(g, m.key(), b.value(m));
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("metrics");
            for (WindowMetrics w : result.metrics()) {
                g.writeStartObject();
                Json.number(g, "from_s", w.fromS());
                Json.number(g, "to_s", w.toS());
                g.writeNumberField("breaths", w.breaths());
                g.writeObjectFieldStart("means");
                for (Metric m : Metric.values()) Json.number(g, m.key(), w.mean(m));
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("events");
            for (AppliedEvent e : result.events()) {
                g.writeStartObject();
                Json.number(g, "at_s", e.atS());
                g.writeStringField("kind", e.kind());
                g.writeStringField("description", e.description());
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("expectations");
            for (ExpectationOutcome o : result.expectations()) writeOutcome(g, o);
            g.writeEndArray();

            g.writeArrayFieldStart("alarms");
            for (AlarmRecord a : result.alarms()) {
                g.writeStartObject();
                g.writeStringField("id", a.id().name());
                g.writeStringField("priority", a.priority().name());
                Json.number(g, "raised_at_s", a.raisedAtS());
                Json.number(g, "cleared_at_s", a.clearedAtS());
                Json.number(g, "acknowledged_at_s", a.acknowledgedAtS());
                Json.number(g, "signal_ended_at_s", a.signalEndedAtS());
                g.writeEndObject();
            }
            g.writeEndArray();
            Json.number(g, "safe_state_at_s", result.safeStateAtS());
            g.writeObjectFieldStart("signals");
            g.writeNumberField("sounder_edges", result.signals().sounderEdges());
            g.writeNumberField("indicator_edges", result.signals().indicatorEdges());
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    private static void writeOutcome(JsonGenerator g, ExpectationOutcome o) throws IOException {
        Expectation e = o.expectation();
        g.writeStartObject();
        g.writeNumberField("line", e.line());
        g.writeStringField("expect", e.describe());
        if (e instanceof Expectation.OnBreaths on) {
            g.writeStringField("metric", on.metric() == null ? null : on.metric().key());
            g.writeStringField("stat", on.stat().key());
            g.writeArrayFieldStart("window_s");
            Json.number(g, on.window().fromS());
            Json.number(g, on.window().toS());
            g.writeEndArray();
            Json.number(g, "min", on.min());
            Json.number(g, "max", on.max());
        }
        g.writeBooleanField("pass", o.pass());
        Json.number(g, "measured", o.measured());
        g.writeObjectFieldStart("breaths");
        g.writeNumberField("count", o.breaths());
        g.writeNumberField("first", o.firstBreath());
        g.writeNumberField("last", o.lastBreath());
        g.writeEndObject();
        g.writeStringField("detail", o.detail());
        g.writeEndObject();
    }
}
