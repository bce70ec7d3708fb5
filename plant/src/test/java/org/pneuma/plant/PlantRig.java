package org.pneuma.plant;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCommand;

/**
 * Drives a {@link Plant} the way the safety partition does: a valve command, then 1 ms ticks of
 * simulated time. Nothing here reads a wall clock.
 */
final class PlantRig {
    static final long TICK_NS = 1_000_000L;
    static final double TICK_S = 1e-3;
    /** The plant solves each tick in five backward-Euler sub-steps. */
    static final double SUBSTEP_S = TICK_S / 5;

    final Plant plant;
    final ValveCommand command = new ValveCommand();
    final SensorFrame frame = new SensorFrame();

    PlantRig(PatientModel patient, PlantConfig config) {
        this.plant = new Plant(patient, config);
        plant.apply(command);
    }

    static PlantRig ideal(PatientModel patient) {
        return new PlantRig(patient, PlantConfig.standard().ideal());
    }

    /**
     * The standard noise-free plant with valves that follow their command within one sub-step, so
     * that the lung and circuit can be compared with closed-form solutions that assume ideal valves.
     * The real valve lag has its own tests.
     */
    static PlantConfig idealWithInstantValves() {
        PlantConfig c = PlantConfig.standard().ideal();
        return new PlantConfig(c.valves(), 1e-6, c.inspiratoryLimbResistanceCmH2OSPerL(),
                c.expiratoryLimbResistanceCmH2OSPerL(), c.expiratoryValveResistanceCmH2OSPerL(),
                c.safetyValveResistanceCmH2OSPerL(), c.mixingVolumeMl(), c.pressureSensor(),
                c.flowSensor(), c.oxygenSensor(), c.seed());
    }

    /** Air flow of {@code mlPerS} through the air valve (the O2 valve shut). */
    PlantRig airFlow(double mlPerS) {
        command.airOpening = mlPerS / plant.config().valves().airMaxFlowMlPerS();
        command.oxygenOpening = 0;
        plant.apply(command);
        return this;
    }

    PlantRig openings(double air, double oxygen) {
        command.airOpening = air;
        command.oxygenOpening = oxygen;
        plant.apply(command);
        return this;
    }

    PlantRig pilot(double cmH2O) {
        command.expiratoryPilotCmH2O = cmH2O;
        plant.apply(command);
        return this;
    }

    PlantRig expiratoryValveShut() {
        return pilot(ValveCommand.EXPIRATORY_VALVE_SHUT_CMH2O);
    }

    PlantRig ticks(int n) {
        for (int i = 0; i < n; i++) {
            plant.advance(TICK_NS);
        }
        return this;
    }

    SensorFrame read() {
        plant.read(frame);
        return frame;
    }

    double circuitComplianceMlPerCmH2O() {
        return plant.patient().circuitComplianceMlPerCmH2O();
    }
}
