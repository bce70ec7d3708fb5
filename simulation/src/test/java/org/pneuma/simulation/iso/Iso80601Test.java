package org.pneuma.simulation.iso;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pneuma.simulation.RepoFiles;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The ventilator meets ISO 80601-2-12 accuracy on every row of the public table and of the extended one. */
class Iso80601Test {

    @TestFactory
    Stream<DynamicTest> everyPublicRowPasses() throws Exception {
        return rows("iso80601-2-12-public.csv");
    }

    @TestFactory
    Stream<DynamicTest> everyExtendedRowPasses() throws Exception {
        return rows("iso80601-2-12-extended.csv");
    }

    private static Stream<DynamicTest> rows(String table) throws IsoTableException {
        List<IsoRow> rows = IsoTableReader.read(RepoFiles.data(table));
        assertThat(rows).isNotEmpty();
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.id(), () -> {
            IsoRowResult r = Iso80601Verifier.verify(row);
            assertThat(r.pass()).as("%s", IsoReportWriter.line(r)).isTrue();
        }));
    }
}
