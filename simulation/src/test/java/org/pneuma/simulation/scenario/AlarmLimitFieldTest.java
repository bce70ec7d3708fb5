package org.pneuma.simulation.scenario;

import org.pneuma.safety.settings.AlarmLimitField;

import org.junit.jupiter.api.Test;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.SettingsValidator;
import org.pneuma.safety.settings.VentilationSettings;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmLimitFieldTest {

    @Test
    void everyAlarmLimitHasTheNameTheValidatorGivesIt() {
        assertThat(AlarmLimitField.values()).extracting(AlarmLimitField::key)
                .containsExactlyElementsOf(SettingsValidator.ALARM_LIMITS.stream().map(SettingsValidator.Limit::field).toList());
    }

    @Test
    void eachFieldReadsAndWritesItsOwnLimit() {
        AlarmLimits defaults = AlarmLimits.defaultsFor(VentilationSettings.DEFAULTS);
        for (AlarmLimitField f : AlarmLimitField.values()) {
            AlarmLimits changed = new AlarmLimitOverrides(Map.of(f, 1234.5)).over(VentilationSettings.DEFAULTS);

            assertThat(f.of(changed)).as(f.key()).isEqualTo(1234.5);
            for (AlarmLimitField other : AlarmLimitField.values()) {
                if (other != f) assertThat(other.of(changed)).as(other.key() + " after setting " + f.key()).isEqualTo(other.of(defaults));
            }
        }
    }

    @Test
    void laterFixedLimitsGoOverEarlierOnes() {
        AlarmLimitOverrides first = new AlarmLimitOverrides(Map.of(AlarmLimitField.HIGH_PRESSURE_CMH2O, 30.0, AlarmLimitField.LOW_VTE_ML, 100.0));
        AlarmLimitOverrides merged = first.with(new AlarmLimitOverrides(Map.of(AlarmLimitField.HIGH_PRESSURE_CMH2O, 35.0)));

        assertThat(merged.fixed()).isEqualTo(Map.of(AlarmLimitField.HIGH_PRESSURE_CMH2O, 35.0, AlarmLimitField.LOW_VTE_ML, 100.0));
        assertThat(merged.fixes(AlarmLimitField.HIGH_VTE_ML)).isFalse();
    }
}
