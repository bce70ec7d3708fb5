package org.pneuma.simulation.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot be run, with every problem found in it. Each problem names the YAML
 * line and the field, in the form compilers use: {@code pc-ac.yaml:14: settings.peep_cmh2o: 50 is out
 * of range 0–35 cmH2O}.
 */
public final class ScenarioException extends Exception {

    /**
     * One thing wrong with the file.
     *
     * @param line    1-based line in the YAML file; 0 when the problem is not tied to a line
     * @param path    the field, as {@code settings.peep_cmh2o} or {@code events[2].sensor}; empty for the
     *                whole document
     * @param message what is wrong, and what would be right
     */
    public record Problem(int line, String path, String message) {
        public String format(String source) {
            StringBuilder s = new StringBuilder(source);
            if (line > 0) s.append(':').append(line);
            s.append(": ");
            if (!path.isEmpty()) s.append(path).append(": ");
            return s.append(message).toString();
        }
    }

    private final String source;
    private final List<Problem> problems;

    public ScenarioException(String source, List<Problem> problems) {
        super(problems.stream().map(p -> p.format(source)).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) throw new IllegalArgumentException("an exception needs a problem");
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file, as it was named to the loader. */
    public String source() {
        return source;
    }

    /** Every problem, in the order of the file. */
    public List<Problem> problems() {
        return problems;
    }
}
