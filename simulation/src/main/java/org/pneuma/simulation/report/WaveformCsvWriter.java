package org.pneuma.simulation.report;

import org.pneuma.simulation.ScenarioRunner;
import org.pneuma.simulation.WaveformSample;
import org.pneuma.simulation.WaveformSink;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes a run's waveforms as CSV, decimated from the 1 kHz tick (200 Hz by default). Columns: the
 * ventilator's view, then the truth:
 * <pre>
 * time_s, airway_pressure_cmh2o, patient_flow_ml_s, volume_ml, o2_pct, phase,
 * true_patient_connection_cmh2o, true_lung_volume_ml, true_patient_flow_ml_s, true_inspired_o2_pct
 * </pre>
 * {@code phase} is {@code I} (inspiration) or {@code E}. Not thread-safe; the caller closes the writer.
 */
public final class WaveformCsvWriter implements WaveformSink {
    public static final int DEFAULT_RATE_HZ = 200;
    public static final String HEADER = "time_s,airway_pressure_cmh2o,patient_flow_ml_s,volume_ml,o2_pct,phase,"
            + "true_patient_connection_cmh2o,true_lung_volume_ml,true_patient_flow_ml_s,true_inspired_o2_pct";

    private final Writer out;
    private final long everyTicks;
    private final StringBuilder line = new StringBuilder(160);
    private boolean headerWritten;

    /** @param rateHz samples per second, a divisor of the 1000 Hz tick rate */
    public WaveformCsvWriter(Writer out, int rateHz) {
        long ticksPerSecond = 1_000_000_000L / ScenarioRunner.TICK_NS;
        if (rateHz <= 0 || rateHz > ticksPerSecond || ticksPerSecond % rateHz != 0) {
            throw new IllegalArgumentException("waveform rate must divide " + ticksPerSecond + " Hz, was " + rateHz);
        }
        this.out = out;
        this.everyTicks = ticksPerSecond / rateHz;
    }

    @Override
    public void accept(WaveformSample s) throws IOException {
        if (!headerWritten) {
            out.write(HEADER);
            out.write('\n');
            headerWritten = true;
        }
        if (s.tick() % everyTicks != 0) return;
        line.setLength(0);
        line.append(String.format(Locale.ROOT, "%.3f,%.3f,%.2f,%.2f,%.2f,%s,%.3f,%.2f,%.2f,%.2f",
                s.timeS(), s.airwayPressureCmH2O(), s.patientFlowMlPerS(), s.volumeMl(), s.oxygenPercent(),
                s.phase() == null ? "" : s.phase().name().substring(0, 1), s.truePatientConnectionCmH2O(),
                s.trueLungVolumeMl(), s.truePatientFlowMlPerS(), s.trueInspiredOxygenPercent()));
        line.append('\n');
        out.append(line);
    }
}
