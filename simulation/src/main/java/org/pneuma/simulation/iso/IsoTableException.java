package org.pneuma.simulation.iso;

import java.util.List;

/** A table that cannot be verified, with every problem: {@code table.csv:5: row PC-4, column rate_bpm: …}. */
public final class IsoTableException extends Exception {
    private final List<String> problems;

    public IsoTableException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("an exception needs a problem");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
