package org.pneuma.simulation;

import org.pneuma.simulation.scenario.Expectation;

/**
 * The verdict on one expectation.
 *
 * @param expectation what was expected
 * @param pass        whether the run showed it
 * @param measured    the judged value (the statistic, the count, or the worst breath for {@code all});
 *                    NaN when there was nothing to measure
 * @param breaths     how many breaths the judgement covered
 * @param firstBreath number of the first breath covered, 0 if none
 * @param lastBreath  number of the last breath covered, 0 if none
 * @param detail      one line for a human on how the verdict came about
 */
public record ExpectationOutcome(Expectation expectation, boolean pass, double measured, int breaths, long firstBreath,
                                 long lastBreath, String detail) {
}
