package org.pneuma.cli;

/** Exit statuses of every {@code pneuma} command. */
public final class ExitCode {
    /** Everything checked passed. */
    public static final int OK = 0;
    /** The command ran, and something it checks failed (an expectation, a table row). */
    public static final int FAILED = 1;
    /** The input was wrong (a bad scenario, table or option); the error is on stderr. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
