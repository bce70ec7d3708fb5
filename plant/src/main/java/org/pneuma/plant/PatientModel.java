package org.pneuma.plant;

/**
 * The simulated patient and the breathing circuit attached to the ventilator.
 *
 * @param complianceMlPerCmH2O        lung (respiratory system) compliance C
 * @param resistanceCmH2OSPerL        airway resistance R, including the endotracheal tube
 * @param circuitComplianceMlPerCmH2O compliance of the patient circuit (tubing and humidifier)
 * @param effort                      spontaneous breathing, {@link SpontaneousEffort#NONE} if passive
 */
public record PatientModel(double complianceMlPerCmH2O, double resistanceCmH2OSPerL,
                           double circuitComplianceMlPerCmH2O, SpontaneousEffort effort) {

    public static final double DEFAULT_CIRCUIT_COMPLIANCE_ML_PER_CMH2O = 1.0;

    public PatientModel {
        if (!(complianceMlPerCmH2O >= 0.2 && complianceMlPerCmH2O <= 200)) {
            throw new IllegalArgumentException("compliance_ml_per_cmh2o must be 0.2–200, was " + complianceMlPerCmH2O);
        }
        if (!(resistanceCmH2OSPerL >= 1 && resistanceCmH2OSPerL <= 500)) {
            throw new IllegalArgumentException("resistance_cmh2o_s_per_l must be 1–500, was " + resistanceCmH2OSPerL);
        }
        if (!(circuitComplianceMlPerCmH2O >= 0.1 && circuitComplianceMlPerCmH2O <= 10)) {
            throw new IllegalArgumentException("circuit_compliance_ml_per_cmh2o must be 0.1–10, was " + circuitComplianceMlPerCmH2O);
        }
        if (effort == null) effort = SpontaneousEffort.NONE;
    }

    public static PatientModel passive(double complianceMlPerCmH2O, double resistanceCmH2OSPerL) {
        return new PatientModel(complianceMlPerCmH2O, resistanceCmH2OSPerL,
                DEFAULT_CIRCUIT_COMPLIANCE_ML_PER_CMH2O, SpontaneousEffort.NONE);
    }

    public PatientModel withEffort(SpontaneousEffort newEffort) {
        return new PatientModel(complianceMlPerCmH2O, resistanceCmH2OSPerL, circuitComplianceMlPerCmH2O, newEffort);
    }

    /** Airway resistance in the units the integrator uses. */
    double resistanceCmH2OSPerMl() {
        return resistanceCmH2OSPerL / 1000.0;
    }
}
