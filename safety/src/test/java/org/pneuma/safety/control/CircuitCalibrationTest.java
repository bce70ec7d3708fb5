package org.pneuma.safety.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CircuitCalibrationTest {
    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 20.01, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsAComplianceOutsideZeroToTwenty(double compliance) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CircuitCalibration(compliance, 1, 1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN})
    void rejectsANegativeOrUnknownLimbResistance(double resistance) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CircuitCalibration(1, resistance, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new CircuitCalibration(1, 1, resistance));
    }

    @Test
    void withComplianceKeepsTheResistances() {
        assertThat(new CircuitCalibration(1, 2, 3).withCompliance(4.5)).isEqualTo(new CircuitCalibration(4.5, 2, 3));
    }
}
