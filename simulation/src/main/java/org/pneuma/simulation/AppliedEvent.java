package org.pneuma.simulation;

/**
 * A scenario event as it was applied.
 *
 * @param atS         the tick it was applied on, s from the start of the scenario
 * @param kind        {@code fault}, {@code clear}, {@code settings} or {@code patient}
 * @param description what changed, in scenario-file words: {@code leak flow_at_10_cmh2o_ml_min=5000},
 *                    {@code peep_cmh2o 5→10}
 */
public record AppliedEvent(double atS, String kind, String description) {
}
