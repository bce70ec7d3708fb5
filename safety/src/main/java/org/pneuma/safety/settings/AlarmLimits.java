package org.pneuma.safety.settings;

/**
 * The alarm limits a clinician sets, next to the ventilation settings. Immutable; validated with the
 * settings by {@link SettingsValidator#check(VentilationSettings, AlarmLimits)} because a limit only
 * makes sense against what is set (a high-pressure limit below the pressure target would alarm on
 * every breath).
 *
 * @param highPressureCmH2O Y-piece pressure that ends inspiration and raises HIGH_PRESSURE
 * @param lowVteMl          expired tidal volume below which LOW_VTE is raised (0: off)
 * @param highVteMl         expired tidal volume above which HIGH_VTE is raised
 * @param lowMvLpm          expired minute volume below which LOW_MV is raised (0: off)
 * @param highMvLpm         expired minute volume above which HIGH_MV is raised
 * @param highRateBpm       breath rate above which HIGH_RATE is raised
 * @param highPeepCmH2O     end-expiratory pressure above which HIGH_PEEP is raised
 * @param lowPeepCmH2O      end-expiratory pressure below which LOW_PEEP is raised
 * @param highFio2Pct       measured O2 above which HIGH_FIO2 is raised
 * @param lowFio2Pct        measured O2 below which LOW_FIO2 is raised; never below 18 %
 */
public record AlarmLimits(
        double highPressureCmH2O,
        double lowVteMl,
        double highVteMl,
        double lowMvLpm,
        double highMvLpm,
        double highRateBpm,
        double highPeepCmH2O,
        double lowPeepCmH2O,
        double highFio2Pct,
        double lowFio2Pct) {

    /** The lowest LOW_FIO2 limit allowed: below it the patient could be given hypoxic gas unnoticed. */
    public static final double MIN_LOW_FIO2_PCT = 18;

    /**
     * Limits a clinician would start from for {@code s}: pressure 10 cmH2O above the target (40 in
     * volume control), tidal volume from half the expected one up to 1.5× it in volume control and
     * 2× in pressure modes (where the patient's own effort adds volume), minute volume from half to
     * twice the expected one, rate twice the set rate (at least 40), PEEP +5/−3 cmH2O, FiO2 ±7 points.
     */
    public static AlarmLimits defaultsFor(VentilationSettings s) {
        double target = s.peepCmH2O() + (s.mode() == Mode.PSV ? Math.max(s.psCmH2O(), s.dpCmH2O()) : s.dpCmH2O());
        double highPressure = s.mode().volumeTargeted() ? 40 : Math.min(75, target + 10);
        double expectedMv = s.vtMl() * s.rateBpm() / 1000.0;
        double[] limits = {
                highPressure,
                0.5 * s.vtMl(),
                (s.mode().volumeTargeted() ? 1.5 : 2.0) * s.vtMl(),
                0.5 * expectedMv,
                2.0 * expectedMv,
                Math.max(40, 2 * s.rateBpm()),
                s.peepCmH2O() + 5,
                Math.max(-1, s.peepCmH2O() - 3),
                Math.min(100.5, s.fio2Pct() + 7),
                Math.max(MIN_LOW_FIO2_PCT, s.fio2Pct() - 7)};
        // Extreme settings must still get limits the validator accepts as values.
        for (int i = 0; i < limits.length; i++) {
            SettingsValidator.Limit range = SettingsValidator.ALARM_LIMITS.get(i);
            limits[i] = Math.clamp(limits[i], range.min(), range.max());
        }
        return new AlarmLimits(limits[0], limits[1], limits[2], limits[3], limits[4], limits[5], limits[6],
                limits[7], limits[8], limits[9]);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy for composing a change; {@link #build} makes the record. */
    public static final class Builder {
        public double highPressureCmH2O, lowVteMl, highVteMl, lowMvLpm, highMvLpm, highRateBpm,
                highPeepCmH2O, lowPeepCmH2O, highFio2Pct, lowFio2Pct;

        private Builder(AlarmLimits l) {
            highPressureCmH2O = l.highPressureCmH2O; lowVteMl = l.lowVteMl; highVteMl = l.highVteMl;
            lowMvLpm = l.lowMvLpm; highMvLpm = l.highMvLpm; highRateBpm = l.highRateBpm;
            highPeepCmH2O = l.highPeepCmH2O; lowPeepCmH2O = l.lowPeepCmH2O;
            highFio2Pct = l.highFio2Pct; lowFio2Pct = l.lowFio2Pct;
        }

        public Builder highPressure(double v) { highPressureCmH2O = v; return this; }

        public AlarmLimits build() {
            return new AlarmLimits(highPressureCmH2O, lowVteMl, highVteMl, lowMvLpm, highMvLpm, highRateBpm,
                    highPeepCmH2O, lowPeepCmH2O, highFio2Pct, lowFio2Pct);
        }
    }
}
