package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A constant inspiratory flow Q into a sealed circuit (expiratory valve shut): once the valve has
 * opened and the circuit has caught up with the lung, the pressure difference across the airway is
 * constant, so the Y-piece pressure and the alveolar pressure V/C rise together and the circuit stores
 * Cc/C of what the lung takes. Hence lung flow Q·C/(C + Cc), Y-piece pressure V/C + Q_lung·R, and every
 * millilitre delivered is either in the lung or compressed in the circuit.
 */
class ConstantFlowInflationTest {

    @ParameterizedTest(name = "C = {0} mL/cmH2O, R = {1} cmH2O·s/L, Q = {2} mL/s")
    @CsvSource({"50, 10, 500", "10, 20, 500", "20, 5, 400", "1, 50, 30"})
    void lungFillsAtTheShareOfTheFlowNotStoredInTheCircuitAndPressureIsElasticPlusResistive(
            double c, double r, double q) {
        PlantRig rig = PlantRig.ideal(PatientModel.passive(c, r)).expiratoryValveShut().airFlow(q);
        double cc = rig.circuitComplianceMlPerCmH2O();
        // Transients: the valve opens with τ = 8 ms and the circuit–lung pressure difference settles
        // with τ = R·(C‖Cc) ≤ 20 ms; 300 ms is over 15 of the slower one.
        rig.ticks(300);
        double v1 = rig.plant.trueLungVolumeMl();
        rig.ticks(100);
        double v2 = rig.plant.trueLungVolumeMl();

        double lungFlow = q * c / (c + cc);
        // Backward Euler reproduces a ramp exactly; what is left is the e^(−15) tail of the transient.
        assertThat((v2 - v1) / 0.1).as("lung flow, mL/s").isCloseTo(lungFlow, withinPercentage(0.01));
        assertThat(rig.plant.truePatientFlowMlPerS()).as("reported patient flow").isCloseTo(lungFlow, withinPercentage(0.01));
        assertThat(rig.plant.trueCircuitCmH2O()).as("Y-piece pressure, cmH2O")
                .isCloseTo(v2 / c + lungFlow * r / 1000, within(0.001));
        assertThat(rig.plant.trueAlveolarCmH2O()).isCloseTo(v2 / c, within(1e-9));
    }

    @ParameterizedTest(name = "C = {0} mL/cmH2O, R = {1} cmH2O·s/L, Q = {2} mL/s")
    @CsvSource({"50, 10, 500", "10, 20, 500", "1, 50, 30"})
    void everyMillilitreDeliveredIsInTheLungOrCompressedInTheCircuit(double c, double r, double q) {
        PlantRig rig = PlantRig.ideal(PatientModel.passive(c, r)).expiratoryValveShut().airFlow(q);
        double cc = rig.circuitComplianceMlPerCmH2O();
        double deliveredMl = 0;
        for (int tick = 0; tick < 1000; tick++) {
            rig.ticks(1);
            deliveredMl += rig.plant.trueInspiratoryFlowMlPerS() * PlantRig.TICK_S;
        }
        double storedMl = rig.plant.trueLungVolumeMl() + cc * rig.plant.trueCircuitCmH2O();
        // The accessor gives the flow of a tick's last sub-step; while the valve opens the flow only
        // rises, so summing it per tick over-counts by at most (flow rise) × 1 ms = Q × 1 ms in total.
        assertThat(deliveredMl - storedMl).as("delivered − stored, mL").isBetween(0.0, q * PlantRig.TICK_S);
    }
}
