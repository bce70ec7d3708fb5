package org.pneuma.safety.breath;

/** Where the ventilator is within a breath. */
public enum BreathPhase {
    INSPIRATION, EXPIRATION
}
