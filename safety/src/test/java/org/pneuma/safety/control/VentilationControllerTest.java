package org.pneuma.safety.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.breath.BreathRecord;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.VentilationSettings;

/** The composed control step, closed around {@link ModelLung}. */
class VentilationControllerTest {

    /** A listener's copy of the fields these tests look at. */
    record Breath(double pip, double peep, double endInspiratory, double vti, double vte, double rate,
                  double fio2, boolean triggered, boolean backup, boolean supported) {
        static Breath of(BreathRecord r) {
            return new Breath(r.pipCmH2O, r.peepCmH2O, r.endInspiratoryCmH2O, r.vtiMl, r.vteMl, r.rateBpm,
                    r.fio2Pct, r.patientTriggered, r.backup, r.supported);
        }
    }

    private final List<Breath> breaths = new ArrayList<>();

    private ControllerRig rig(VentilationSettings settings) {
        return new ControllerRig(settings, r -> breaths.add(Breath.of(r)));
    }

    private static VentilationSettings.Builder settings(Mode mode) {
        return VentilationSettings.DEFAULTS.toBuilder().mode(mode);
    }

    @Test
    void pressureControlHoldsPeepAndPeepPlusDrivingPressure() {
        ControllerRig rig = rig(settings(Mode.PC_CMV).peep(5).dp(15).build());

        rig.runMs(40_000);

        assertThat(breaths).hasSizeGreaterThanOrEqualTo(9);
        for (Breath b : breaths.subList(2, breaths.size())) {
            assertThat(b.peep()).isCloseTo(5, within(0.5));
            assertThat(b.endInspiratory()).isCloseTo(20, within(0.5));
            assertThat(b.pip()).isBetween(19.5, 21.5);
            assertThat(b.rate()).isCloseTo(15, within(0.01));
            assertThat(b.vti()).isCloseTo(b.vte(), within(0.05 * b.vti()));
        }
    }

    @Test
    void volumeControlDeliversTheSetVolumeDespiteCircuitComplianceAndALeak() {
        ControllerRig rig = rig(settings(Mode.VC_CMV).vt(500).build());
        rig.lung.leakOrificeMlPerSPerSqrtCmH2O = 20;

        rig.runMs(60_000);

        assertThat(breaths).hasSizeGreaterThanOrEqualTo(14);
        for (Breath b : breaths.subList(breaths.size() - 4, breaths.size())) {
            assertThat(b.vti()).isCloseTo(500, within(25.0));
        }
        assertThat(rig.controller.breathType()).isEqualTo(BreathType.VOLUME_CONTROL);
    }

    @Test
    void assistControlLetsThePatientTriggerBreaths() {
        ControllerRig rig = rig(settings(Mode.PC_AC).build());
        rig.lung.effortCmH2O = 5;
        rig.lung.effortPeriodS = 3; // faster than the set 4 s period

        rig.runMs(30_000);

        assertThat(breaths.subList(2, breaths.size())).allMatch(Breath::triggered);
        assertThat(breaths.getLast().rate()).isCloseTo(20, within(0.5));
    }

    @Test
    void pressureSupportFollowsThePatientAndBacksUpWhenTheyStop() {
        VentilationSettings.Builder b = settings(Mode.PSV);
        b.apneaS = 10;
        ControllerRig rig = rig(b.build());
        rig.lung.effortCmH2O = 5;
        rig.lung.effortPeriodS = 4;
        rig.runMs(30_000);
        assertThat(breaths.subList(1, breaths.size())).allMatch(x -> x.supported() && x.triggered() && !x.backup());
        assertThat(rig.controller.backupActive()).isFalse();

        rig.lung.effortCmH2O = 0;
        rig.runMs(20_000);

        assertThat(rig.controller.backupActive()).isTrue();
        assertThat(breaths.getLast().backup()).isTrue();
    }

    @Test
    void aNewDrivingPressureWaitsForTheNextBreath() {
        ControllerRig rig = rig(settings(Mode.PC_CMV).peep(5).dp(15).build());
        rig.runUntilPhaseStarts(BreathPhase.INSPIRATION, 10_000);
        rig.runMs(300);
        assertThat(rig.controller.targetCmH2O()).isEqualTo(20.0);

        rig.controller.changeSettings(settings(Mode.PC_CMV).peep(5).dp(25).build());
        assertThat(rig.controller.settings().dpCmH2O()).isEqualTo(25);

        while (rig.controller.phase() == BreathPhase.INSPIRATION) {
            rig.tick();
            if (rig.controller.phase() == BreathPhase.INSPIRATION) {
                assertThat(rig.controller.targetCmH2O()).isEqualTo(20.0);
            }
        }
        rig.runUntilPhaseStarts(BreathPhase.INSPIRATION, 10_000);
        rig.runMs(300);
        assertThat(rig.controller.targetCmH2O()).isEqualTo(30.0);
    }

