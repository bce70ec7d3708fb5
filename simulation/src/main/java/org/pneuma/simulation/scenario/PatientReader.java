package org.pneuma.simulation.scenario;

import org.pneuma.plant.PatientModel;
import org.pneuma.plant.SpontaneousEffort;

import java.util.List;

/**
 * Reads a {@code patient} mapping (complete at the start, partial in a patient event) and validates it
 * through the {@link PatientModel} and {@link SpontaneousEffort} constructors, whose messages name the
 * field; the message is reported at that field's line.
 */
final class PatientReader {
    static final List<String> KEYS = List.of("compliance_ml_per_cmh2o", "resistance_cmh2o_s_per_l",
            "circuit_compliance_ml_per_cmh2o", "effort");
    static final List<String> EFFORT_KEYS = List.of("rate_bpm", "amplitude_cmh2o", "shape", "inspiratory_fraction", "start_s");

    private PatientReader() {
    }

    /**
     * The patient after applying {@code node} over {@code base}, or null when something is wrong
     * (recorded). With {@code base} null the mapping must be complete: compliance and resistance are
     * required, the circuit compliance defaults to 1 mL/cmH2O and effort to none.
     */
    static PatientModel read(YamlNode node, String path, PatientModel base, Problems problems) {
        int before = problems.count();
        MappingReader r = MappingReader.of(node, path, problems, KEYS);
        if (r == null) return null;
        Double c = base == null ? r.requiredNumber("compliance_ml_per_cmh2o", "the lung compliance, mL/cmH2O")
                : r.number("compliance_ml_per_cmh2o");
        Double resistance = base == null ? r.requiredNumber("resistance_cmh2o_s_per_l", "the airway resistance, cmH2O·s/L")
                : r.number("resistance_cmh2o_s_per_l");
        Double circuit = r.number("circuit_compliance_ml_per_cmh2o");
        SpontaneousEffort baseEffort = base == null ? SpontaneousEffort.NONE : base.effort();
        SpontaneousEffort effort = r.has("effort") ? effort(r.node("effort"), r.pathOf("effort"), baseEffort, problems) : baseEffort;
        if (problems.count() > before) return null;
        try {
            return new PatientModel(
                    c != null ? c : base.complianceMlPerCmH2O(),
                    resistance != null ? resistance : base.resistanceCmH2OSPerL(),
                    circuit != null ? circuit : base == null ? PatientModel.DEFAULT_CIRCUIT_COMPLIANCE_ML_PER_CMH2O
                            : base.circuitComplianceMlPerCmH2O(),
                    effort);
        } catch (IllegalArgumentException e) {
            report(e.getMessage(), r, KEYS, "", problems);
            return null;
        }
    }

    /** {@code effort: none}, or a mapping over {@code base}. */
    private static SpontaneousEffort effort(YamlNode node, String path, SpontaneousEffort base, Problems problems) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.STRING && s.text().strip().equals("none")) {
            return SpontaneousEffort.NONE;
        }
        int before = problems.count();
        MappingReader r = MappingReader.of(node, path, problems, EFFORT_KEYS);
        if (r == null) return base;
        boolean fresh = !base.breathes();
        Double rate = fresh ? r.requiredNumber("rate_bpm", "efforts per minute") : r.number("rate_bpm");
        Double amplitude = fresh ? r.requiredNumber("amplitude_cmh2o", "peak muscle pressure, cmH2O") : r.number("amplitude_cmh2o");
        Double fraction = r.number("inspiratory_fraction");
        Double start = r.number("start_s");
        SpontaneousEffort.EffortShape shape = base.shape();
        String shapeName = r.text("shape");
        if (shapeName != null) {
            shape = FaultNames.lookup(SpontaneousEffort.EffortShape.values(), shapeName);
            if (shape == null) {
                problems.add(r.lineOf("shape"), r.pathOf("shape"), "unknown shape \"" + shapeName + "\" (expected half_sine or exponential)");
            }
        }
        if (problems.count() > before) return base;
        try {
            return new SpontaneousEffort(
                    rate != null ? rate : base.rateBpm(),
                    amplitude != null ? amplitude : base.amplitudeCmH2O(),
                    shape,
                    fraction != null ? fraction : base.inspiratoryFraction(),
                    start != null ? start : base.startS());
        } catch (IllegalArgumentException e) {
            report(e.getMessage().replaceFirst("^effort ", ""), r, EFFORT_KEYS, "", problems);
            return base;
        }
    }

    /** Reports a constructor's message at the first key it names ("rate_bpm must be 0–80, was 90"). */
    static void report(String message, MappingReader r, List<String> keys, String context, Problems problems) {
        for (String key : keys) {
            if (message.startsWith(key + " ")) {
                problems.add(r.lineOf(key), r.pathOf(key), message.substring(key.length() + 1) + context);
                return;
            }
        }
        problems.add(r.line(), r.path(), message + context);
    }
}
