package org.pneuma.plant;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.Sensors;
import org.pneuma.hal.ValveCommand;
import org.pneuma.hal.Valves;

/**
 * The simulated ventilator hardware and patient: gas supplies, valves, breathing circuit, lung and
 * sensors, behind the {@link Sensors} and {@link Valves} ports that the safety partition uses.
 *
 * <h2>Model</h2>
 * One pressure node, the Y-piece (patient connection), with the circuit compliance. Into it: the air
 * and O2 valves, flow sources whose opening follows the command with a first-order lag. Out of it:
 * the patient through airway resistance R into a lung of compliance C whose alveolar pressure is
 * V/C minus the muscle pressure; the expiratory valve, which vents while the node is above its pilot
 * pressure; leaks, the safety valve and a disconnected Y-piece, all to ambient. Each tick is split
 * into sub-steps solved by backward Euler, so the stiff circuit node stays stable for any patient.
 * Inspired O2 mixes in a fixed volume before the patient.
 *
 * <h2>Threading and allocation</h2>
 * Single-threaded: whoever steps the plant also reads and drives it. {@link #advance}, {@link #read}
 * and {@link #apply} never allocate. Faults may be injected between ticks.
 *
 * <p>The truth accessors ({@code true…}) exist for checks and recordings only; safety code never sees
 * them — it reads sensors.
 */
public final class Plant implements Sensors, Valves {
    private static final int SUBSTEPS = 5;
    private static final double DISCONNECTED_RESISTANCE_CMH2O_S_PER_ML = 0.0005;
    private static final double OCCLUDED_RESISTANCE_CMH2O_S_PER_ML = 5.0;
    /** Below this pressure a leak flows laminar (Q ∝ P) instead of as an orifice (Q ∝ √P). */
    private static final double LEAK_LAMINAR_BELOW_CMH2O = 0.25;

    private final PlantConfig config;
    private PatientModel patient;

    private final double mixingVolumeMl;
    private final double airMaxFlow;
    private final double oxygenMaxFlow;
    private final double inspLimbR;
    private final double expLimbR;
    private final double expPathConductance;
    private final double safetyConductance;
    private final double valveTauS;

    // Commands as last applied.
    private double airCommand;
    private double oxygenCommand;
    private double pilotCommand = ValveCommand.EXPIRATORY_VALVE_SHUT_CMH2O;
    private boolean safetyCommand;

    // Physical state.
    private double timeS;
    private double airOpening;
    private double oxygenOpening;
    private double pilotCmH2O = ValveCommand.EXPIRATORY_VALVE_SHUT_CMH2O;
    private boolean safetyOpen;
    private double yPieceCmH2O;
    private double lungVolumeMl;
    private double inspiredOxygenFraction = PlantConfig.AMBIENT_OXYGEN_FRACTION;

    // Flows over the last sub-step, mL/s.
    private double airFlow;
    private double oxygenFlow;
    private double expiratoryFlow;
    private double patientFlow;
    private double leakFlow;

    // Faults.
    private boolean disconnected;
    private boolean capped;
    private OcclusionSite occlusion;
    private double leakOrifice;
    private boolean oxygenSupplyLost;
    private final boolean[] valveStuck = new boolean[ValveId.values().length];

    private final SensorModel[] sensors = new SensorModel[SensorId.values().length];

    public Plant(PatientModel patient, PlantConfig config) {
        this.config = config;
        this.patient = patient;
        this.mixingVolumeMl = config.mixingVolumeMl();
        this.airMaxFlow = config.valves().airMaxFlowMlPerS();
        this.oxygenMaxFlow = config.valves().oxygenMaxFlowMlPerS();
        this.inspLimbR = config.inspiratoryLimbResistanceCmH2OSPerL() / 1000.0;
        this.expLimbR = config.expiratoryLimbResistanceCmH2OSPerL() / 1000.0;
        this.expPathConductance = 1000.0 / (config.expiratoryLimbResistanceCmH2OSPerL() + config.expiratoryValveResistanceCmH2OSPerL());
        this.safetyConductance = 1000.0 / config.safetyValveResistanceCmH2OSPerL();
        this.valveTauS = config.valveTimeConstantS();
        NoiseSource noise = new NoiseSource(config.seed());
        for (SensorId id : SensorId.values()) {
            SensorSpec spec = switch (id) {
                case AIR_FLOW, OXYGEN_FLOW, EXPIRATORY_FLOW -> config.flowSensor();
                case INSPIRATORY_PRESSURE, EXPIRATORY_PRESSURE -> config.pressureSensor();
                case OXYGEN -> config.oxygenSensor();
            };
            sensors[id.ordinal()] = new SensorModel(spec, noise);
        }
        sampleSensors(0);
    }

    public PlantConfig config() {
        return config;
    }

    public PatientModel patient() {
        return patient;
    }

    /** Changes the patient (compliance, resistance, effort) from now on; the lung keeps its volume. */
    public void changePatient(PatientModel newPatient) {
        this.patient = newPatient;
    }

