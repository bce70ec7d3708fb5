package org.pneuma.simulation;

import org.pneuma.plant.Plant;
import org.pneuma.safety.breath.BreathPhase;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures each breath on the plant's truth by following the controller's phase: a breath runs from
 * one switch to inspiration to the next. Called once per tick after the controller's step and before
 * the plant advances, so the plant's state is that of the instant the controller decided on.
 * Single-threaded; allocates one record per completed breath.
 */
final class BreathTruthTracker {
    private final List<BreathTruth> completed = new ArrayList<>();
    private BreathPhase last = BreathPhase.EXPIRATION;
    private boolean inBreath;
    private double startS;
    private double startVolumeMl;
    private double endInspiratoryVolumeMl;
    private double endInspiratoryCmH2O;
    private double pipCmH2O;
    private double oxygenSum;
    private int oxygenCount;

    void onTick(long nowNs, BreathPhase phase, Plant plant) {
        double pressure = plant.truePatientConnectionCmH2O();
        if (phase == BreathPhase.INSPIRATION && last != BreathPhase.INSPIRATION) {
            if (inBreath) complete(pressure);
            inBreath = true;
            startS = nowNs / 1e9;
            startVolumeMl = plant.trueLungVolumeMl();
            endInspiratoryVolumeMl = Double.NaN;
            endInspiratoryCmH2O = Double.NaN;
            pipCmH2O = Double.NEGATIVE_INFINITY;
            oxygenSum = 0;
            oxygenCount = 0;
        } else if (phase == BreathPhase.EXPIRATION && last == BreathPhase.INSPIRATION && inBreath) {
            endInspiratoryVolumeMl = plant.trueLungVolumeMl();
            endInspiratoryCmH2O = pressure;
        }
        if (inBreath) {
            pipCmH2O = Math.max(pipCmH2O, pressure);
            if (phase == BreathPhase.INSPIRATION) {
                oxygenSum += plant.trueInspiredOxygenPercent();
                oxygenCount++;
            }
        }
        last = phase;
    }

    private void complete(double endExpiratoryCmH2O) {
        completed.add(new BreathTruth(startS, endInspiratoryVolumeMl - startVolumeMl, pipCmH2O, endInspiratoryCmH2O,
                endExpiratoryCmH2O, oxygenCount > 0 ? oxygenSum / oxygenCount : Double.NaN));
    }

    /** Completed breaths, in order. */
    List<BreathTruth> completed() {
        return completed;
    }
}
