package org.pneuma.simulation.iso;

import org.junit.jupiter.api.Test;
import org.pneuma.simulation.RepoFiles;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IsoTableReaderTest {
    private static final String HEADER = IsoTableReader.HEADER + "\n";

    static List<IsoRow> read(String csv) throws IsoTableException {
        return IsoTableReader.read(new StringReader(csv), "t.csv");
    }

    static List<String> problems(String csv) {
        IsoTableException e = catchThrowableOfType(IsoTableException.class, () -> read(csv));
        assertThat(e).as("expected the table to be rejected").isNotNull();
        return e.problems();
    }

    @Test
    void readsThePublicTable() throws Exception {
        List<IsoRow> rows = IsoTableReader.read(RepoFiles.data("iso80601-2-12-public.csv"));

        assertThat(rows).hasSize(21);
        assertThat(rows.getFirst()).isEqualTo(new IsoRow("PC-1", IsoRow.IsoMode.PC, 500, 50, 5, 20, 1, 10, 5, 30, 0, 2));
        assertThat(rows.get(14).dpCmH2O()).isNaN();
        assertThat(rows.get(14).mode()).isEqualTo(IsoRow.IsoMode.VC);
    }

    @Test
    void readsTheExtendedTable() throws Exception {
        assertThat(IsoTableReader.read(RepoFiles.data("iso80601-2-12-extended.csv")))
                .allSatisfy(r -> assertThat(r.id()).startsWith("EXT-"))
                .anySatisfy(r -> assertThat(r.leakMlPerMin()).isPositive())
                .anySatisfy(r -> assertThat(r.complianceMlPerCmH2O()).isLessThanOrEqualTo(0.5));
    }

    @Test
    void aValueThatIsNotANumberNamesItsLineRowAndColumn() {
        assertThat(problems(HEADER + "PC-1,PC,500,50,5,twenty,1,10,5,30,0\n"))
                .containsExactly("t.csv:2: row PC-1, column rate_bpm: \"twenty\" is not a number");
    }

    @Test
    void anUnknownModeIsRejected() {
        assertThat(problems(HEADER + "X-1,PS,500,50,5,20,1,10,5,30,0\n"))
                .containsExactly("t.csv:2: row X-1, column mode: \"PS\" is not a mode (expected PC or VC)");
    }

    @Test
    void aRowWithTooFewOrTooManyValuesIsRejected() {
        assertThat(problems(HEADER + "PC-1,PC,500,50,5,20,1,10,5,30\nPC-2,PC,500,50,5,20,1,10,5,30,0,7\n"))
                .containsExactly("t.csv:2: row PC-1: has 10 values; the header has 11 columns",
                        "t.csv:3: row PC-2: has 12 values; the header has 11 columns");
    }

    @Test
    void aPcRowNeedsItsPressureAndAVcRowItsVolume() {
        assertThat(problems(HEADER + "PC-1,PC,500,50,5,20,1,,5,30,0\nVC-1,VC,,50,5,20,1,,5,30,0\n"))
                .containsExactly("t.csv:2: row PC-1, column dp_cmh2o: is empty; a number is required",
                        "t.csv:3: row VC-1, column vt_ml: is empty; a number is required");
    }

    @Test
    void aLungOutsideThePlantsRangeIsRejected() {
        assertThat(problems(HEADER + "PC-1,PC,500,500,5,20,1,10,5,30,0\n"))
                .singleElement().asString().startsWith("t.csv:2: row PC-1, column c_ml_per_cmh2o: must be 0.2–200").contains("500");
    }

    @Test
    void settingsTheVentilatorRejectsAreReportedWithItsReason() {
        assertThat(problems(HEADER + "PC-1,PC,500,50,5,20,1,10,5,10,0\n"))
                .containsExactly("t.csv:2: row PC-1, column fio2_pct: settings rejected by the ventilator: fio2_pct 10 is out of range 21–100 %");
    }

    @Test
    void aNegativeLeakIsRejected() {
        assertThat(problems(HEADER + "PC-1,PC,500,50,5,20,1,10,5,30,-5\n"))
                .containsExactly("t.csv:2: row PC-1, column leak_ml_min: must be 0 (no leak) or more, was -5");
    }

    @Test
    void aDuplicateIdIsRejected() {
        assertThat(problems(HEADER + "PC-1,PC,500,50,5,20,1,10,5,30,0\nPC-1,PC,500,50,5,20,1,10,5,30,0\n"))
                .containsExactly("t.csv:3: row PC-1, column id: duplicate id");
    }

    @Test
    void aWrongHeaderIsRejected() {
        assertThat(problems(HEADER.replace("rate_bpm", "rate") + "PC-1,PC,500,50,5,20,1,10,5,30,0\n"))
                .containsExactly("t.csv:1: header, column 6: unknown column \"rate\" (expected " + IsoTableReader.HEADER + ")",
                        "t.csv:1: header: column rate_bpm is missing (expected " + IsoTableReader.HEADER + ")");
    }

    @Test
    void columnsMayComeInAnyOrderAndBlankLinesAreSkipped() throws Exception {
        List<IsoRow> rows = read("mode,id,vt_ml,c_ml_per_cmh2o,r_cmh2o_s_per_l,rate_bpm,ti_s,dp_cmh2o,peep_cmh2o,fio2_pct,leak_ml_min\n"
                + "\nVC,VC-1,500,50,5,20,1,,5,30,1000\n");

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("VC-1");
            assertThat(r.leakMlPerMin()).isEqualTo(1000);
            assertThat(r.line()).isEqualTo(3);
        });
    }

    @Test
    void everyProblemOfTheTableIsReportedAtOnce() {
        assertThat(problems(HEADER + "PC-1,PC,500,50,5,x,1,10,5,30,0\nPC-2,PC,500,50,5,20,y,10,5,30,0\n")).hasSize(2);
    }

    @Test
    void anEmptyTableIsRejected() {
        assertThat(problems("")).containsExactly("t.csv: the table is empty; expected the header " + IsoTableReader.HEADER);
        assertThat(problems(HEADER)).containsExactly("t.csv: the table has a header but no rows");
    }
}
