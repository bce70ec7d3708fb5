package org.pneuma.simulation.iso;

import org.junit.jupiter.api.Test;
import org.pneuma.plant.PlantFault;
import org.pneuma.safety.settings.Mode;
import org.pneuma.simulation.Breath;
import org.pneuma.simulation.BreathTruth;
import org.pneuma.simulation.ReportedBreath;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioEvent;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a row becomes a scenario and how it is judged, on synthetic breaths. */
class Iso80601VerifierTest {
    static final IsoRow PC = new IsoRow("PC-X", IsoRow.IsoMode.PC, 500, 50, 5, 20, 1, 10, 5, 30, 0, 2);
    static final IsoRow VC = new IsoRow("VC-X", IsoRow.IsoMode.VC, 500, 50, 5, 20, 1, Double.NaN, 5, 30, 2000, 3);

    /** Breaths every 3 s over 30 s with the given true values; reported Vt = true Vt + {@code reportedError}. */
    static List<Breath> breaths(double endInsp, double peep, double vt, double reportedError, double fio2) {
        List<Breath> list = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double start = 3.0 * i;
            list.add(new Breath(new ReportedBreath(i + 1, start, 1, 2, 0, 0, 0, vt + reportedError, 0, 20, 0, 0.5, 0, 0,
                    false, false, false), new BreathTruth(start, vt, endInsp, endInsp, peep, fio2)));
        }
        return list;
    }

    @Test
    void aPcRowIsVentilatedInPcAcWithItsPressureAndAVcRowInVcAcWithItsVolume() {
        Scenario pc = Iso80601Verifier.scenarioFor(PC);
        Scenario vc = Iso80601Verifier.scenarioFor(VC);

        assertThat(pc.settings().mode()).isEqualTo(Mode.PC_AC);
        assertThat(pc.settings().dpCmH2O()).isEqualTo(10);
        assertThat(pc.durationS()).isEqualTo(30);
        assertThat(pc.events()).isEmpty();
        assertThat(vc.settings().mode()).isEqualTo(Mode.VC_AC);
        assertThat(vc.settings().vtMl()).isEqualTo(500);
        assertThat(vc.patient().complianceMlPerCmH2O()).isEqualTo(50);
        assertThat(vc.events()).containsExactly(new ScenarioEvent.InjectFault(0, new PlantFault.Leak(2000)));
    }

    @Test
    void aPcRowWithinEveryToleranceBandPasses() {
        // End-inspiratory tolerance 2 + 0.04·15 = 2.6; PEEP 2 + 0.04·5 = 2.2.
        IsoRowResult r = Iso80601Verifier.judge(PC, breaths(15 + 2.5, 5 - 2.1, 480, 4 + 0.15 * 480 - 0.1, 34.9));

        assertThat(r.failures()).isEmpty();
        assertThat(r.pass()).isTrue();
        assertThat(r.breaths()).isEqualTo(6); // those starting at 12, 15, … 27 s
        assertThat(r.tolerance().pipCmH2O()).isEqualTo(2.6);
        assertThat(r.tolerance().vtTrueMl()).isNaN();
    }

    @Test
    void aPcRowFailsOnEndInspiratoryPressureJustOutsideItsBand() {
        IsoRowResult r = Iso80601Verifier.judge(PC, breaths(15 + 2.7, 5, 480, 0, 30));

        assertThat(r.pass()).isFalse();
        assertThat(r.failures()).singleElement().asString().startsWith("end-inspiratory pressure 17.70 is off 15.00 by +2.70, beyond ±2.60");
    }

    @Test
    void aVcRowIsJudgedOnTheDeliveredVolumeAgainstTheSetOne() {
        assertThat(Iso80601Verifier.judge(VC, breaths(20, 5, 500 + 78.9, 0, 30)).pass()).isTrue();
        assertThat(Iso80601Verifier.judge(VC, breaths(20, 5, 500 - 79.1, 0, 30)).failures())
                .singleElement().asString().startsWith("delivered tidal volume 420.90 is off 500.00");
    }

    @Test
    void theReportedVolumeIsJudgedAgainstTheTrueOne() {
        IsoRowResult r = Iso80601Verifier.judge(VC, breaths(20, 5, 400, 4 + 0.15 * 400 + 0.5, 30));

        assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith("reported tidal volume"));
    }

    @Test
    void fio2MustBeWithinFivePoints() {
        assertThat(Iso80601Verifier.judge(PC, breaths(15, 5, 500, 0, 35.1)).failures())
                .singleElement().asString().startsWith("delivered FiO2 35.10 is off 30.00 by +5.10");
    }

    @Test
    void onlyBreathsStartingAfterTheFirstTenSecondsCount() {
        List<Breath> b = breaths(15, 5, 500, 0, 30);
        List<Breath> spoiled = new ArrayList<>(b);
        for (int i = 0; i < 4; i++) { // 0, 3, 6, 9 s
            spoiled.set(i, new Breath(b.get(i).reported(), new BreathTruth(b.get(i).startS(), 0, 0, 0, 0, 21)));
        }

        assertThat(Iso80601Verifier.judge(PC, spoiled).pass()).isTrue();
    }

    @Test
    void noBreathsIsAFailure() {
        IsoRowResult r = Iso80601Verifier.judge(PC, List.of());

        assertThat(r.pass()).isFalse();
        assertThat(r.failures()).containsExactly("no breaths after the first 10 s");
    }
}
