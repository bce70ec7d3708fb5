package org.pneuma.cli;

import org.pneuma.simulation.iso.Iso80601Verifier;
import org.pneuma.simulation.iso.IsoReportWriter;
import org.pneuma.simulation.iso.IsoRow;
import org.pneuma.simulation.iso.IsoRowResult;
import org.pneuma.simulation.iso.IsoTableException;
import org.pneuma.simulation.iso.IsoTableReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pneuma verify iso80601}: the accuracy rows of ISO 80601-2-12. */
@Command(name = "iso80601",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Check pressure, volume and FiO2 accuracy against rows of ISO 80601-2-12 tables 201.104/201.105.",
                "",
                "Each row of the table is a test lung (C, R), settings and an optional leak. It is ventilated for "
                        + "30 simulated seconds — PC rows in PC-AC with their ΔP, VC rows in VC-AC with their Vt — and "
                        + "measured over the breaths that start after the first 10 s, on the simulated patient's truth:",
                "  PC rows: mean end-inspiratory pressure within ±(2 cmH2O + 4 %% of set) of PEEP + ΔP;",
                "  VC rows: mean delivered tidal volume within ±(4 mL + 15 %%) of the set Vt;",
                "  every row: mean end-expiratory pressure within ±(2 cmH2O + 4 %% of set) of PEEP; the reported "
                        + "Vt within ±(4 mL + 15 %%) of the true Vt; the delivered FiO2 within ±5 points of set.",
                "",
                "Prints one line per row (set values; measured mean, error and tolerance; PASS or FAIL with the "
                        + "reasons), then 'iso80601: N passed, M failed'.",
                ""},
        footer = {
                "",
                "Table columns: id,mode,vt_ml,c_ml_per_cmh2o,r_cmh2o_s_per_l,rate_bpm,ti_s,dp_cmh2o,peep_cmh2o,fio2_pct,leak_ml_min",
                "(mode PC or VC; dp_cmh2o empty on VC rows; leak_ml_min is the leak's flow at 10 cmH2O, 0 for none).",
                "",
                "Exit status: 0 only when every row passes, 1 when one fails, 2 when the table is malformed (each "
                        + "problem, with line, row and column, is on stderr).",
                "",
                "Example:  pneuma verify iso80601 --table data/iso80601-2-12-public.csv"})
final class Iso80601Command implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--table", required = true, paramLabel = "FILE.csv",
            description = "The table of rows to verify.")
    Path table;

    @Option(names = "--json",
            description = "Print a JSON array instead, one object per row: {id, mode, pass, breaths, set, measured, "
                    + "error, tolerance, failures}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<IsoRow> rows;
        try {
            rows = IsoTableReader.read(table);
        } catch (IsoTableException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        List<IsoRowResult> results = Iso80601Verifier.verify(rows);
        if (json) IsoReportWriter.writeJson(results, out);
        else IsoReportWriter.writeText(results, out);
        return results.stream().allMatch(IsoRowResult::pass) ? ExitCode.OK : ExitCode.FAILED;
    }
}
