package org.pneuma.plant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/**
 * Gas is conserved: whatever the valves do, what came in minus what went out through the expiratory
 * valve and the leak is what the lung and the circuit compliance now hold,
 * ∫(Q_in − Q_exp − Q_leak) dt = ΔV_lung + Cc·ΔP_y.
 *
 * <p>The plant reports the flows of the last of a tick's five sub-steps; the integral is a rectangle
 * rule over 1 ms ticks. Its error per tick is at most 1 ms × how far the net flow moved within the
 * tick, and between command changes the flows move monotonically (first-order valves, one pressure
 * node), so 1 ms × the total variation of the sampled net flow bounds the whole error. In practice
 * the error stays under a tenth of that bound.
 *
 * <p>The safety valve and a disconnected Y-piece also vent the circuit but have no truth accessor, so
 * they stay shut here.
 */
class MassBalanceTest {

    record Segment(double air, double oxygen, double pilotCmH2O) {
    }

    @Provide
    Arbitrary<List<Segment>> segments() {
        Arbitrary<Double> opening = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 1));
        Arbitrary<Double> pilot = Arbitraries.oneOf(Arbitraries.just(0.0),
                Arbitraries.doubles().between(0, 60), Arbitraries.just(120.0));
        return Combinators.combine(opening, opening, pilot).as(Segment::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void gasInMinusGasOutIsWhatTheLungAndCircuitHold(
            @ForAll("segments") List<Segment> segments,
            @ForAll @DoubleRange(min = 0.5, max = 100) double complianceMlPerCmH2O,
            @ForAll @DoubleRange(min = 2, max = 100) double resistanceCmH2OSPerL,
            @ForAll @DoubleRange(min = 0.1, max = 5) double circuitComplianceMlPerCmH2O) {
        PlantRig rig = PlantRig.ideal(new PatientModel(complianceMlPerCmH2O, resistanceCmH2OSPerL,
                circuitComplianceMlPerCmH2O, SpontaneousEffort.NONE));
        Balance balance = run(rig, segments);
        assertThat(Math.abs(balance.worstErrorMl)).as("worst |∫net flow − stored| (mL) against its bound")
                .isLessThanOrEqualTo(balance.boundMl());
    }

    @Property(tries = 100)
    void aLeakTakesItsReportedFlowOutOfTheCircuit(
            @ForAll("segmentsKeepingThePressureUp") List<Segment> segments,
            @ForAll @DoubleRange(min = 1000, max = 20_000) double leakAt10CmH2OMlPerMin,
            @ForAll @DoubleRange(min = 5, max = 100) double complianceMlPerCmH2O,
            @ForAll @DoubleRange(min = 2, max = 50) double resistanceCmH2OSPerL) {
        PlantRig rig = PlantRig.ideal(PatientModel.passive(complianceMlPerCmH2O, resistanceCmH2OSPerL));
        rig.plant.inject(new PlantFault.Leak(leakAt10CmH2OMlPerMin));
        // Charge lung and circuit above the orifice's linearized region before counting.
        rig.openings(1, 0).pilot(5).ticks(500);
        assertThat(rig.plant.trueCircuitCmH2O()).isGreaterThan(2);
        Balance balance = run(rig, segments);
        assertThat(Math.abs(balance.worstErrorMl)).isLessThanOrEqualTo(balance.boundMl());
    }

    /**
     * At least 150 mL/s in and a pilot of at least 3 cmH2O: a leak of up to 20 L/min at 10 cmH2O
     * (k = 105 mL/s/√cmH2O) balances 150 mL/s only at 2 cmH2O, so a charged circuit never falls to the
     * region below 0.25 cmH2O where the integrator linearizes the orifice.
     */
    @Provide
    Arbitrary<List<Segment>> segmentsKeepingThePressureUp() {
        Arbitrary<Double> air = Arbitraries.doubles().between(0.05, 1);
        Arbitrary<Double> oxygen = Arbitraries.doubles().between(0, 1);
        Arbitrary<Double> pilot = Arbitraries.doubles().between(3, 60);
        return Combinators.combine(air, oxygen, pilot).as(Segment::new).list().ofMinSize(1).ofMaxSize(40);
    }

    private static Balance run(PlantRig rig, List<Segment> segments) {
        Plant plant = rig.plant;
        double cc = rig.circuitComplianceMlPerCmH2O();
        double v0 = plant.trueLungVolumeMl(), p0 = plant.trueCircuitCmH2O();
        Balance b = new Balance();
        double previousNet = 0;
        for (Segment s : segments) {
            rig.openings(s.air(), s.oxygen()).pilot(s.pilotCmH2O());
            for (int tick = 0; tick < 50; tick++) {
                rig.ticks(1);
                double net = plant.trueInspiratoryFlowMlPerS() - plant.trueExpiratoryFlowMlPerS() - plant.trueLeakFlowMlPerS();
                b.integralMl += net * PlantRig.TICK_S;
                b.variationMlPerS += Math.abs(net - previousNet);
                previousNet = net;
                double stored = (plant.trueLungVolumeMl() - v0) + cc * (plant.trueCircuitCmH2O() - p0);
                double error = b.integralMl - stored;
                if (Math.abs(error) > Math.abs(b.worstErrorMl)) b.worstErrorMl = error;
            }
        }
        return b;
    }

    private static final class Balance {
        double integralMl;
        double variationMlPerS;
        double worstErrorMl;

        double boundMl() {
            return variationMlPerS * PlantRig.TICK_S + 1e-9;
        }
    }
}
