package org.pneuma.hypervisor.config;

import java.util.List;

/** A system configuration that must not be started: every problem, each naming file, line and field. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
