package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pneuma.hal.SensorFrame;

/** The noisy plant is a pure function of its seed and the commands it receives. */
class PlantDeterminismTest {

    @Test
    void twoPlantsWithTheSameSeedAndCommandsReadTheSameFramesBitForBit() {
        long[] aBits = record(PlantConfig.standard().withSeed(7));
        long[] bBits = record(PlantConfig.standard().withSeed(7));
        assertThat(aBits).isEqualTo(bBits);
    }

    @Test
    void differentSeedsGiveDifferentNoise() {
        long[] a = record(PlantConfig.standard().withSeed(7));
        long[] b = record(PlantConfig.standard().withSeed(8));
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) differing++;
        }
        // Quantization may round the two noises to the same step now and then, but not mostly.
        assertThat(differing).isGreaterThan(a.length / 2);
    }

    /** Two seconds of breathing-like commands; every sensor of every frame, as raw bits. */
    private static long[] record(PlantConfig config) {
        PlantRig rig = new PlantRig(PatientModel.passive(30, 10).withEffort(
                new SpontaneousEffort(20, 3, SpontaneousEffort.EffortShape.EXPONENTIAL, 0.35, 0.2)), config);
        long[] bits = new long[2000 * 6];
        for (int tick = 0; tick < 2000; tick++) {
            boolean inspiring = tick % 1000 < 400;
            rig.openings(inspiring ? 0.15 : 0.01, inspiring ? 0.1 : 0.005).pilot(inspiring ? 120 : 5).ticks(1);
            SensorFrame f = rig.read();
            double[] values = {f.airFlowMlPerS, f.oxygenFlowMlPerS, f.expiratoryFlowMlPerS,
                    f.inspiratoryPressureCmH2O, f.expiratoryPressureCmH2O, f.oxygenPercent};
            for (int i = 0; i < 6; i++) {
                bits[tick * 6 + i] = Double.doubleToRawLongBits(values[i]);
            }
        }
        return bits;
    }
}
