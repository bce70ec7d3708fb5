package org.pneuma.simulation.iso;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.pneuma.plant.PatientModel;
import org.pneuma.plant.PlantFault;
import org.pneuma.safety.settings.SettingsCheck;
import org.pneuma.safety.settings.SettingsValidator;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ISO 80601-2-12 table in CSV (jackson-dataformat-csv). The header names the columns
 * {@value #HEADER}, in any order; each row must have a value for every column except {@code dp_cmh2o}
 * on VC rows and {@code vt_ml} on PC rows. Every value is checked — numbers, the mode, the lung
 * through {@link PatientModel}, the settings through the ventilator's {@link SettingsValidator}, the
 * leak through {@link PlantFault.Leak} — and all problems are reported together, each naming the
 * line, the row and the column. Blank lines are skipped. Stateless; any thread.
 */
public final class IsoTableReader {
    public static final String HEADER = "id,mode,vt_ml,c_ml_per_cmh2o,r_cmh2o_s_per_l,rate_bpm,ti_s,dp_cmh2o,peep_cmh2o,fio2_pct,leak_ml_min";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final CsvMapper MAPPER = new CsvMapper();

    private IsoTableReader() {
    }

    public static List<IsoRow> read(Path file) throws IsoTableException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IsoTableException(List.of(file + ": cannot read the file: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage())));
        }
        return read(new StringReader(text), file.toString());
    }

    public static List<IsoRow> read(Reader csv, String source) throws IsoTableException {
        List<String> problems = new ArrayList<>();
        List<IsoRow> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = MAPPER.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(csv)) {
            Map<String, Integer> index = null;
            Set<String> ids = new HashSet<>();
            while (it.hasNextValue()) {
                int line = it.getParser().currentLocation().getLineNr();
                List<String> cells = it.nextValue();
                if (cells.stream().allMatch(String::isBlank)) continue;
                if (index == null) {
                    index = header(cells, source, line, problems);
                    if (index == null) break;
                    continue;
                }
                IsoRow row = new RowReader(source, line, cells, index, problems).read();
                if (row != null && !ids.add(row.id())) {
                    problems.add(source + ":" + line + ": row " + row.id() + ", column id: duplicate id");
                } else if (row != null) {
                    rows.add(row);
                }
            }
            if (index == null && problems.isEmpty()) problems.add(source + ": the table is empty; expected the header " + HEADER);
            else if (rows.isEmpty() && problems.isEmpty()) problems.add(source + ": the table has a header but no rows");
        } catch (JsonProcessingException e) {
            problems.add(source + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNr()) + ": not valid CSV: "
                    + e.getOriginalMessage().replace('\n', ' '));
        } catch (IOException e) {
            problems.add(source + ": cannot read: " + e.getMessage());
        }
        if (!problems.isEmpty()) throw new IsoTableException(problems);
        return rows;
    }

    private static Map<String, Integer> header(List<String> cells, String source, int line, List<String> problems) {
        Map<String, Integer> index = new HashMap<>();
        int before = problems.size();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                problems.add(source + ":" + line + ": header, column " + (i + 1) + ": unknown column \"" + cells.get(i) + "\" (expected " + HEADER + ")");
            } else if (index.put(name, i) != null) {
                problems.add(source + ":" + line + ": header: column " + name + " appears twice");
            }
        }
        for (String c : COLUMNS) {
            if (!index.containsKey(c)) problems.add(source + ":" + line + ": header: column " + c + " is missing (expected " + HEADER + ")");
        }
        return problems.size() > before ? null : index;
    }

    /** One data row; every problem names line, row and column. */
    private static final class RowReader {
        private final String source;
        private final int line;
        private final List<String> cells;
        private final Map<String, Integer> index;
        private final List<String> problems;
        private final String id;

        RowReader(String source, int line, List<String> cells, Map<String, Integer> index, List<String> problems) {
            this.source = source;
            this.line = line;
            this.cells = cells;
            this.index = index;
            this.problems = problems;
            String rawId = cell("id");
            this.id = rawId == null || rawId.isBlank() ? "#" + line : rawId.strip();
        }

        IsoRow read() {
            int before = problems.size();
            if (cells.size() != index.size()) {
                problem(null, "has " + cells.size() + " values; the header has " + index.size() + " columns");
                return null;
            }
            if (cell("id").isBlank()) problem("id", "is empty");
            IsoRow.IsoMode mode = null;
            String modeText = cell("mode").strip().toUpperCase(Locale.ROOT);
            try {
                mode = IsoRow.IsoMode.valueOf(modeText);
            } catch (IllegalArgumentException e) {
                problem("mode", "\"" + cell("mode") + "\" is not a mode (expected PC or VC)");
            }
            double vt = number("vt_ml", mode != IsoRow.IsoMode.VC);
            double c = number("c_ml_per_cmh2o", false);
            double r = number("r_cmh2o_s_per_l", false);
            double rate = number("rate_bpm", false);
            double ti = number("ti_s", false);
            double dp = number("dp_cmh2o", mode == IsoRow.IsoMode.VC);
            double peep = number("peep_cmh2o", false);
            double fio2 = number("fio2_pct", false);
            double leak = number("leak_ml_min", false);
            if (problems.size() > before) return null;

            try {
                new PatientModel(c, r, PatientModel.DEFAULT_CIRCUIT_COMPLIANCE_ML_PER_CMH2O, null);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                problem(message.startsWith("compliance") ? "c_ml_per_cmh2o" : "r_cmh2o_s_per_l",
                        message.replaceFirst("^\\S+ ", ""));
            }
            if (leak < 0) problem("leak_ml_min", "must be 0 (no leak) or more, was " + cells.get(index.get("leak_ml_min")));
            else if (leak > 0) {
                try {
                    new PlantFault.Leak(leak);
                } catch (IllegalArgumentException e) {
                    problem("leak_ml_min", e.getMessage().replaceFirst("^leak \\S+ ", ""));
                }
            }
            if (problems.size() > before) return null;
            IsoRow row = new IsoRow(id, mode, vt, c, r, rate, ti, dp, peep, fio2, leak, line);
            if (SettingsValidator.check(row.settings()) instanceof SettingsCheck.Rejected(List<String> reasons)) {
                for (String reason : reasons) problem(column(reason), "settings rejected by the ventilator: " + reason);
                return null;
            }
            return row;
        }

        private String cell(String column) {
            Integer i = index.get(column);
            return i == null || i >= cells.size() ? "" : cells.get(i);
        }

        /** The cell as a finite number; NaN when empty and {@code optional}; else a problem. */
        private double number(String column, boolean optional) {
            String text = cell(column).strip();
            if (text.isEmpty()) {
                if (!optional) problem(column, "is empty; a number is required");
                return Double.NaN;
            }
            try {
                double v = Double.parseDouble(text);
                if (Double.isFinite(v)) return v;
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(column, "\"" + text + "\" is not a number");
            return Double.NaN;
        }

        private void problem(String column, String message) {
            problems.add(source + ":" + line + ": row " + id + (column == null ? "" : ", column " + column) + ": " + message);
        }

        /** The table column a validator reason starts with, if any. */
        private static String column(String reason) {
            for (String c : List.of("peep_cmh2o", "dp_cmh2o", "vt_ml", "rate_bpm", "ti_s", "fio2_pct")) {
                if (reason.startsWith(c + " ")) return c;
            }
            return null;
        }
    }
}
