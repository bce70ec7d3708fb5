package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Air (20.9 % O2) and O2 mix in a 150 mL volume before the patient. At a total flow Q the inspired
 * fraction F obeys dF/dt = (Q_air·(0.209 − F) + Q_O2·(1 − F)) / V_mix: with equal flows it moves to
 * (0.209 + 1)/2 = 60.45 % with τ = V_mix/Q. The O2 cell then follows F with its own first-order lag.
 */
class OxygenMixingTest {
    private static final double AIR = 20.9;
    private static final double HALF_AND_HALF = (20.9 + 100) / 2;
    /** 500 mL/s of each gas. */
    private static final double EACH_OPENING = 500.0 / 3000;
    private static final double MIX_TAU_S = 150.0 / 1000;

    @Test
    void equalAirAndOxygenFlowsApproachSixtyPointFourFivePercentWithTheMixingVolumeTimeConstant() {
        PlantRig rig = new PlantRig(PatientModel.passive(50, 10), PlantRig.idealWithInstantValves());
        rig.pilot(5).openings(EACH_OPENING, EACH_OPENING);
        for (int k = 1; k <= 3; k++) {
            rig.ticks(150);
            double expected = HALF_AND_HALF + (AIR - HALF_AND_HALF) * Math.exp(-k);
            // The mixer is integrated explicitly with h = 0.2 ms = τ/750: about k·h/(2τ)·e^(−k) of the
            // 39.55-point step, under 0.02 points.
            assertThat(rig.plant.trueInspiredOxygenPercent()).as("O2 %% after %d τ", k).isCloseTo(expected, within(0.02));
        }
        rig.ticks(3000);
        assertThat(rig.plant.trueInspiredOxygenPercent()).isCloseTo(60.45, within(1e-6));
    }

    @Test
    void withTheRealValvesTheMixtureSettlesAtTheSameFraction() {
        PlantRig rig = PlantRig.ideal(PatientModel.passive(50, 10)).pilot(5).openings(EACH_OPENING, EACH_OPENING);
        rig.ticks(3000);
        assertThat(rig.plant.trueInspiredOxygenPercent()).isCloseTo(60.45, within(1e-6));
    }

    @Test
    void withNoFlowTheMixtureStaysWhatItWas() {
        PlantRig rig = new PlantRig(PatientModel.passive(50, 10), PlantRig.idealWithInstantValves());
        rig.pilot(5).openings(0, 2 * EACH_OPENING).ticks(300);
        double mixed = rig.plant.trueInspiredOxygenPercent();
        rig.openings(0, 0).ticks(5000);
        assertThat(rig.plant.trueInspiredOxygenPercent()).isEqualTo(mixed);
    }

    @Test
    void theOxygenCellLagsTheMixtureWithItsConfiguredTimeConstant() {
        double cellTauS = 1.0;
        PlantRig rig = new PlantRig(PatientModel.passive(50, 10), PlantRig.idealWithInstantValves().withOxygenSensorLag(cellTauS));
        rig.pilot(5).openings(EACH_OPENING, EACH_OPENING);
        for (int s = 1; s <= 3; s++) {
            rig.ticks(1000);
            double t = s;
            // Two first-order lags in series (mixer τm, cell τs) answer a step with
            // 1 − (τs·e^(−t/τs) − τm·e^(−t/τm)) / (τs − τm).
            double response = 1 - (cellTauS * Math.exp(-t / cellTauS) - MIX_TAU_S * Math.exp(-t / MIX_TAU_S)) / (cellTauS - MIX_TAU_S);
            double expected = AIR + (HALF_AND_HALF - AIR) * response;
            // The cell sees the mixture once per 1 ms tick, at the tick's end: a lead of about half a
            // tick, 0.05 % of τs, which is 0.02 points on this step.
            assertThat(rig.read().oxygenPercent).as("O2 cell after %d s", s).isCloseTo(expected, within(0.03));
        }
        assertThat(rig.read().oxygenPercent).isLessThan(rig.plant.trueInspiredOxygenPercent() - 1);
    }
}
