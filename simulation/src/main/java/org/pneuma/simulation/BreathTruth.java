package org.pneuma.simulation;

/**
 * What one breath really did to the simulated patient, from the plant's truth. A breath runs from
 * the ventilator's switch to inspiration to its next one; NaN marks what could not be measured.
 *
 * @param startS              start of inspiration, s from the start of the scenario
 * @param vtMl                lung volume at the end of inspiration minus at its start
 * @param pipCmH2O            highest pressure at the patient connection during the breath
 * @param endInspiratoryCmH2O pressure at the patient connection when inspiration ended
 * @param peepCmH2O           pressure at the patient connection when expiration ended
 * @param fio2Pct             mean O2 concentration of the inspired gas during inspiration
 */
public record BreathTruth(double startS, double vtMl, double pipCmH2O, double endInspiratoryCmH2O, double peepCmH2O,
                          double fio2Pct) {

    /** For a reported breath the runner could not match to the plant's phases. */
    public static BreathTruth unknown(double startS) {
        return new BreathTruth(startS, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
