package org.pneuma.simulation.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one scenario file so the user sees all of them at once, not one per run. */
final class Problems {
    private final List<ScenarioException.Problem> list = new ArrayList<>();

    void add(int line, String path, String message) {
        list.add(new ScenarioException.Problem(line, path, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int count() {
        return list.size();
    }

    void throwIfAny(String source) throws ScenarioException {
        if (list.isEmpty()) return;
        List<ScenarioException.Problem> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(ScenarioException.Problem::line));
        throw new ScenarioException(source, sorted);
    }
}
