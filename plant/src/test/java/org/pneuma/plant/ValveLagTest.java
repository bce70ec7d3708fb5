package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The proportional valves follow their command as a first-order lag of 8 ms (the standard config). */
class ValveLagTest {

    @Test
    void anAirValveCommandedFullyOpenDeliversOneMinusEToTheMinusTOverTauOfItsMaximumFlow() {
        PlantRig rig = PlantRig.ideal(PatientModel.passive(50, 10)).pilot(5).openings(1, 0);
        for (int k = 1; k <= 3; k++) {
            rig.ticks(8);
            // The lag is applied as an exact exponential per sub-step, so only rounding separates them.
            assertThat(rig.plant.trueInspiratoryFlowMlPerS()).as("flow after %d τ", k)
                    .isCloseTo(3000 * (1 - Math.exp(-k)), within(1e-9));
        }
    }

    @Test
    void openingsOutsideZeroToOneAndNotANumberAreTreatedAsTheNearestValidOpening() {
        PlantRig rig = PlantRig.ideal(PatientModel.passive(50, 10)).pilot(5).openings(2.5, Double.NaN).ticks(200);
        assertThat(rig.plant.trueInspiratoryFlowMlPerS()).isCloseTo(3000, within(1e-6));
        rig.openings(-1, Double.POSITIVE_INFINITY).ticks(200);
        assertThat(rig.read().airFlowMlPerS).isCloseTo(0, within(1e-6));
        assertThat(rig.read().oxygenFlowMlPerS).isCloseTo(3000, within(1e-6));
    }
}
