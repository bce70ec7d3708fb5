package org.pneuma.safety.control;

/**
 * What the ventilator knows about its breathing circuit: the compliance measured by the pre-use check
 * and the limb resistances of the circuit type. Used to estimate Y-piece pressure from the two limb
 * sensors and to give the patient the volume the circuit would otherwise swallow.
 */
public record CircuitCalibration(double complianceMlPerCmH2O,
                                 double inspiratoryLimbResistanceCmH2OSPerL,
                                 double expiratoryLimbResistanceCmH2OSPerL) {

    /** An adult circuit before its pre-use check: nominal compliance and resistances. */
    public static final CircuitCalibration NOMINAL = new CircuitCalibration(1.0, 1.0, 1.0);

    public CircuitCalibration {
        if (!(complianceMlPerCmH2O >= 0 && complianceMlPerCmH2O <= 20)) {
            throw new IllegalArgumentException("circuit compliance must be 0–20 mL/cmH2O, was " + complianceMlPerCmH2O);
        }
        if (!(inspiratoryLimbResistanceCmH2OSPerL >= 0) || !(expiratoryLimbResistanceCmH2OSPerL >= 0)) {
            throw new IllegalArgumentException("limb resistances must be >= 0");
        }
    }

    public CircuitCalibration withCompliance(double measuredMlPerCmH2O) {
        return new CircuitCalibration(measuredMlPerCmH2O, inspiratoryLimbResistanceCmH2OSPerL, expiratoryLimbResistanceCmH2OSPerL);
    }
}
