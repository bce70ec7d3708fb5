package org.pneuma.plant;

/**
 * A fault injected into the simulated hardware. Faults of different {@link Kind kinds} combine; a new
 * fault of a kind already active replaces it (for sensor and valve faults: on the same device).
 */
public sealed interface PlantFault {

    Kind kind();

    /** The kinds a scenario may {@code clear}. */
    enum Kind { DISCONNECTION, OCCLUSION, LEAK, SENSOR_STUCK, SENSOR_DRIFT, SENSOR_NOISY, O2_SUPPLY_LOSS, VALVE_STUCK }

    /** The patient comes off the circuit at the Y-piece. */
    record Disconnection() implements PlantFault {
        public Kind kind() { return Kind.DISCONNECTION; }
    }

    /** The breathing system is blocked at {@code site}. */
    record Occlusion(OcclusionSite site) implements PlantFault {
        public Occlusion {
            if (site == null) throw new IllegalArgumentException("occlusion site is required");
        }
        public Kind kind() { return Kind.OCCLUSION; }
    }

    /** A leak at the patient connection, an orifice Q = k·√P sized by its flow at 10 cmH2O. */
    record Leak(double flowAt10CmH2OMlPerMin) implements PlantFault {
        public Leak {
            if (!(flowAt10CmH2OMlPerMin > 0 && flowAt10CmH2OMlPerMin <= 60_000)) {
                throw new IllegalArgumentException("leak flow_at_10_cmh2o_ml_min must be 0–60000, was " + flowAt10CmH2OMlPerMin);
            }
        }
        public Kind kind() { return Kind.LEAK; }

        /** The orifice coefficient k in Q[mL/s] = k·√(P[cmH2O]). */
        public double orificeMlPerSPerSqrtCmH2O() {
            return flowAt10CmH2OMlPerMin / 60.0 / Math.sqrt(10.0);
        }
    }

    /** The sensor keeps reporting its last value. */
    record SensorStuck(SensorId sensor) implements PlantFault {
        public SensorStuck {
            if (sensor == null) throw new IllegalArgumentException("sensor is required");
        }
        public Kind kind() { return Kind.SENSOR_STUCK; }
    }

    /** The sensor's offset grows by {@code unitsPerS} (its own unit) every second. */
    record SensorDrift(SensorId sensor, double unitsPerS) implements PlantFault {
        public SensorDrift {
            if (sensor == null) throw new IllegalArgumentException("sensor is required");
            if (!Double.isFinite(unitsPerS)) throw new IllegalArgumentException("drift rate_per_s must be finite");
        }
        public Kind kind() { return Kind.SENSOR_DRIFT; }
    }

    /** The sensor gets extra white noise of standard deviation {@code sd} (its own unit). */
    record SensorNoisy(SensorId sensor, double sd) implements PlantFault {
        public SensorNoisy {
            if (sensor == null) throw new IllegalArgumentException("sensor is required");
            if (!(sd >= 0 && Double.isFinite(sd))) throw new IllegalArgumentException("noise sd must be >= 0");
        }
        public Kind kind() { return Kind.SENSOR_NOISY; }
    }

    /** The O2 supply fails: the O2 valve delivers nothing however far it opens. */
    record OxygenSupplyLoss() implements PlantFault {
        public Kind kind() { return Kind.O2_SUPPLY_LOSS; }
    }

    /** The valve stays where it is, whatever it is commanded. */
    record ValveStuck(ValveId valve) implements PlantFault {
        public ValveStuck {
            if (valve == null) throw new IllegalArgumentException("valve is required");
        }
        public Kind kind() { return Kind.VALVE_STUCK; }
    }
}
