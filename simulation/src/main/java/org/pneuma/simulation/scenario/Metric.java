package org.pneuma.simulation.scenario;

import java.util.Locale;

/**
 * A per-breath quantity an expectation can test. The first group is what the ventilator reports in
 * its breath record (its sensors' view); the {@code TRUE_…} group is what the simulated patient
 * actually got, from the plant's truth. Flags are 1 when set, 0 otherwise.
 *
 * <p>In YAML and JSON a metric is named by its lower-case name: {@code vti_ml}, {@code true_vt_ml}.
 */
public enum Metric {
    /** Peak inspiratory pressure, estimated at the patient connection. */
    PIP_CMH2O("cmH2O"),
    /** Pressure at the end of expiration. */
    PEEP_CMH2O("cmH2O"),
    /** Pressure at the end of inspiration (plateau in pressure control). */
    END_INSPIRATORY_CMH2O("cmH2O"),
    /** Inspired tidal volume as reported (compensated for the circuit and leak). */
    VTI_ML("mL"),
    /** Expired tidal volume as reported. */
    VTE_ML("mL"),
    RATE_BPM("breaths/min"),
    /** Expired minute volume. */
    MV_LPM("L/min"),
    /** Ti/Te. */
    IE_RATIO(""),
    TI_S("s"),
    TE_S("s"),
    /** Mean O2 measured during inspiration. */
    FIO2_PCT("%"),
    /** Estimated leak at PEEP. */
    LEAK_LPM("L/min"),
    /** 1 when the patient's effort started the breath. */
    PATIENT_TRIGGERED(""),
    /** 1 for a PSV apnea-backup breath. */
    BACKUP(""),
    /** 1 for a pressure-support (flow-cycled) breath. */
    SUPPORTED(""),
    /** Lung volume at the end of inspiration minus at its start. */
    TRUE_VT_ML("mL"),
    /** Highest pressure at the patient connection during the breath. */
    TRUE_PIP_CMH2O("cmH2O"),
    /** Pressure at the patient connection when inspiration ended. */
    TRUE_END_INSPIRATORY_CMH2O("cmH2O"),
    /** Pressure at the patient connection when expiration ended. */
    TRUE_PEEP_CMH2O("cmH2O"),
    /** Mean O2 concentration of the gas inspired during inspiration. */
    TRUE_FIO2_PCT("%");

    private final String unit;

    Metric(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    /** The name used in scenario files and JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the metric is a 0/1 flag. */
    public boolean isFlag() {
        return this == PATIENT_TRIGGERED || this == BACKUP || this == SUPPORTED;
    }

    /** Whether the metric comes from the plant's truth rather than the ventilator's report. */
    public boolean isTruth() {
        return name().startsWith("TRUE_");
    }

    /** The metric named {@code key} in a scenario file, or null. */
    public static Metric fromKey(String key) {
        for (Metric m : values()) {
            if (m.key().equals(key.toLowerCase(Locale.ROOT))) return m;
        }
        return null;
    }
}
