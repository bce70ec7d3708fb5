package org.pneuma.safety.breath;

/**
 * Measures each breath from the ventilator's sensors: PIP, PEEP, inspired and expired tidal volume,
 * rate, minute volume, I:E and FiO2, and hands the finished breath to a {@link BreathListener}.
 *
 * <p>Tidal volumes are what the patient got: the net flow through the ventilator, less what the
 * circuit compliance stored (C·ΔP) and less the estimated leak. Minute volume is the expired volume
 * of the last {@value #MINUTE_VOLUME_BREATHS} breaths over their duration.
 *
 * <p>Single-threaded (the control thread); allocation-free after construction.
 */
public final class BreathMeter {
    static final int MINUTE_VOLUME_BREATHS = 8;
    /** Time constant of the pressure average that gives end-of-phase pressures, s. */
    private static final double PRESSURE_SMOOTHING_S = 0.02;

    private final BreathRecord record = new BreathRecord();
    private final BreathListener listener;
    private final double[] recentVteMl = new double[MINUTE_VOLUME_BREATHS];
    private final double[] recentDurationS = new double[MINUTE_VOLUME_BREATHS];
    private int recentCount;
    private int recentNext;

    private double circuitComplianceMlPerCmH2O;
    private boolean inBreath;
    private boolean inspiring;
    private long inspirationStartNs;
    private long expirationStartNs;
    private double smoothedPressure;
    private boolean smoothedPrimed;
    private double phaseStartPressure;
    private double netVolumeMl;
    private double leakVolumeMl;
    private double pip;
    private double oxygenSum;
    private int oxygenCount;
    private double vtiMl;
    private double endInspiratoryCmH2O;
    private long breathNumber;
    private boolean patientTriggered;
    private boolean backup;
    private boolean supported;
    private double inspiredLeakMl;

    public BreathMeter(double circuitComplianceMlPerCmH2O, BreathListener listener) {
        this.circuitComplianceMlPerCmH2O = circuitComplianceMlPerCmH2O;
        this.listener = listener;
    }

    /** Accumulates one tick of sensor data. Call before any phase change of the same tick. */
    public void sample(double pressureCmH2O, double inflowMlPerS, double outflowMlPerS,
                       double leakMlPerS, double oxygenPct, double dtS) {
        if (!smoothedPrimed) {
            smoothedPressure = pressureCmH2O;
            smoothedPrimed = true;
        } else {
            smoothedPressure += (pressureCmH2O - smoothedPressure) * Math.min(1, dtS / PRESSURE_SMOOTHING_S);
        }
        if (!inBreath) return;
        netVolumeMl += (inflowMlPerS - outflowMlPerS) * dtS;
        leakVolumeMl += leakMlPerS * dtS;
        if (inspiring) {
            pip = Math.max(pip, pressureCmH2O);
            oxygenSum += oxygenPct;
            oxygenCount++;
        }
    }

    /** A breath starts: the previous one, if any, is complete and is published. */
    public void inspirationStarted(long nowNs, boolean triggered, boolean isBackup, boolean isSupported) {
        if (inBreath && !inspiring) publish(nowNs);
        inBreath = true;
        inspiring = true;
        inspirationStartNs = nowNs;
        phaseStartPressure = smoothedPressure;
        netVolumeMl = 0;
        leakVolumeMl = 0;
        pip = smoothedPressure;
        oxygenSum = 0;
        oxygenCount = 0;
        patientTriggered = triggered;
        backup = isBackup;
        supported = isSupported;
    }

    public void expirationStarted(long nowNs) {
        if (!inBreath || !inspiring) return;
        inspiring = false;
        expirationStartNs = nowNs;
        endInspiratoryCmH2O = smoothedPressure;
        vtiMl = netVolumeMl - circuitComplianceMlPerCmH2O * (smoothedPressure - phaseStartPressure) - leakVolumeMl;
        inspiredLeakMl = leakVolumeMl;
        phaseStartPressure = smoothedPressure;
        netVolumeMl = 0;
        leakVolumeMl = 0;
    }

    private void publish(long nowNs) {
        double tiS = (expirationStartNs - inspirationStartNs) * 1e-9;
        double teS = (nowNs - expirationStartNs) * 1e-9;
        double vteMl = -netVolumeMl - circuitComplianceMlPerCmH2O * (phaseStartPressure - smoothedPressure) + leakVolumeMl;

        recentVteMl[recentNext] = vteMl;
        recentDurationS[recentNext] = tiS + teS;
        recentNext = (recentNext + 1) % MINUTE_VOLUME_BREATHS;
        recentCount = Math.min(recentCount + 1, MINUTE_VOLUME_BREATHS);
        double volume = 0;
        double duration = 0;
        for (int i = 0; i < recentCount; i++) {
            volume += recentVteMl[i];
            duration += recentDurationS[i];
        }

        BreathRecord r = record;
        r.number = ++breathNumber;
        r.startNs = inspirationStartNs;
        r.tiS = tiS;
        r.teS = teS;
        r.pipCmH2O = pip;
        r.peepCmH2O = smoothedPressure;
        r.endInspiratoryCmH2O = endInspiratoryCmH2O;
        r.vtiMl = vtiMl;
        r.vteMl = vteMl;
        r.rateBpm = 60.0 / (tiS + teS);
        r.minuteVolumeLpm = duration > 0 ? volume / 1000.0 * 60.0 / duration : 0;
        r.ieRatio = teS > 0 ? tiS / teS : 0;
        r.fio2Pct = oxygenCount > 0 ? oxygenSum / oxygenCount : 0;
        r.leakLpm = tiS + teS > 0 ? (inspiredLeakMl + leakVolumeMl) / (tiS + teS) * 60 / 1000 : 0;
        r.patientTriggered = patientTriggered;
        r.backup = backup;
        r.supported = supported;
        listener.onBreath(r);
    }

    /** The last published breath (valid after the first breath; overwritten by the next). */
    public BreathRecord lastBreath() {
        return record;
    }

    public long breathCount() {
        return breathNumber;
    }

    /** Pressure averaged over the last few tens of ms, cmH2O. */
    public double smoothedPressureCmH2O() {
        return smoothedPressure;
    }

    /** Volume delivered to the patient since inspiration began (or exhaled since expiration began), mL. */
    public double volumeSinceInspirationMl() {
        if (!inBreath) return 0;
        double stored = circuitComplianceMlPerCmH2O * (smoothedPressure - phaseStartPressure);
        return inspiring ? netVolumeMl - stored - leakVolumeMl : vtiMl + netVolumeMl - stored - leakVolumeMl;
    }

    public double lastVtiMl() {
        return vtiMl;
    }

    public double lastEndInspiratoryCmH2O() {
        return endInspiratoryCmH2O;
    }

    /** Uses a new circuit compliance (after a new pre-use check). */
    public void circuitCompliance(double mlPerCmH2O) {
        circuitComplianceMlPerCmH2O = mlPerCmH2O;
    }
}
