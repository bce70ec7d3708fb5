package org.pneuma.simulation.iso;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import org.pneuma.simulation.scenario.ScenarioText;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Reports ISO 80601-2-12 verdicts. For a human, one line per row — the lung and set values; for each
 * judged quantity its measured mean, (error ± tolerance); the verdict with the reasons of a failure —
 * then {@code iso80601: N passed, M failed}. The reported Vt's error is against the true Vt. As JSON,
 * an array of
 * <pre>
 * {"id", "mode", "pass", "breaths",
 *  "set": {"peep_cmh2o", "dp_cmh2o" (PC) | "vt_ml" (VC), "end_inspiratory_cmh2o" (PC), "rate_bpm", "ti_s", "fio2_pct",
 *          "c_ml_per_cmh2o", "r_cmh2o_s_per_l", "leak_ml_min"},
 *  "measured": {"pip_cmh2o", "peep_cmh2o", "vt_true_ml", "vt_reported_ml", "fio2_pct"},
 *  "error": {same keys: measured − reference},
 *  "tolerance": {same keys: ± allowed; null where the row's mode does not judge it},
 *  "failures": ["…"]}
 * </pre>
 * {@code pip_cmh2o} is the end-inspiratory pressure at the patient connection — the pressure the
 * standard judges; the reference of {@code vt_reported_ml} is the true Vt.
 */
public final class IsoReportWriter {
    private IsoReportWriter() {
    }

    public static void writeText(List<IsoRowResult> results, PrintWriter out) {
        for (IsoRowResult r : results) out.println(line(r));
        long passed = results.stream().filter(IsoRowResult::pass).count();
        out.printf(Locale.ROOT, "iso80601: %d passed, %d failed%n", passed, results.size() - passed);
        out.flush();
    }

    static String line(IsoRowResult r) {
        IsoRow row = r.row();
        IsoRowResult.Measured m = r.measured();
        IsoRowResult.Tolerance t = r.tolerance();
        boolean pc = row.mode() == IsoRow.IsoMode.PC;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-7s %s  C %-4s R %-4s", row.id(), row.mode(), n(row.complianceMlPerCmH2O()),
                n(row.resistanceCmH2OSPerL())));
        s.append(String.format(Locale.ROOT, " set %s %-4s PEEP %-3s FiO2 %-3s %-10s |",
                pc ? "ΔP" : "Vt", n(pc ? row.dpCmH2O() : row.vtMl()), n(row.peepCmH2O()), n(row.fio2Pct()),
                row.leakMlPerMin() > 0 ? "leak " + n(row.leakMlPerMin()) : ""));
        if (pc) s.append(judged("Pend-i", m.pipCmH2O(), row.setEndInspiratoryCmH2O(), t.pipCmH2O(), 1));
        else s.append(judged("Vt", m.vtTrueMl(), row.vtMl(), t.vtTrueMl(), 1));
        s.append(judged("PEEP", m.peepCmH2O(), row.peepCmH2O(), t.peepCmH2O(), 2));
        if (pc) s.append(Double.isNaN(m.vtTrueMl()) ? "  Vt -" : String.format(Locale.ROOT, "  Vt %.1f", m.vtTrueMl()));
        s.append(judged(pc ? "rep" : "Vt rep", m.vtReportedMl(), m.vtTrueMl(), t.vtReportedMl(), 1));
        s.append(judged("FiO2", m.fio2Pct(), row.fio2Pct(), t.fio2Pct(), 1));
        s.append("  ").append(r.pass() ? "PASS" : "FAIL");
        if (!r.pass()) s.append(": ").append(String.join("; ", r.failures()));
        return s.toString();
    }

    private static String judged(String name, double measured, double reference, double tolerance, int decimals) {
        if (Double.isNaN(measured)) return String.format(Locale.ROOT, "  %s -", name);
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, "  %s " + f + " (%+" + "." + decimals + "f ±" + f + ")",
                name, measured, measured - reference, tolerance);
    }

    private static String n(double v) {
        return ScenarioText.number(v);
    }

    public static void writeJson(List<IsoRowResult> results, Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartArray();
            for (IsoRowResult r : results) write(g, r);
            g.writeEndArray();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    private static void write(JsonGenerator g, IsoRowResult r) throws IOException {
        IsoRow row = r.row();
        IsoRowResult.Measured m = r.measured();
        IsoRowResult.Tolerance t = r.tolerance();
        boolean pc = row.mode() == IsoRow.IsoMode.PC;
        g.writeStartObject();
        g.writeStringField("id", row.id());
        g.writeStringField("mode", row.mode().name());
        g.writeBooleanField("pass", r.pass());
        g.writeNumberField("breaths", r.breaths());

        g.writeObjectFieldStart("set");
        number(g, "peep_cmh2o", row.peepCmH2O());
        if (pc) {
            number(g, "dp_cmh2o", row.dpCmH2O());
            number(g, "end_inspiratory_cmh2o", row.setEndInspiratoryCmH2O());
        } else {
            number(g, "vt_ml", row.vtMl());
        }
        number(g, "rate_bpm", row.rateBpm());
        number(g, "ti_s", row.tiS());
        number(g, "fio2_pct", row.fio2Pct());
        number(g, "c_ml_per_cmh2o", row.complianceMlPerCmH2O());
        number(g, "r_cmh2o_s_per_l", row.resistanceCmH2OSPerL());
        number(g, "leak_ml_min", row.leakMlPerMin());
        g.writeEndObject();

        g.writeObjectFieldStart("measured");
        number(g, "pip_cmh2o", m.pipCmH2O());
        number(g, "peep_cmh2o", m.peepCmH2O());
        number(g, "vt_true_ml", m.vtTrueMl());
        number(g, "vt_reported_ml", m.vtReportedMl());
        number(g, "fio2_pct", m.fio2Pct());
        g.writeEndObject();

        g.writeObjectFieldStart("error");
        number(g, "pip_cmh2o", pc ? m.pipCmH2O() - row.setEndInspiratoryCmH2O() : Double.NaN);
        number(g, "peep_cmh2o", m.peepCmH2O() - row.peepCmH2O());
        number(g, "vt_true_ml", pc ? Double.NaN : m.vtTrueMl() - row.vtMl());
        number(g, "vt_reported_ml", m.vtReportedMl() - m.vtTrueMl());
        number(g, "fio2_pct", m.fio2Pct() - row.fio2Pct());
        g.writeEndObject();

        g.writeObjectFieldStart("tolerance");
        number(g, "pip_cmh2o", t.pipCmH2O());
        number(g, "peep_cmh2o", t.peepCmH2O());
        number(g, "vt_true_ml", t.vtTrueMl());
        number(g, "vt_reported_ml", t.vtReportedMl());
        number(g, "fio2_pct", t.fio2Pct());
        g.writeEndObject();

        g.writeArrayFieldStart("failures");
        for (String f : r.failures()) g.writeString(f);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String key, double v) throws IOException {
        g.writeFieldName(key);
        if (!Double.isFinite(v)) g.writeNull();
        else if (v == Math.rint(v) && Math.abs(v) < 1e15) g.writeNumber((long) v);
        else g.writeNumber(Math.round(v * 1e4) / 1e4);
    }
}
