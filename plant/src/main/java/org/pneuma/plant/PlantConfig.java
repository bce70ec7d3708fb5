package org.pneuma.plant;

import org.pneuma.hal.ValveCalibration;

/**
 * The simulated pneumatics and sensors: everything about the machine that is not the patient.
 *
 * @param valves                     full-open flow of the air and O2 valves
 * @param valveTimeConstantS         first-order response of the proportional and expiratory valves
 * @param inspiratoryLimbResistanceCmH2OSPerL resistance from ventilator outlet to the Y-piece
 * @param expiratoryLimbResistanceCmH2OSPerL  resistance from the Y-piece to the expiratory valve
 * @param expiratoryValveResistanceCmH2OSPerL resistance of the expiratory valve when open
 * @param safetyValveResistanceCmH2OSPerL     resistance of the safety valve to ambient when open
 * @param mixingVolumeMl             gas volume in which air and O2 mix before the patient
 * @param pressureSensor             imperfections of both pressure sensors
 * @param flowSensor                 imperfections of the three flow sensors
 * @param oxygenSensor               imperfections of the O2 cell; its lag is the slowest of all
 * @param seed                       seed of the sensor noise; equal seeds give equal runs
 */
public record PlantConfig(ValveCalibration valves,
                          double valveTimeConstantS,
                          double inspiratoryLimbResistanceCmH2OSPerL,
                          double expiratoryLimbResistanceCmH2OSPerL,
                          double expiratoryValveResistanceCmH2OSPerL,
                          double safetyValveResistanceCmH2OSPerL,
                          double mixingVolumeMl,
                          SensorSpec pressureSensor,
                          SensorSpec flowSensor,
                          SensorSpec oxygenSensor,
                          long seed) {

    public static final double AMBIENT_OXYGEN_FRACTION = 0.209;

    public static PlantConfig standard() {
        return new PlantConfig(ValveCalibration.STANDARD, 0.008, 1.0, 1.0, 2.0, 2.0, 150,
                new SensorSpec(0.002, 0.05, 0.01),
                new SensorSpec(0.003, 0.5, 0.1),
                new SensorSpec(1.0, 0.2, 0.1),
                42);
    }

    public PlantConfig {
        if (valves == null) throw new IllegalArgumentException("valve calibration is required");
        if (!(valveTimeConstantS > 0 && valveTimeConstantS < 1)) throw new IllegalArgumentException("valve time constant must be 0–1 s");
        if (!(inspiratoryLimbResistanceCmH2OSPerL > 0) || !(expiratoryLimbResistanceCmH2OSPerL > 0)
                || !(expiratoryValveResistanceCmH2OSPerL > 0) || !(safetyValveResistanceCmH2OSPerL > 0)) {
            throw new IllegalArgumentException("circuit resistances must be > 0");
        }
        if (!(mixingVolumeMl > 0)) throw new IllegalArgumentException("mixing volume must be > 0");
        if (pressureSensor == null || flowSensor == null || oxygenSensor == null) {
            throw new IllegalArgumentException("sensor specs are required");
        }
    }

    public PlantConfig withOxygenSensorLag(double lagS) {
        return new PlantConfig(valves, valveTimeConstantS, inspiratoryLimbResistanceCmH2OSPerL,
                expiratoryLimbResistanceCmH2OSPerL, expiratoryValveResistanceCmH2OSPerL,
                safetyValveResistanceCmH2OSPerL, mixingVolumeMl, pressureSensor, flowSensor,
                new SensorSpec(lagS, oxygenSensor.noiseSd(), oxygenSensor.quantum()), seed);
    }

    public PlantConfig withSeed(long newSeed) {
        return new PlantConfig(valves, valveTimeConstantS, inspiratoryLimbResistanceCmH2OSPerL,
                expiratoryLimbResistanceCmH2OSPerL, expiratoryValveResistanceCmH2OSPerL,
                safetyValveResistanceCmH2OSPerL, mixingVolumeMl, pressureSensor, flowSensor, oxygenSensor, newSeed);
    }

    /** A noiseless plant, for analytic checks of the physics. */
    public PlantConfig ideal() {
        SensorSpec perfect = new SensorSpec(0, 0, 0);
        return new PlantConfig(valves, valveTimeConstantS, inspiratoryLimbResistanceCmH2OSPerL,
                expiratoryLimbResistanceCmH2OSPerL, expiratoryValveResistanceCmH2OSPerL,
                safetyValveResistanceCmH2OSPerL, mixingVolumeMl, perfect, perfect, perfect, seed);
    }
}
