package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.alarm.AlarmId.SENSOR_FAULT;
import static org.pneuma.safety.alarm.MonitorRig.MS;

import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pneuma.safety.alarm.fake.ScriptedSensors;
import org.pneuma.safety.alarm.fake.ScriptedSensors.Field;
import org.pneuma.safety.control.CircuitCalibration;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * SENSOR_FAULT: a reading outside its physical range (at once), a reading that repeats itself exactly
 * for 250 ms, or the two limb pressures disagreeing by more than 5 cmH2O for 200 ms. It is technical:
 * it ends with its condition.
 */
class AlarmMonitorSensorFaultTest {
    private final MonitorRig rig = new MonitorRig();

    private static void set(ScriptedSensors s, Field field, double value) {
        switch (field) {
            case INSPIRATORY_PRESSURE -> s.inspiratoryPressureCmH2O = value;
            case EXPIRATORY_PRESSURE -> s.expiratoryPressureCmH2O = value;
            case AIR_FLOW -> s.airFlowMlPerS = value;
            case OXYGEN_FLOW -> s.oxygenFlowMlPerS = value;
            case EXPIRATORY_FLOW -> s.expiratoryFlowMlPerS = value;
            case OXYGEN_PERCENT -> s.oxygenPercent = value;
        }
    }

