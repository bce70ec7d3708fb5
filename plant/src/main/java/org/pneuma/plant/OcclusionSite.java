package org.pneuma.plant;

/** Where a breathing-system occlusion sits. */
public enum OcclusionSite {
    /** Kinked or blocked endotracheal tube: nothing reaches or leaves the lung. */
    PATIENT,
    /** Blocked expiratory limb: gas reaches the lung but cannot leave through the expiratory valve. */
    EXPIRATORY
}
