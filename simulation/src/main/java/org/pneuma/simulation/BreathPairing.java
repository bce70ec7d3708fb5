package org.pneuma.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches each breath the ventilator reported with the plant's truth of the same breath, by start
 * time. A reported breath with no truth starting within {@link #TOLERANCE_S} gets
 * {@link BreathTruth#unknown}.
 */
final class BreathPairing {
    static final double TOLERANCE_S = 0.005;

    private BreathPairing() {
    }

    static List<Breath> pair(List<ReportedBreath> reported, List<BreathTruth> truths) {
        List<Breath> breaths = new ArrayList<>(reported.size());
        int j = 0;
        for (ReportedBreath r : reported) {
            while (j < truths.size() && truths.get(j).startS() < r.startS() - TOLERANCE_S) j++;
            if (j < truths.size() && Math.abs(truths.get(j).startS() - r.startS()) <= TOLERANCE_S) {
                breaths.add(new Breath(r, truths.get(j)));
                j++;
            } else {
                breaths.add(new Breath(r, BreathTruth.unknown(r.startS())));
            }
        }
        return breaths;
    }
}
