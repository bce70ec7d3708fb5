package org.pneuma.safety.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.safety.alarm.AlarmId.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The alarm catalogue: priorities as the alarm issue lists them, latching, and bus bits. */
class AlarmIdTest {

    @Test
    void latchesExactlyTheHighPriorityPhysiologicalAlarms() {
        Set<AlarmId> latching = EnumSet.noneOf(AlarmId.class);
        for (AlarmId id : values()) {
            if (id.latching()) latching.add(id);
        }

        assertThat(latching).containsExactlyInAnyOrder(
                HIGH_PRESSURE, DISCONNECTION, OCCLUSION, CONTINUOUS_PRESSURE, APNEA, LOW_FIO2);
    }

    @ParameterizedTest
    @EnumSource(AlarmId.class)
    void anAlarmLatchesIfAndOnlyIfItIsHighPriorityAndPhysiological(AlarmId id) {
        assertThat(id.latching()).isEqualTo(id.priority() == AlarmPriority.HIGH && id.physiological());
    }

    @Test
    void technicalAlarmsAreTheMachinesNotThePatients() {
        Set<AlarmId> technical = EnumSet.noneOf(AlarmId.class);
        for (AlarmId id : values()) {
            if (!id.physiological()) technical.add(id);
        }

        assertThat(technical).containsExactlyInAnyOrder(
                O2_SUPPLY_FAILURE, SENSOR_FAULT, CONTROL_FAILURE, DISPLAY_LOST, GUEST_FAULT);
    }

    @Test
    void theAlarmsTheIssueCallsHighAreHigh() {
        assertThat(Arrays.stream(new AlarmId[] {HIGH_PRESSURE, DISCONNECTION, OCCLUSION, CONTINUOUS_PRESSURE, APNEA,
                CONTROL_FAILURE}).map(AlarmId::priority)).containsOnly(AlarmPriority.HIGH);
    }

    @Test
    void thePlatformsTechnicalAlarmsAreNotHigh() {
        assertThat(DISPLAY_LOST.priority()).isNotEqualTo(AlarmPriority.HIGH);
        assertThat(GUEST_FAULT.priority()).isNotEqualTo(AlarmPriority.HIGH);
    }

    @Test
    void everyAlarmTheIssueNamesExists() {
        assertThat(Arrays.stream(values()).map(Enum::name)).contains(
                "HIGH_PRESSURE", "DISCONNECTION", "OCCLUSION", "CONTINUOUS_PRESSURE", "APNEA", "HIGH_VTE", "LOW_VTE",
                "HIGH_MV", "LOW_MV", "HIGH_RATE", "HIGH_PEEP", "LOW_PEEP", "HIGH_FIO2", "LOW_FIO2",
                "O2_SUPPLY_FAILURE", "SENSOR_FAULT", "CONTROL_FAILURE", "DISPLAY_LOST", "GUEST_FAULT");
    }

    @Test
    void everyAlarmHasItsOwnSingleBitInTheSixtyFourBitAlarmWord() {
        assertThat(values().length).isLessThanOrEqualTo(Long.SIZE);
        long union = 0;
        for (AlarmId id : values()) {
            assertThat(Long.bitCount(id.bit())).as("%s's bit", id).isEqualTo(1);
            assertThat(union & id.bit()).as("%s's bit is taken", id).isZero();
            union |= id.bit();
        }
        assertThat(Long.bitCount(union)).isEqualTo(values().length);
    }

    /** The guest decodes the alarm word: a bit, once given, never moves (the enum is append-only). */
    @Test
    void theBitsOnTheSensorBusNeverMove() {
        assertThat(HIGH_PRESSURE.bit()).isEqualTo(1L << 0);
        assertThat(APNEA.bit()).isEqualTo(1L << 4);
        assertThat(LOW_FIO2.bit()).isEqualTo(1L << 13);
        assertThat(SENSOR_FAULT.bit()).isEqualTo(1L << 15);
        assertThat(CONTROL_FAILURE.bit()).isEqualTo(1L << 16);
        assertThat(GUEST_FAULT.bit()).isEqualTo(1L << 18);
    }

    @Test
    void allGivesEveryAlarmInOrderWithoutANewArray() {
        assertThat(all()).containsExactly(values());
        assertThat(all()).isSameAs(all());
    }

    @Test
    void priorityOutranksOnlyLowerPrioritiesAndNothing() {
        assertThat(AlarmPriority.HIGH.outranks(AlarmPriority.MEDIUM)).isTrue();
        assertThat(AlarmPriority.MEDIUM.outranks(AlarmPriority.LOW)).isTrue();
        assertThat(AlarmPriority.LOW.outranks(null)).isTrue();
        assertThat(AlarmPriority.HIGH.outranks(AlarmPriority.HIGH)).isFalse();
        assertThat(AlarmPriority.LOW.outranks(AlarmPriority.MEDIUM)).isFalse();
    }
}