    @Test
    void aNewRateTimesTheNextBreathFromTheStartOfTheLastOne() {
        ControllerRig rig = rig(settings(Mode.PC_CMV).rate(15).build());
        rig.runUntilPhaseStarts(BreathPhase.INSPIRATION, 10_000); // at 1 s
        rig.controller.changeSettings(settings(Mode.PC_CMV).rate(30).build());

        rig.runUntilPhaseStarts(BreathPhase.INSPIRATION, 10_000);
        double second = rig.secondsSinceOrigin();
        rig.runUntilPhaseStarts(BreathPhase.INSPIRATION, 10_000);
        double third = rig.secondsSinceOrigin();

        // A faster rate must not wait out the old, longer cycle (6 → 30/min would otherwise wait 10 s).
        assertThat(second).as("the next breath comes 2 s after the last began").isCloseTo(3.001, within(1e-9));
        assertThat(third - second).as("the first breath at 30/min lasts 2 s").isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aLongerTiWithASlowerRateNeverCostsABreathItsExpiration() {
        List<Double> expiratoryTimes = new ArrayList<>();
        // rate 30, Ti 1 s (Te 1 s) → rate 10, Ti 4 s (Te 2 s): each accepted on its own
        ControllerRig rig = new ControllerRig(settings(Mode.PC_CMV).rate(30).ti(1.0).build(),
                r -> expiratoryTimes.add(r.teS));
        rig.runUntilPhaseStarts(BreathPhase.INSPIRATION, 10_000);
        rig.controller.changeSettings(settings(Mode.PC_CMV).rate(10).ti(4.0).build());

        rig.runMs(20_000);

        assertThat(expiratoryTimes).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(te -> assertThat(te).as("Te, s").isGreaterThanOrEqualTo(0.999));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "VC_CMV, PC_CMV, PRESSURE_CONTROL",
            "PC_CMV, VC_CMV, VOLUME_CONTROL",
            "VC_AC, PC_AC, PRESSURE_CONTROL",
            "PC_AC, VC_AC, VOLUME_CONTROL"})
    void theFirstBreathAfterAModeChangeIsOfTheNewMode(Mode from, Mode to, BreathType expected) {
        ControllerRig rig = rig(settings(from).build());
        rig.runUntilPhaseStarts(BreathPhase.INSPIRATION, 10_000);

        rig.controller.changeSettings(settings(to).build());
        rig.runUntilPhaseStarts(BreathPhase.INSPIRATION, 10_000);
        rig.runMs(300);

        assertThat(rig.controller.breathType()).isEqualTo(expected);
        if (expected == BreathType.PRESSURE_CONTROL) {
            assertThat(rig.out.expiratoryPilotCmH2O).as("pressure-limited by the relief").isEqualTo(21.0);
        }
    }

    @Test
    void switchingAnApnoeicPatientFromPsvToCmvBreathesForThemWithinOneBreathPeriod() {
        VentilationSettings.Builder psv = settings(Mode.PSV);
        psv.apneaS = 30;
        ControllerRig rig = rig(psv.build());
        rig.lung.effortCmH2O = 5;
        rig.lung.effortPeriodS = 4;
        rig.runMs(10_200); // supported breaths about every 4 s
        rig.lung.effortCmH2O = 0; // the patient stops breathing
        rig.runMs(2_000);
        double switchedAt = rig.secondsSinceOrigin();

        rig.controller.changeSettings(settings(Mode.PC_CMV).build());
        rig.runUntilPhaseStarts(BreathPhase.INSPIRATION, 60_000);

        assertThat(rig.secondsSinceOrigin() - switchedAt).isLessThanOrEqualTo(4.0);
        assertThat(rig.controller.breathType()).isEqualTo(BreathType.PRESSURE_CONTROL);
        assertThat(rig.controller.backupActive()).isFalse();
    }

    @Test
    void aNewPeepActsAtOnce() {
        ControllerRig rig = rig(settings(Mode.PC_CMV).peep(5).build());
        rig.runUntilPhaseStarts(BreathPhase.EXPIRATION, 10_000);
        rig.runMs(500);
        assertThat(rig.out.expiratoryPilotCmH2O).isEqualTo(5.0);

        rig.controller.changeSettings(settings(Mode.PC_CMV).peep(10).build());
        rig.tick();

        assertThat(rig.controller.phase()).isEqualTo(BreathPhase.EXPIRATION);
        assertThat(rig.out.expiratoryPilotCmH2O).isEqualTo(10.0);
        assertThat(rig.controller.targetCmH2O()).isEqualTo(10.0);
        rig.runMs(1_000);
        assertThat(rig.controller.airwayPressureCmH2O()).isCloseTo(10, within(0.5));
    }

    @Test
    void aNewFio2ActsAtOnce() {
        ControllerRig rig = rig(settings(Mode.PC_CMV).fio2(40).build());
        rig.runMs(12_000);
        assertThat(oxygenShareOfCommand(rig.out)).isCloseTo((0.40 - 0.209) / 0.791, within(0.01));

        rig.controller.changeSettings(settings(Mode.PC_CMV).fio2(80).build());
        rig.tick();

        assertThat(oxygenShareOfCommand(rig.out)).isCloseTo((0.80 - 0.209) / 0.791, within(0.01));
    }

    /** The valves are calibrated alike, so openings stand for flows. */
    private static double oxygenShareOfCommand(ValveCommand c) {
        return c.oxygenOpening / (c.oxygenOpening + c.airOpening);
    }

    @Test
    void breathsMeasureTheSetFio2() {
        ControllerRig rig = rig(settings(Mode.VC_AC).fio2(60).build());

        rig.runMs(20_000);

        assertThat(breaths.getLast().fio2()).isCloseTo(60, within(1.0));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void normalVentilationNeverCommandsTheSafeState(Mode mode) {
        ControllerRig rig = rig(settings(mode).peep(5).build());
        rig.lung.effortCmH2O = 4;
        rig.lung.leakOrificeMlPerSPerSqrtCmH2O = 10;
        rig.out.safeState(); // left over from before ventilation began

        for (int t = 0; t < 60_000; t++) {
            rig.tick();
            assertThat(rig.out.safetyValveOpen).as("safety valve at %d ms", t).isFalse();
            assertThat(rig.out.expiratoryPilotCmH2O).as("expiratory pilot at %d ms", t).isBetween(5.0, 78.0);
        }
    }
}
