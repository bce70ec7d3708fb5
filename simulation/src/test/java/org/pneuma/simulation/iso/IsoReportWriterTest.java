package org.pneuma.simulation.iso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IsoReportWriterTest {
    static final IsoRowResult PASSED = new IsoRowResult(Iso80601VerifierTest.PC, true,
            new IsoRowResult.Measured(15.1, 5.2, 480, 482, 30.1), new IsoRowResult.Tolerance(2.6, 2.2, Double.NaN, 76, 5),
            List.of(), 6);
    static final IsoRowResult FAILED = new IsoRowResult(Iso80601VerifierTest.VC, false,
            new IsoRowResult.Measured(21, 5.2, 400, 401, 30.1), new IsoRowResult.Tolerance(Double.NaN, 2.2, 79, 64, 5),
            List.of("delivered tidal volume 400.00 is off 500.00 by -100.00, beyond ±79.00 mL"), 6);

    @Test
    void printsOneLinePerRowAndTheTally() {
        StringWriter out = new StringWriter();
        IsoReportWriter.writeText(List.of(PASSED, FAILED), new PrintWriter(out));
        List<String> lines = out.toString().lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("PC-X    PC").contains("Pend-i 15.1 (+0.1 ±2.6)").endsWith("PASS");
        assertThat(lines.get(1)).contains("leak 2000").contains("Vt 400.0 (-100.0 ±79.0)")
                .endsWith("FAIL: delivered tidal volume 400.00 is off 500.00 by -100.00, beyond ±79.00 mL");
        assertThat(lines.get(2)).isEqualTo("iso80601: 1 passed, 1 failed");
    }

    @Test
    void writesAJsonArrayOfRowsWithSetMeasuredAndTolerance() throws Exception {
        StringWriter out = new StringWriter();
        IsoReportWriter.writeJson(List.of(PASSED, FAILED), out);
        JsonNode json = new ObjectMapper().readTree(out.toString());

        assertThat(json.isArray()).isTrue();
        JsonNode pc = json.get(0);
        assertThat(pc.get("id").asText()).isEqualTo("PC-X");
        assertThat(pc.get("mode").asText()).isEqualTo("PC");
        assertThat(pc.get("pass").asBoolean()).isTrue();
        assertThat(pc.get("set").get("dp_cmh2o").asDouble()).isEqualTo(10);
        assertThat(pc.get("measured").fieldNames()).toIterable()
                .containsExactly("pip_cmh2o", "peep_cmh2o", "vt_true_ml", "vt_reported_ml", "fio2_pct");
        assertThat(pc.get("tolerance").get("pip_cmh2o").asDouble()).isEqualTo(2.6);
        assertThat(pc.get("tolerance").get("vt_true_ml").isNull()).isTrue();
        JsonNode vc = json.get(1);
        assertThat(vc.get("set").get("vt_ml").asDouble()).isEqualTo(500);
        assertThat(vc.get("error").get("vt_true_ml").asDouble()).isEqualTo(-100);
        assertThat(vc.get("failures").get(0).asText()).startsWith("delivered tidal volume");
    }
}