    /** Each sensor's physical range, and a reading just outside each end. */
    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of(Field.INSPIRATORY_PRESSURE, -30, 150),
                Arguments.of(Field.EXPIRATORY_PRESSURE, -30, 150),
                Arguments.of(Field.AIR_FLOW, -100, 5000),
                Arguments.of(Field.OXYGEN_FLOW, -100, 5000),
                Arguments.of(Field.EXPIRATORY_FLOW, -100, 8000),
                Arguments.of(Field.OXYGEN_PERCENT, 10, 105));
    }

    @ParameterizedTest(name = "{0} below {1} or above {2}")
    @MethodSource("ranges")
    void aSingleReadingOutOfRangeRaisesSensorFaultOnThatTickAndItEndsWithTheReading(Field field, double min, double max) {
        rig.runMs(100);
        double normal = field == Field.OXYGEN_PERCENT ? 40 : field.name().contains("PRESSURE") ? 5 : 0;
        for (double outside : new double[] {Math.nextDown(min), Math.nextUp(max)}) {
            set(rig.sensors, field, outside);
            rig.tick();
            assertThat(rig.active(SENSOR_FAULT)).as("%s reading %s", field, outside).isTrue();

            set(rig.sensors, field, normal);
            rig.tick();
            assertThat(rig.manager.signalling(SENSOR_FAULT)).as("%s back to %s", field, normal).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} at {1} and at {2}")
    @MethodSource("ranges")
    void readingsAtTheEndsOfTheirRangesAreNoFault(Field field, double min, double max) {
        rig.runMs(100);
        rig.sensors.dither = false;
        for (double edge : new double[] {min, max}) {
            set(rig.sensors, field, edge);
            if (field == Field.INSPIRATORY_PRESSURE) rig.sensors.expiratoryPressureCmH2O = edge;
            if (field == Field.EXPIRATORY_PRESSURE) rig.sensors.inspiratoryPressureCmH2O = edge;
            rig.tick();
        }

        assertThat(rig.log.raised(SENSOR_FAULT)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void aReadingThatRepeatsItselfExactlyFor250MsRaisesSensorFault(Field field) {
        rig.runMs(100);
        rig.sensors.freeze(field);
        long frozenFrom = rig.nowNs;

        rig.runMs(250);
        assertThat(rig.active(SENSOR_FAULT)).as("%s frozen for 249 ms", field).isFalse();

        rig.tick();
        assertThat(rig.log.firstRaisedAtNs(SENSOR_FAULT)).as("%s frozen", field).isEqualTo(frozenFrom + 250 * MS);
    }

    @Test
    void aReadingFrozenFor249MsThatMovesAgainRaisesNothing() {
        for (int i = 0; i < 20; i++) {
            rig.sensors.freeze(Field.OXYGEN_PERCENT);
            rig.runMs(250);
        }

        assertThat(rig.log.raised(SENSOR_FAULT)).isFalse();
    }

    @Test
    void aFrozenSensorThatComesBackEndsTheFault() {
        rig.sensors.freeze(Field.EXPIRATORY_FLOW);
        rig.runMs(1_000);
        assertThat(rig.active(SENSOR_FAULT)).isTrue();

        rig.sensors.frozen = null;
        rig.runMs(2);

        assertThat(rig.manager.signalling(SENSOR_FAULT)).isFalse();
    }

    @Test
    void limbPressuresThatDisagreeByMoreThanFiveCmH2OFor200MsRaiseSensorFault() {
        rig.runMs(100);
        rig.sensors.inspiratoryPressureCmH2O = rig.sensors.expiratoryPressureCmH2O + 5.1;
        long from = rig.nowNs;

        rig.runMs(200);
        assertThat(rig.active(SENSOR_FAULT)).as("199 ms").isFalse();

        rig.tick();
        assertThat(rig.log.firstRaisedAtNs(SENSOR_FAULT)).isEqualTo(from + 200 * MS);
    }

    @Test
    void limbPressuresThatDisagreeByLessThanFiveCmH2ORaiseNothing() {
        rig.sensors.inspiratoryPressureCmH2O = rig.sensors.expiratoryPressureCmH2O + 4.9;

        rig.runMs(10_000);

        assertThat(rig.log.raised(SENSOR_FAULT)).isFalse();
    }

    @Test
    void aDisagreementThatBreaksOffRestartsThe200Ms() {
        for (int i = 0; i < 50; i++) {
            rig.sensors.expiratoryPressureCmH2O = rig.sensors.inspiratoryPressureCmH2O - 6;
            rig.runMs(199);
            rig.sensors.expiratoryPressureCmH2O = rig.sensors.inspiratoryPressureCmH2O;
            rig.tick();
        }

        assertThat(rig.log.raised(SENSOR_FAULT)).isFalse();
    }

    /** 8 cmH2O/(L/s) in the inspiratory limb, 4 in the expiratory one. */
    private static MonitorRig resistiveRig() {
        return new MonitorRig(VentilationSettings.DEFAULTS, AlarmLimits.defaultsFor(VentilationSettings.DEFAULTS),
                new CircuitCalibration(0, 8, 4));
    }

    @Test
    void theLimbsAreComparedEachCorrectedForItsResistance() {
        MonitorRig resistive = resistiveRig();
        // 20 cmH2O at the Y-piece, 1 L/s through each limb: 8 more at the inlet, 4 less at the outlet.
        resistive.sensors.airFlowMlPerS = 1_000;
        resistive.sensors.expiratoryFlowMlPerS = 1_000;
        resistive.sensors.inspiratoryPressureCmH2O = 20 + 8;
        resistive.sensors.expiratoryPressureCmH2O = 20 - 4;

        resistive.runMs(10_000);

        assertThat(resistive.log.raised(SENSOR_FAULT)).isFalse();
        assertThat(resistive.monitor.pressureCmH2O()).isCloseTo(20, Offset.offset(1e-6));
    }

    @Test
    void limbsThatDifferByMoreThanTheirResistanceExplainsDisagree() {
        MonitorRig resistive = resistiveRig();
        resistive.sensors.airFlowMlPerS = 1_000;
        resistive.sensors.expiratoryFlowMlPerS = 1_000;
        resistive.sensors.inspiratoryPressureCmH2O = 20 + 8 + 5.1;
        resistive.sensors.expiratoryPressureCmH2O = 20 - 4;

        resistive.runMs(1_000);

        assertThat(resistive.log.raised(SENSOR_FAULT)).isTrue();
    }
}
