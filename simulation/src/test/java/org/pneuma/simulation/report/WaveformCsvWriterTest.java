package org.pneuma.simulation.report;

import org.junit.jupiter.api.Test;
import org.pneuma.plant.PatientModel;
import org.pneuma.plant.PlantConfig;
import org.pneuma.safety.settings.VentilationSettings;
import org.pneuma.simulation.ScenarioRunner;
import org.pneuma.simulation.scenario.Scenario;

import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaveformCsvWriterTest {

    static List<String> lines(int rateHz) {
        Scenario s = new Scenario("wave", "wave", 1, PlantConfig.standard(), PatientModel.passive(50, 10),
                VentilationSettings.DEFAULTS, List.of(), List.of());
        StringWriter out = new StringWriter();
        ScenarioRunner.recording(s, new WaveformCsvWriter(out, rateHz)).run();
        return out.toString().lines().toList();
    }

    @Test
    void writesAHeaderAndTwoHundredSamplesPerSecondByDefault() {
        List<String> lines = lines(WaveformCsvWriter.DEFAULT_RATE_HZ);

        assertThat(lines.getFirst()).isEqualTo(WaveformCsvWriter.HEADER);
        assertThat(lines).hasSize(1 + 200);
        assertThat(lines.get(1)).startsWith("0.000,");
        assertThat(lines.get(2)).startsWith("0.005,");
        assertThat(lines.get(2).split(",")).hasSize(10);
        assertThat(lines.get(2).split(",")[5]).isIn("I", "E");
    }

    @Test
    void writesEveryTickAtAThousandHertz() {
        assertThat(lines(1000)).hasSize(1 + 1000);
    }

    @Test
    void aRateThatDoesNotDivideTheTickRateIsRefused() {
        assertThatThrownBy(() -> new WaveformCsvWriter(new StringWriter(), 300)).isInstanceOf(IllegalArgumentException.class);
    }
}
