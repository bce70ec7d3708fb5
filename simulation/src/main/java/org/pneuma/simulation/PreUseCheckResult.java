package org.pneuma.simulation;

/**
 * The circuit check run before ventilation, with the Y-piece capped.
 *
 * @param passed                      whether the check passed
 * @param circuitComplianceMlPerCmH2O the compliance the controller compensates for (the nominal one if the check failed)
 * @param failure                     why it failed, or null
 */
public record PreUseCheckResult(boolean passed, double circuitComplianceMlPerCmH2O, String failure) {
}
