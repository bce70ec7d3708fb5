package org.pneuma.simulation;

/**
 * An alarm raised during a run. The alarm monitor does not exist yet: runs report none, and scenario
 * files cannot yet expect any.
 *
 * @param id        the alarm's identifier, as scenario files name it
 * @param raisedAtS when it was raised, s from the start of the scenario
 */
public record AlarmRecord(String id, double raisedAtS) {
}
