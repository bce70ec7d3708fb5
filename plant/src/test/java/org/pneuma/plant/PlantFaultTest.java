package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each injected fault does what its name promises, and {@link Plant#clear} takes it away again. */
class PlantFaultTest {

    @Nested
    class Disconnection {
        @Test
        void dropsThePatientConnectionToAmbientAndTheLungEmptiesWithItsOwnTimeConstant() {
            PlantRig rig = PlantRig.ideal(PatientModel.passive(50, 10)).expiratoryValveShut().airFlow(500).ticks(1000);
            double inflated = rig.plant.trueLungVolumeMl();
            assertThat(inflated).isGreaterThan(450);

            rig.plant.inject(new PlantFault.Disconnection());
            // The lung breathes ambient through R alone: τ = R·C = 0.5 s, so 5 s leaves e^(−10).
            rig.ticks(5000);
            assertThat(rig.plant.truePatientConnectionCmH2O()).isZero();
            assertThat(rig.plant.trueLungVolumeMl()).isLessThan(inflated * 1e-3);
            // The open Y-piece (0.5 cmH2O·s/L) passes 500 mL/s with 0.25 cmH2O: the circuit is at
            // ambient too, and the inspiratory limb (1 cmH2O·s/L) adds 0.5 cmH2O at the sensor.
            assertThat(rig.plant.trueCircuitCmH2O()).isCloseTo(0.25, within(0.01));
            assertThat(rig.read().inspiratoryPressureCmH2O).isCloseTo(0.75, within(0.01));
        }

        @Test
        void reconnectingLetsTheSealedCircuitFillTheLungAgain() {
            PlantRig rig = PlantRig.ideal(PatientModel.passive(50, 10)).expiratoryValveShut().airFlow(500);
            rig.plant.inject(new PlantFault.Disconnection());
            rig.ticks(500);
            assertThat(rig.plant.trueLungVolumeMl()).isZero();

            double circuitBefore = rig.plant.trueCircuitCmH2O();
            rig.plant.clear(PlantFault.Kind.DISCONNECTION);
            rig.ticks(500);
            // Sealed again, all of the next 0.5 s at 500 mL/s (the valve is long open) stays: in the
            // lung, or in the circuit (Cc = 1 mL/cmH2O) at V/C plus the 5 cmH2O across the airway.
            double stored = rig.plant.trueLungVolumeMl() + rig.plant.trueCircuitCmH2O() - circuitBefore;
            assertThat(stored).isCloseTo(250, within(1e-6));
            assertThat(rig.plant.trueLungVolumeMl()).isGreaterThan(235);
        }
    }

    @Nested
    class Occlusion {
        @Test
        void atThePatientTheLungVolumeHoldsWhileTheCircuitPressureClimbs() {
            PlantRig open = PlantRig.ideal(PatientModel.passive(20, 10)).expiratoryValveShut();
            PlantRig occluded = PlantRig.ideal(PatientModel.passive(20, 10)).expiratoryValveShut();
            occluded.plant.inject(new PlantFault.Occlusion(OcclusionSite.PATIENT));

            open.airFlow(100).ticks(300);
            occluded.airFlow(100).ticks(300);

            // 30 mL in: the open circuit passes it to the lung, at V/C + Q·R ≈ 1.4 + 1 cmH2O; the
            // occluded one keeps it in Cc = 1 mL/cmH2O.
            assertThat(open.plant.trueLungVolumeMl()).isGreaterThan(25);
            assertThat(open.plant.trueCircuitCmH2O()).isLessThan(3);
            // The blocked tube adds 5 cmH2O·s/mL: with under 30 cmH2O across it for 0.3 s, at most
            // 30/5 × 0.3 = 1.8 mL can pass.
            assertThat(occluded.plant.trueLungVolumeMl()).isLessThan(1.8);
            assertThat(occluded.plant.trueCircuitCmH2O()).isGreaterThan(25);
        }

        @Test
        void atTheExpiratoryLimbTheLungCannotExhaleThroughAnOpenValve() {
            PlantRig rig = PlantRig.ideal(PatientModel.passive(20, 10)).expiratoryValveShut().airFlow(400).ticks(500).airFlow(0).ticks(200);
            double inflated = rig.plant.trueLungVolumeMl();
            rig.plant.inject(new PlantFault.Occlusion(OcclusionSite.EXPIRATORY));
            rig.pilot(0).ticks(1000);
            // The blocked limb keeps 1e-4 of its conductance: τ = C·R_e·1e4 = 600 s, so 1 s loses < 0.2 %.
            assertThat(rig.plant.trueLungVolumeMl()).isCloseTo(inflated, withinPercentage(0.2));

            rig.plant.clear(PlantFault.Kind.OCCLUSION);
            rig.ticks(1000);
            // Cleared: τ = C·(R + R_e) = 0.26 s, and 1 s is nearly 4 τ.
            assertThat(rig.plant.trueLungVolumeMl()).isLessThan(inflated * 0.03);
        }
    }

    @Nested
    class OxygenSupplyLoss {
        @Test
        void theOxygenValveDeliversNothingHoweverFarItOpensAndAirIsUntouched() {
            PlantRig rig = PlantRig.ideal(PatientModel.passive(50, 10)).pilot(5).openings(0.2, 0.3).ticks(200);
            assertThat(rig.plant.trueInspiratoryFlowMlPerS()).isCloseTo(1500, within(0.01));

            rig.plant.inject(new PlantFault.OxygenSupplyLoss());
            rig.openings(0.2, 1.0).ticks(1);
            assertThat(rig.read().oxygenFlowMlPerS).isZero();
            assertThat(rig.read().airFlowMlPerS).isCloseTo(600, within(0.01));
            assertThat(rig.plant.trueInspiratoryFlowMlPerS()).isCloseTo(600, within(0.01));

            rig.plant.clear(PlantFault.Kind.O2_SUPPLY_LOSS);
            rig.ticks(200);
            assertThat(rig.read().oxygenFlowMlPerS).isCloseTo(3000, within(0.01));
        }
    }

    @Nested
    class ValveStuck {
        @Test
        void aStuckAirValveKeepsItsFlowWhateverItIsToldWhileTheOthersObey() {
            PlantRig rig = PlantRig.ideal(PatientModel.passive(50, 10)).pilot(5).openings(0.2, 0).ticks(200);
            rig.plant.inject(new PlantFault.ValveStuck(ValveId.AIR));
            rig.openings(0.8, 0.1).ticks(200);
            assertThat(rig.read().airFlowMlPerS).isCloseTo(600, within(0.01));
            assertThat(rig.read().oxygenFlowMlPerS).isCloseTo(300, within(0.01));

            rig.plant.clear(PlantFault.Kind.VALVE_STUCK);
            rig.openings(0.8, 0.1).ticks(200);
            assertThat(rig.read().airFlowMlPerS).isCloseTo(2400, within(0.01));
        }

        @Test
        void aStuckShutExpiratoryValveKeepsTheLungInflatedWhenTheControllerOpensIt() {
            PlantRig rig = PlantRig.ideal(PatientModel.passive(20, 10)).expiratoryValveShut().airFlow(400).ticks(500).airFlow(0).ticks(200);
            double inflated = rig.plant.trueLungVolumeMl();
            rig.plant.inject(new PlantFault.ValveStuck(ValveId.EXPIRATORY));
            rig.pilot(0).ticks(1000);
            assertThat(rig.plant.trueExpiratoryFlowMlPerS()).isZero();
            assertThat(rig.plant.trueLungVolumeMl()).isCloseTo(inflated, within(1e-6));
        }
    }

    @Nested
    class SensorFaults {
        @Test
        void aStuckSensorRepeatsItsLastValueWhileTheTruthMovesOn() {
            PlantRig rig = PlantRig.ideal(PatientModel.passive(20, 10)).expiratoryValveShut().airFlow(200).ticks(100);
            double last = rig.read().inspiratoryPressureCmH2O;
            rig.plant.inject(new PlantFault.SensorStuck(SensorId.INSPIRATORY_PRESSURE));
            for (int i = 0; i < 500; i++) {
                rig.ticks(1);
                assertThat(rig.read().inspiratoryPressureCmH2O).isEqualTo(last);
            }
            assertThat(rig.plant.trueCircuitCmH2O()).isGreaterThan(last + 4);
            // The other sensors are not affected.
            assertThat(rig.read().expiratoryPressureCmH2O).isEqualTo(rig.plant.trueCircuitCmH2O());

            rig.plant.clear(PlantFault.Kind.SENSOR_STUCK);
            rig.ticks(1);
            // Noise-free: the inspiratory sensor reads the Y-piece plus the drop across the 1 cmH2O·s/L limb.
            assertThat(rig.read().inspiratoryPressureCmH2O)
                    .isCloseTo(rig.plant.trueCircuitCmH2O() + 200 * 1e-3, within(1e-9));
        }

        @Test
        void driftAddsAnOffsetThatGrowsLinearlyWithTimeAndClearingRemovesIt() {
            PlantRig rig = PlantRig.ideal(PatientModel.passive(20, 10));
            rig.plant.inject(new PlantFault.SensorDrift(SensorId.OXYGEN, 0.5));
            for (int second = 1; second <= 4; second++) {
                rig.ticks(1000);
                assertThat(rig.read().oxygenPercent - rig.plant.trueInspiredOxygenPercent())
                        .as("offset after %d s", second).isCloseTo(0.5 * second, within(1e-9));
            }
            rig.plant.clear(PlantFault.Kind.SENSOR_DRIFT);
            rig.ticks(1);
            assertThat(rig.read().oxygenPercent).isCloseTo(rig.plant.trueInspiredOxygenPercent(), within(1e-12));
        }

        @Test
        void aNoisySensorScattersWithTheInjectedStandardDeviationAroundTheTruth() {
            PlantRig rig = PlantRig.ideal(PatientModel.passive(20, 10));
            rig.plant.inject(new PlantFault.SensorNoisy(SensorId.EXPIRATORY_FLOW, 2.0));
            int n = 20_000;
            double sum = 0, sumSq = 0;
            for (int i = 0; i < n; i++) {
                rig.ticks(1);
                double x = rig.read().expiratoryFlowMlPerS;
                sum += x;
                sumSq += x * x;
            }
            double mean = sum / n, sd = Math.sqrt(sumSq / n - mean * mean);
            // Truth is 0 mL/s. With n = 20 000 the sample mean has sd 2/√n = 0.014 and the sample sd
            // 2/√(2n) = 0.01: ±0.06 is over four of either (and the seed is fixed).
            assertThat(mean).isCloseTo(0, within(0.06));
            assertThat(sd).isCloseTo(2.0, within(0.06));

            rig.plant.clear(PlantFault.Kind.SENSOR_NOISY);
            rig.ticks(1);
            assertThat(rig.read().expiratoryFlowMlPerS).isZero();
        }
    }
}
