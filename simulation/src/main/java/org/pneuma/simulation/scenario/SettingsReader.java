package org.pneuma.simulation.scenario;

import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.SettingsCheck;
import org.pneuma.safety.settings.SettingsValidator;
import org.pneuma.safety.settings.TriggerType;
import org.pneuma.safety.settings.VentilationSettings;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code settings} mapping (complete or partial) over the settings in force, and judges the
 * result with {@link SettingsValidator} — the same rules the ventilator applies to a clinician's
 * change. Each reason of a rejection is reported at the line of the first field it names.
 *
 * <p>{@code ie_ratio} is kept as the I:E in force: Ti is derived from it and the rate, and derived
 * again when a later change sets only the rate, as on a ventilator where I:E is the set parameter.
 */
final class SettingsReader {
    static final List<String> KEYS = List.of("mode", "peep_cmh2o", "dp_cmh2o", "vt_ml", "rate_bpm", "ti_s", "ie_ratio",
            "rise_time_s", "trigger", "flow_trigger_lpm", "pressure_trigger_cmh2o", "ps_cmh2o", "cycle_off_pct",
            "fio2_pct", "apnea_s");

    private static final Pattern RATIO = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*:\\s*(\\d+(?:\\.\\d+)?)\\s*");

    /** Settings in force, and the I:E they were set with (null when set by Ti). */
    record InForce(VentilationSettings settings, Double ieRatio) {
    }

    private SettingsReader() {
    }

    /**
     * The settings after applying {@code node} over {@code base}, or null when the mapping has problems
     * or the validator rejects the result (all recorded).
     *
     * @param context appended to validator reasons, e.g. " (at 20 s)"; empty for the initial settings
     */
    static InForce read(YamlNode node, String path, InForce base, String context, Problems problems) {
        int before = problems.count();
        MappingReader r = MappingReader.of(node, path, problems, KEYS);
        if (r == null) return null;
        VentilationSettings.Builder b = base.settings().toBuilder();

        String mode = r.text("mode");
        if (mode != null) {
            Mode m = FaultNames.lookup(Mode.values(), mode);
            if (m == null) {
                problems.add(r.lineOf("mode"), r.pathOf("mode"), "unknown mode \"" + mode + "\" (expected one of "
                        + String.join(", ", MappingReader.names(Mode.values())) + ")");
            } else {
                b.mode = m;
            }
        }
        String trigger = r.text("trigger");
        if (trigger != null) {
            TriggerType t = FaultNames.lookup(TriggerType.values(), trigger);
            if (t == null) {
                problems.add(r.lineOf("trigger"), r.pathOf("trigger"), "unknown trigger \"" + trigger + "\" (expected flow or pressure)");
            } else {
                b.trigger = t;
            }
        }
        Double v;
        if ((v = r.number("peep_cmh2o")) != null) b.peepCmH2O = v;
        if ((v = r.number("dp_cmh2o")) != null) b.dpCmH2O = v;
        if ((v = r.number("vt_ml")) != null) b.vtMl = v;
        if ((v = r.number("rate_bpm")) != null) b.rateBpm = v;
        if ((v = r.number("ti_s")) != null) b.tiS = v;
        if ((v = r.number("rise_time_s")) != null) b.riseTimeS = v;
        if ((v = r.number("flow_trigger_lpm")) != null) b.flowTriggerLpm = v;
        if ((v = r.number("pressure_trigger_cmh2o")) != null) b.pressureTriggerCmH2O = v;
        if ((v = r.number("ps_cmh2o")) != null) b.psCmH2O = v;
        if ((v = r.number("cycle_off_pct")) != null) b.cycleOffPct = v;
        if ((v = r.number("fio2_pct")) != null) b.fio2Pct = v;
        if ((v = r.number("apnea_s")) != null) b.apneaS = v;

        Double ieInForce = base.ieRatio();
        if (r.has("ti_s") && r.has("ie_ratio")) {
            problems.add(r.lineOf("ie_ratio"), r.pathOf("ie_ratio"),
                    "give ti_s or ie_ratio, not both (ti_s is on line " + r.lineOf("ti_s") + ")");
        } else if (r.has("ti_s")) {
            ieInForce = null;
        } else if (r.has("ie_ratio")) {
            ieInForce = ratio(r, problems);
        }
        if (ieInForce != null && b.rateBpm > 0) {
            b.tiS = 60.0 / b.rateBpm * ieInForce / (1 + ieInForce);
        }
        if (problems.count() > before) return null;

        VentilationSettings settings = b.build();
        if (SettingsValidator.check(settings) instanceof SettingsCheck.Rejected(List<String> reasons)) {
            for (String reason : reasons) report(reason, r, context, problems);
            return null;
        }
        return new InForce(settings, ieInForce);
    }

    private static Double ratio(MappingReader r, Problems problems) {
        YamlNode n = r.node("ie_ratio");
        String expected = "expected I:E as a ratio such as \"1:2\", or as the number I/E such as 0.5; got " + n.describe();
        double ratio = Double.NaN;
        if (n instanceof YamlNode.Scalar s && s.isNumber()) {
            ratio = s.number();
        } else if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.STRING) {
            Matcher m = RATIO.matcher(s.text());
            if (m.matches()) ratio = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
        }
        if (!(ratio > 0 && Double.isFinite(ratio))) {
            problems.add(n.line(), r.pathOf("ie_ratio"), expected);
            return null;
        }
        return ratio;
    }

    /** Reports one validator reason at the first field it names that the mapping gives. */
    private static void report(String reason, MappingReader r, String context, Problems problems) {
        String field = null;
        int at = Integer.MAX_VALUE;
        for (String key : KEYS) {
            String given = key.equals("ti_s") && !r.has("ti_s") && r.has("ie_ratio") ? "ie_ratio" : key;
            if (!r.has(given)) continue;
            Matcher m = Pattern.compile("\\b" + key + "\\b").matcher(reason);
            if (m.find() && m.start() < at) {
                at = m.start();
                field = given;
            }
        }
        if (field == null) {
            problems.add(r.line(), r.path(), reason + context);
            return;
        }
        String message = at == 0 && reason.startsWith(field + " ") ? reason.substring(field.length() + 1) : reason;
        problems.add(r.lineOf(field), r.pathOf(field), message + context);
    }
}
