package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * A leak is an orifice, Q = k·√P, sized by its flow at 10 cmH2O. With the expiratory valve shut and a
 * constant inflow Q_in the circuit settles where the leak takes exactly Q_in, at P = (Q_in/k)²: so
 * 6 L/min at 10 cmH2O means 100 mL/s in holds the Y-piece at 10 cmH2O and 200 mL/s holds it at 40.
 */
class LeakOrificeTest {
    private static final double SIX_LITRES_PER_MIN = 6000;

    @Test
    void aSixLitrePerMinuteLeakTakesOneHundredMillilitresPerSecondAtTenCmH2O() {
        PlantRig rig = leakingPlant().airFlow(100);
        // Linearized, the leak conductance at 10 cmH2O is k/(2√P) = 5 mL/s/cmH2O, so lung plus circuit
        // (6 mL/cmH2O) settle with τ = 1.2 s; 30 s is 25 τ.
        rig.ticks(30_000);
        assertThat(rig.plant.trueCircuitCmH2O()).isCloseTo(10.0, withinPercentage(0.1));
        assertThat(rig.plant.trueLeakFlowMlPerS()).isCloseTo(100.0, withinPercentage(0.1));
    }

    @Test
    void atFortyCmH2OTheSameLeakTakesTwiceAsMuchNotFourTimes() {
        PlantRig rig = leakingPlant().airFlow(200);
        // τ = 6 / (k/(2√40)) = 2.4 s at 40 cmH2O; 30 s is 12 τ.
        rig.ticks(30_000);
        assertThat(rig.plant.trueCircuitCmH2O()).isCloseTo(40.0, withinPercentage(0.1));
        assertThat(rig.plant.trueLeakFlowMlPerS()).isCloseTo(200.0, withinPercentage(0.1));
    }

    @Test
    void theOrificeCoefficientIsTheFlowAtTenCmH2OInMillilitresPerSecondOverRootTen() {
        assertThat(new PlantFault.Leak(SIX_LITRES_PER_MIN).orificeMlPerSPerSqrtCmH2O())
                .isCloseTo(100 / Math.sqrt(10), withinPercentage(1e-9));
    }

    @Test
    void clearingTheLeakSealsTheCircuitAgain() {
        PlantRig rig = leakingPlant().airFlow(100).ticks(30_000);
        rig.plant.clear(PlantFault.Kind.LEAK);
        rig.airFlow(0).ticks(1000);
        double sealed = rig.plant.trueCircuitCmH2O();
        rig.ticks(1000);
        assertThat(rig.plant.trueLeakFlowMlPerS()).isZero();
        assertThat(rig.plant.trueCircuitCmH2O()).isCloseTo(sealed, withinPercentage(1e-6));
    }

    private static PlantRig leakingPlant() {
        PlantRig rig = PlantRig.ideal(PatientModel.passive(5, 10)).expiratoryValveShut();
        rig.plant.inject(new PlantFault.Leak(SIX_LITRES_PER_MIN));
        return rig;
    }
}
