package org.pneuma.simulation.latency;

import org.junit.jupiter.api.Test;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.simulation.scenario.ScenarioLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AlarmLatencyTest {

    @Test
    void aRaiseScenarioIsNamedByItsAlarmInLowerCase() {
        assertThat(AlarmLatency.alarmOf("apnea-raise.yaml")).isEqualTo(AlarmId.APNEA);
        assertThat(AlarmLatency.alarmOf("o2_supply_failure-raise.yaml")).isEqualTo(AlarmId.O2_SUPPLY_FAILURE);
        assertThat(AlarmLatency.alarmOf("apnea-near-miss.yaml")).isNull();
        assertThat(AlarmLatency.alarmOf("APNEA-raise.yaml")).isNull();
        assertThat(AlarmLatency.alarmOf("snoring-raise.yaml")).isNull();
    }

    @Test
    void everyAlarmHasADocumentedDelayAndApneaShowsItsInterval() {
        for (AlarmId id : AlarmId.values()) assertThat(AlarmLatency.documentedDelay(id, Double.NaN)).as(id.name()).isNotBlank();
        assertThat(AlarmLatency.documentedDelay(AlarmId.APNEA, 15)).isEqualTo("apnea_s (15 s)");
        assertThat(AlarmLatency.documentedDelay(AlarmId.HIGH_PRESSURE, 15)).isEqualTo("1 ms");
    }

    @Test
    void latencyCountsOnlyRaisesFromTheOnsetOn() throws Exception {
        // SENSOR_FAULT is raised at 1.25 s and again at 4.25 s; the onset is the second freeze.
        var scenario = ScenarioLoader.parse("""
                name: twice
                duration_s: 6
                onset_s: 4
                patient: {compliance_ml_per_cmh2o: 50, resistance_cmh2o_s_per_l: 10}
                settings: {mode: pc_ac}
                events:
                  - {at_s: 1, fault: sensor_stuck, sensor: oxygen}
                  - {at_s: 2, clear: sensor_stuck}
                  - {at_s: 4, fault: sensor_stuck, sensor: oxygen}
                """, "dir/sensor_fault-raise.yaml");

        LatencyRow row = AlarmLatency.measure(AlarmId.SENSOR_FAULT, scenario);

        assertThat(row.scenario()).isEqualTo("sensor_fault-raise.yaml");
        assertThat(row.onsetS()).isEqualTo(4);
        assertThat(row.raisedAtS()).isCloseTo(4.25, within(0.002));
        assertThat(row.latencyS()).isCloseTo(0.25, within(0.002));
        assertThat(row.missed()).isFalse();
        assertThat(AlarmLatency.measure(AlarmId.APNEA, scenario).missed()).isTrue();
    }
}
