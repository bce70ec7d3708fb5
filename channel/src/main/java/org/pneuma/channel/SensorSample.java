package org.pneuma.channel;

/**
 * One sensor-bus sample: what the safety partition tells the guest about one control tick.
 *
 * <p>A mutable holder, reused so that publishing and reading allocate nothing: the writer fills one
 * and hands it to {@link SingleWriterSensorBus#publish}; each reader owns one and passes it to
 * {@link SensorBusReader#readLatest} or {@link SensorBusReader#readNext}. Not thread-safe: one thread
 * owns an instance at a time. Setters return {@code this} so a producer can fill it in one statement.
 *
 * <p>Values are carried bit for bit, NaN and infinities included; the bus never judges them.
 */
public final class SensorSample {
    /** {@link #phase()} while the patient exhales. */
    public static final int PHASE_EXPIRATION = 0;
    /** {@link #phase()} while the ventilator delivers a breath. */
    public static final int PHASE_INSPIRATION = 1;

    private long sequence;
    private long timeNs;
    private double airwayPressureCmH2O;
    private double patientFlowMlPerS;
    private double volumeMl;
    private double oxygenPercent;
    private double inspiratoryFlowMlPerS;
    private double expiratoryFlowMlPerS;
    private double airValveOpening;
    private double oxygenValveOpening;
    private double expiratoryPilotCmH2O;
    private boolean safetyValveOpen;
    private int phase;
    private long alarmBits;
    private long breathNumber;
    private double pipCmH2O;
    private double peepCmH2O;
    private double vtiMl;
    private double vteMl;
    private double rateBpm;
    private double minuteVolumeLpm;
    private double ieRatio;
    private double fio2Pct;

    /**
     * Sequence number the writer gave this sample: 1 for the first, then one more per sample. Filled in
     * by readers; {@link SingleWriterSensorBus#publish} ignores it and assigns the next one itself.
     */
    public long sequence() {
        return sequence;
    }

    public SensorSample sequence(long sequence) {
        this.sequence = sequence;
        return this;
    }

    /** Time the sample was taken, ns, on the writer's clock. */
    public long timeNs() {
        return timeNs;
    }

    public SensorSample timeNs(long timeNs) {
        this.timeNs = timeNs;
        return this;
    }

    /** Pressure at the patient's airway, cmH2O above ambient. */
    public double airwayPressureCmH2O() {
        return airwayPressureCmH2O;
    }

    public SensorSample airwayPressureCmH2O(double airwayPressureCmH2O) {
        this.airwayPressureCmH2O = airwayPressureCmH2O;
        return this;
    }

    /** Flow into the patient, mL/s; negative while the patient exhales. */
    public double patientFlowMlPerS() {
        return patientFlowMlPerS;
    }

    public SensorSample patientFlowMlPerS(double patientFlowMlPerS) {
        this.patientFlowMlPerS = patientFlowMlPerS;
        return this;
    }

    /** Volume delivered since the start of the current breath, mL. */
    public double volumeMl() {
        return volumeMl;
    }

    public SensorSample volumeMl(double volumeMl) {
        this.volumeMl = volumeMl;
        return this;
    }

    /** O2 concentration of the inspiratory gas, percent. */
    public double oxygenPercent() {
        return oxygenPercent;
    }

    public SensorSample oxygenPercent(double oxygenPercent) {
        this.oxygenPercent = oxygenPercent;
        return this;
    }

    /** Flow delivered by the inspiratory valves, mL/s. */
    public double inspiratoryFlowMlPerS() {
        return inspiratoryFlowMlPerS;
    }

    public SensorSample inspiratoryFlowMlPerS(double inspiratoryFlowMlPerS) {
        this.inspiratoryFlowMlPerS = inspiratoryFlowMlPerS;
        return this;
    }

    /** Flow out through the expiratory valve, mL/s. */
    public double expiratoryFlowMlPerS() {
        return expiratoryFlowMlPerS;
    }

    public SensorSample expiratoryFlowMlPerS(double expiratoryFlowMlPerS) {
        this.expiratoryFlowMlPerS = expiratoryFlowMlPerS;
        return this;
    }

    /** Commanded opening of the air valve, 0 closed to 1 fully open. */
    public double airValveOpening() {
        return airValveOpening;
    }

    public SensorSample airValveOpening(double airValveOpening) {
        this.airValveOpening = airValveOpening;
        return this;
    }

    /** Commanded opening of the oxygen valve, 0 closed to 1 fully open. */
    public double oxygenValveOpening() {
        return oxygenValveOpening;
    }

    public SensorSample oxygenValveOpening(double oxygenValveOpening) {
        this.oxygenValveOpening = oxygenValveOpening;
        return this;
    }