    // ---------------------------------------------------------------- ports

    @Override
    public void apply(ValveCommand command) {
        if (!valveStuck[ValveId.AIR.ordinal()]) airCommand = clamp01(command.airOpening);
        if (!valveStuck[ValveId.OXYGEN.ordinal()]) oxygenCommand = clamp01(command.oxygenOpening);
        if (!valveStuck[ValveId.EXPIRATORY.ordinal()]) pilotCommand = sanePilot(command.expiratoryPilotCmH2O);
        if (!valveStuck[ValveId.SAFETY.ordinal()]) safetyCommand = command.safetyValveOpen;
    }

    @Override
    public void read(SensorFrame frame) {
        frame.airFlowMlPerS = sensors[SensorId.AIR_FLOW.ordinal()].output();
        frame.oxygenFlowMlPerS = sensors[SensorId.OXYGEN_FLOW.ordinal()].output();
        frame.expiratoryFlowMlPerS = sensors[SensorId.EXPIRATORY_FLOW.ordinal()].output();
        frame.inspiratoryPressureCmH2O = sensors[SensorId.INSPIRATORY_PRESSURE.ordinal()].output();
        frame.expiratoryPressureCmH2O = sensors[SensorId.EXPIRATORY_PRESSURE.ordinal()].output();
        frame.oxygenPercent = sensors[SensorId.OXYGEN.ordinal()].output();
    }

    // ---------------------------------------------------------------- physics

    /** Advances the plant by {@code dtNs} of simulated time. */
    public void advance(long dtNs) {
        double dtS = dtNs * 1e-9;
        double h = dtS / SUBSTEPS;
        for (int i = 0; i < SUBSTEPS; i++) {
            substep(h);
        }
        sampleSensors(dtS);
    }

    private void substep(double h) {
        double valveBlend = 1 - Math.exp(-h / valveTauS);
        airOpening += (airCommand - airOpening) * valveBlend;
        oxygenOpening += (oxygenCommand - oxygenOpening) * valveBlend;
        pilotCmH2O += (pilotCommand - pilotCmH2O) * valveBlend;
        safetyOpen = safetyCommand;

        airFlow = airOpening * airMaxFlow;
        oxygenFlow = oxygenSupplyLost ? 0 : oxygenOpening * oxygenMaxFlow;
        double inflow = airFlow + oxygenFlow;

        double muscle = patient.effort().muscleCmH2O(timeS + h);
        double c = patient.complianceMlPerCmH2O();
        double airwayR = patient.resistanceCmH2OSPerMl()
                + (occlusion == OcclusionSite.PATIENT ? OCCLUDED_RESISTANCE_CMH2O_S_PER_ML : 0);
        double gPatient = 1 / airwayR;
        boolean attached = !disconnected && !capped;

        // Lung, implicit in the Y-piece pressure: V' = a + b·P' (b = 0 when the lung breathes ambient).
        double denom = 1 + gPatient * h / c;
        double a = (lungVolumeMl + gPatient * h * muscle) / denom;
        double b = attached ? gPatient * h / denom : 0;

        // Linear conductances from the Y-piece to ambient (0 cmH2O).
        // The leak enters the implicit solve as a conductance: the secant of its law at the last
        // pressure, so a steady state sits exactly on the law.
        double gLeak = leakOrifice > 0 ? leakConductance(yPieceCmH2O) : 0;
        double gAmbient = gLeak;
        if (safetyOpen) gAmbient += safetyConductance;
        if (disconnected) gAmbient += 1 / DISCONNECTED_RESISTANCE_CMH2O_S_PER_ML;

        double gLung = attached ? gPatient * (1 - b / c) : 0;
        double qLung0 = attached ? gPatient * (muscle - a / c) : 0;
        double gExp = occlusion == OcclusionSite.EXPIRATORY ? expPathConductance * 1e-4 : expPathConductance;

        double cc = patient.circuitComplianceMlPerCmH2O();
        double num = cc * yPieceCmH2O / h + inflow - qLung0;
        double den = cc / h + gLung + gAmbient;
        double p = num / den;
        if (p > pilotCmH2O) {
            p = (num + gExp * pilotCmH2O) / (den + gExp);
        }
        expiratoryFlow = p > pilotCmH2O ? gExp * (p - pilotCmH2O) : 0;
        double newVolume = a + b * p;
        patientFlow = (newVolume - lungVolumeMl) / h;
        leakFlow = gLeak * p;
        lungVolumeMl = newVolume;
        yPieceCmH2O = p;

        if (inflow > 0) {
            inspiredOxygenFraction += h * (airFlow * (PlantConfig.AMBIENT_OXYGEN_FRACTION - inspiredOxygenFraction)
                    + oxygenFlow * (1 - inspiredOxygenFraction)) / mixingVolumeMl;
        }
        timeS += h;
    }

