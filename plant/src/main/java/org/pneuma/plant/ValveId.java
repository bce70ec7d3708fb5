package org.pneuma.plant;

/** Every simulated valve. */
public enum ValveId {
    AIR, OXYGEN, EXPIRATORY, SAFETY
}