    /** Pilot pressure commanded on the expiratory valve, cmH2O. */
    public double expiratoryPilotCmH2O() {
        return expiratoryPilotCmH2O;
    }

    public SensorSample expiratoryPilotCmH2O(double expiratoryPilotCmH2O) {
        this.expiratoryPilotCmH2O = expiratoryPilotCmH2O;
        return this;
    }

    /** Whether the safety valve is open (circuit vented to ambient). */
    public boolean safetyValveOpen() {
        return safetyValveOpen;
    }

    public SensorSample safetyValveOpen(boolean safetyValveOpen) {
        this.safetyValveOpen = safetyValveOpen;
        return this;
    }

    /** Breath phase: {@link #PHASE_EXPIRATION} or {@link #PHASE_INSPIRATION}. */
    public int phase() {
        return phase;
    }

    public SensorSample phase(int phase) {
        this.phase = phase;
        return this;
    }

    /** One bit per active alarm; 0 when no alarm is active. */
    public long alarmBits() {
        return alarmBits;
    }

    public SensorSample alarmBits(long alarmBits) {
        this.alarmBits = alarmBits;
        return this;
    }

    /** Number of the current breath, counted from the start of ventilation. */
    public long breathNumber() {
        return breathNumber;
    }

    public SensorSample breathNumber(long breathNumber) {
        this.breathNumber = breathNumber;
        return this;
    }

    /** Peak inspiratory pressure of the last complete breath, cmH2O. */
    public double pipCmH2O() {
        return pipCmH2O;
    }

    public SensorSample pipCmH2O(double pipCmH2O) {
        this.pipCmH2O = pipCmH2O;
        return this;
    }

    /** Positive end-expiratory pressure of the last complete breath, cmH2O. */
    public double peepCmH2O() {
        return peepCmH2O;
    }

    public SensorSample peepCmH2O(double peepCmH2O) {
        this.peepCmH2O = peepCmH2O;
        return this;
    }

    /** Inspired tidal volume of the last complete breath, mL. */
    public double vtiMl() {
        return vtiMl;
    }

    public SensorSample vtiMl(double vtiMl) {
        this.vtiMl = vtiMl;
        return this;
    }

    /** Expired tidal volume of the last complete breath, mL. */
    public double vteMl() {
        return vteMl;
    }

    public SensorSample vteMl(double vteMl) {
        this.vteMl = vteMl;
        return this;
    }

    /** Breath rate over the last breaths, breaths per minute. */
    public double rateBpm() {
        return rateBpm;
    }

    public SensorSample rateBpm(double rateBpm) {
        this.rateBpm = rateBpm;
        return this;
    }

    /** Expired minute volume, L/min. */
    public double minuteVolumeLpm() {
        return minuteVolumeLpm;
    }

    public SensorSample minuteVolumeLpm(double minuteVolumeLpm) {
        this.minuteVolumeLpm = minuteVolumeLpm;
        return this;
    }

    /** Inspiratory to expiratory time ratio of the last complete breath (0.5 means 1:2). */
    public double ieRatio() {
        return ieRatio;
    }

    public SensorSample ieRatio(double ieRatio) {
        this.ieRatio = ieRatio;
        return this;
    }

    /** Fraction of inspired oxygen over the last complete breath, percent. */
    public double fio2Pct() {
        return fio2Pct;
    }

    public SensorSample fio2Pct(double fio2Pct) {
        this.fio2Pct = fio2Pct;
        return this;
    }

    /** Copies every field of {@code other} into this sample. */
    public SensorSample copyFrom(SensorSample other) {
        sequence = other.sequence;
        timeNs = other.timeNs;
        airwayPressureCmH2O = other.airwayPressureCmH2O;
        patientFlowMlPerS = other.patientFlowMlPerS;
        volumeMl = other.volumeMl;
        oxygenPercent = other.oxygenPercent;
        inspiratoryFlowMlPerS = other.inspiratoryFlowMlPerS;
        expiratoryFlowMlPerS = other.expiratoryFlowMlPerS;
        airValveOpening = other.airValveOpening;
        oxygenValveOpening = other.oxygenValveOpening;
        expiratoryPilotCmH2O = other.expiratoryPilotCmH2O;
        safetyValveOpen = other.safetyValveOpen;
        phase = other.phase;
        alarmBits = other.alarmBits;
        breathNumber = other.breathNumber;
        pipCmH2O = other.pipCmH2O;
        peepCmH2O = other.peepCmH2O;
        vtiMl = other.vtiMl;
        vteMl = other.vteMl;
        rateBpm = other.rateBpm;
        minuteVolumeLpm = other.minuteVolumeLpm;
        ieRatio = other.ieRatio;
        fio2Pct = other.fio2Pct;
        return this;
    }
}