    private void sampleSensors(double dtS) {
        double inflow = airFlow + oxygenFlow;
        sensors[SensorId.AIR_FLOW.ordinal()].sample(airFlow, dtS);
        sensors[SensorId.OXYGEN_FLOW.ordinal()].sample(oxygenFlow, dtS);
        sensors[SensorId.EXPIRATORY_FLOW.ordinal()].sample(expiratoryFlow, dtS);
        sensors[SensorId.INSPIRATORY_PRESSURE.ordinal()].sample(yPieceCmH2O + inflow * inspLimbR, dtS);
        sensors[SensorId.EXPIRATORY_PRESSURE.ordinal()].sample(yPieceCmH2O - expiratoryFlow * expLimbR, dtS);
        sensors[SensorId.OXYGEN.ordinal()].sample(inspiredOxygenFraction * 100, dtS);
    }

    // ---------------------------------------------------------------- faults

    public void inject(PlantFault fault) {
        switch (fault) {
            case PlantFault.Disconnection d -> disconnected = true;
            case PlantFault.Occlusion o -> occlusion = o.site();
            case PlantFault.Leak l -> leakOrifice = l.orificeMlPerSPerSqrtCmH2O();
            case PlantFault.SensorStuck s -> sensor(s.sensor()).stick(true);
            case PlantFault.SensorDrift s -> sensor(s.sensor()).drift(s.unitsPerS());
            case PlantFault.SensorNoisy s -> sensor(s.sensor()).addNoise(s.sd());
            case PlantFault.OxygenSupplyLoss o -> oxygenSupplyLost = true;
            case PlantFault.ValveStuck v -> valveStuck[v.valve().ordinal()] = true;
        }
    }

    /** Clears every fault of {@code kind}, on every device. */
    public void clear(PlantFault.Kind kind) {
        switch (kind) {
            case DISCONNECTION -> disconnected = false;
            case OCCLUSION -> occlusion = null;
            case LEAK -> leakOrifice = 0;
            case SENSOR_STUCK -> { for (SensorModel s : sensors) s.stick(false); }
            case SENSOR_DRIFT -> { for (SensorModel s : sensors) s.drift(0); }
            case SENSOR_NOISY -> { for (SensorModel s : sensors) s.addNoise(0); }
            case O2_SUPPLY_LOSS -> oxygenSupplyLost = false;
            case VALVE_STUCK -> java.util.Arrays.fill(valveStuck, false);
        }
    }

    /**
     * Caps the Y-piece with a test plug, as an operator does for the pre-use check: the circuit is
     * sealed and the patient is not connected.
     */
    public void capPatientConnection(boolean cap) {
        capped = cap;
    }

    /**
     * Leak flow per cmH2O at {@code pressure}: the orifice law Q = k·√|P|, laminar (Q = k·P/√P₀)
     * below P₀ = {@value #LEAK_LAMINAR_BELOW_CMH2O} cmH2O where a real orifice's flow stops being
     * turbulent. The two agree at P₀.
     */
    private double leakConductance(double pressureCmH2O) {
        return leakOrifice / Math.sqrt(Math.max(Math.abs(pressureCmH2O), LEAK_LAMINAR_BELOW_CMH2O));
    }

    private SensorModel sensor(SensorId id) {
        return sensors[id.ordinal()];
    }

    // ---------------------------------------------------------------- truth, for checks only

    public double timeS() { return timeS; }

    /** Pressure at the patient connection (Y-piece); ambient while disconnected. */
    public double truePatientConnectionCmH2O() { return disconnected ? 0 : yPieceCmH2O; }

    /** Pressure in the circuit at the Y-piece, whether or not the patient is attached. */
    public double trueCircuitCmH2O() { return yPieceCmH2O; }

    /** Lung volume above its relaxed volume, mL. */
    public double trueLungVolumeMl() { return lungVolumeMl; }

    /** Flow into the lung (negative out), mL/s. */
    public double truePatientFlowMlPerS() { return patientFlow; }

    /** Alveolar pressure, cmH2O. */
    public double trueAlveolarCmH2O() {
        return lungVolumeMl / patient.complianceMlPerCmH2O() - patient.effort().muscleCmH2O(timeS);
    }

    /** O2 concentration of the gas the patient inspires, percent. */
    public double trueInspiredOxygenPercent() { return inspiredOxygenFraction * 100; }

    public double trueLeakFlowMlPerS() { return leakFlow; }

    public double trueInspiratoryFlowMlPerS() { return airFlow + oxygenFlow; }

    public double trueExpiratoryFlowMlPerS() { return expiratoryFlow; }

    public double trueMuscleCmH2O() { return patient.effort().muscleCmH2O(timeS); }

    public boolean safetyValveOpen() { return safetyOpen; }

    /** A nonsense pilot command opens the valve (the patient can exhale); the pilot tops out at shut. */
    private static double sanePilot(double cmH2O) {
        return Double.isNaN(cmH2O) ? 0 : Math.clamp(cmH2O, 0, ValveCommand.EXPIRATORY_VALVE_SHUT_CMH2O);
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : (Double.isNaN(v) ? 0 : v));
    }
}
