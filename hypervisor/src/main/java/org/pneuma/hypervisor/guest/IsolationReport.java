package org.pneuma.hypervisor.guest;

import java.util.List;
import java.util.Objects;

/**
 * What fences a guest partition in and what does not, stated as found when it started. A backend never lists in
 * {@code inForce} what it did not set up and check.
 *
 * @param backend    the backend's label
 * @param partition  the partition's name
 * @param inForce    each isolation measure that is in force
 * @param notInForce each way the partition is not isolated from the host
 */
public record IsolationReport(String backend, String partition, List<String> inForce, List<String> notInForce) {
    public IsolationReport {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(partition, "partition");
        inForce = List.copyOf(inForce);
        notInForce = List.copyOf(notInForce);
    }

    /** A multi-line account: what is in force, then what is not. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("guest partition ").append(partition).append(" (").append(backend).append(" backend)\n");
        if (inForce.isEmpty()) {
            text.append("  in force: NOTHING\n");
        }
        for (String line : inForce) {
            text.append("  in force: ").append(line).append('\n');
        }
        for (String line : notInForce) {
            text.append("  NOT isolated: ").append(line).append('\n');
        }
        return text.toString();
    }
}
