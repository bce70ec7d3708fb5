package org.pneuma.simulation.iso;

import java.util.List;

/**
 * The verdict on one row.
 *
 * @param measured  means over the breaths that started after the first 10 s
 * @param tolerance the allowed deviation (±) of each judged quantity; NaN for what the row's mode does
 *                  not judge (end-inspiratory pressure on VC rows, true Vt against a setting on PC rows)
 * @param failures  one sentence per failed criterion; empty when the row passes
 * @param breaths   how many breaths were measured
 */
public record IsoRowResult(IsoRow row, boolean pass, Measured measured, Tolerance tolerance, List<String> failures,
                           int breaths) {

    public IsoRowResult {
        failures = List.copyOf(failures);
    }

    /**
     * @param pipCmH2O     mean end-inspiratory pressure at the patient connection (truth)
     * @param peepCmH2O    mean end-expiratory pressure at the patient connection (truth)
     * @param vtTrueMl     mean tidal volume the lung received (truth)
     * @param vtReportedMl mean inspired tidal volume the ventilator reported
     * @param fio2Pct      mean O2 concentration inspired during inspiration (truth)
     */
    public record Measured(double pipCmH2O, double peepCmH2O, double vtTrueMl, double vtReportedMl, double fio2Pct) {
    }

    /** Half-widths of the allowed bands, in the quantities' units. */
    public record Tolerance(double pipCmH2O, double peepCmH2O, double vtTrueMl, double vtReportedMl, double fio2Pct) {
    }
}
