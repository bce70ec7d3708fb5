package org.pneuma.hypervisor.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The answer to a fault injection: what was done, what the system must do about it, and — for faults
 * whose guest half runs to completion — that half's exit code and last output line.
 *
 * @param exitCode the guest half's exit code; -1 while it still runs or when there is none
 */
public record FaultReport(String fault, boolean injected, String what, String expected, String detail, int exitCode,
                          String result) {
    public String toJson() {
        try {
            return SystemStatus.json().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FaultReport fromJson(String json) {
        try {
            return SystemStatus.json().readValue(json, FaultReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a fault report: " + e.getOriginalMessage(), e);
        }
    }

    static FaultReport refused(String fault, String why) {
        return new FaultReport(fault, false, "", "", why, -1, "");
    }
}
