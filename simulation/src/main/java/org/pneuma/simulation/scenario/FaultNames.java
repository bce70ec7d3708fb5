package org.pneuma.simulation.scenario;

import org.pneuma.plant.OcclusionSite;
import org.pneuma.plant.PlantFault;
import org.pneuma.plant.SensorId;
import org.pneuma.plant.ValveId;

import java.util.Locale;

/**
 * The names of faults, sensors and valves in scenario files: the lower-case names of the plant's
 * enums ({@code sensor_stuck}, {@code inspiratory_pressure}, {@code expiratory}).
 */
public final class FaultNames {
    private FaultNames() {
    }

    public static String of(PlantFault.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A fault and its parameters as a scenario file would name them: {@code leak flow_at_10_cmh2o_ml_min=5000}. */
    public static String describe(PlantFault fault) {
        return switch (fault) {
            case PlantFault.Disconnection d -> "disconnection";
            case PlantFault.Occlusion o -> "occlusion site=" + of(o.site());
            case PlantFault.Leak l -> "leak flow_at_10_cmh2o_ml_min=" + MappingReader.fmt(l.flowAt10CmH2OMlPerMin());
            case PlantFault.SensorStuck s -> "sensor_stuck sensor=" + of(s.sensor());
            case PlantFault.SensorDrift s -> "sensor_drift sensor=" + of(s.sensor()) + " rate_per_s=" + MappingReader.fmt(s.unitsPerS());
            case PlantFault.SensorNoisy s -> "sensor_noisy sensor=" + of(s.sensor()) + " sd=" + MappingReader.fmt(s.sd());
            case PlantFault.OxygenSupplyLoss o -> "o2_supply_loss";
            case PlantFault.ValveStuck v -> "valve_stuck valve=" + of(v.valve());
        };
    }

    static PlantFault.Kind kind(String name) {
        return lookup(PlantFault.Kind.values(), name);
    }

    static SensorId sensor(String name) {
        return lookup(SensorId.values(), name);
    }

    static ValveId valve(String name) {
        return lookup(ValveId.values(), name);
    }

    static OcclusionSite site(String name) {
        return lookup(OcclusionSite.values(), name);
    }

    static <E extends Enum<E>> E lookup(E[] values, String name) {
        String normal = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (E e : values) {
            if (of(e).equals(normal)) return e;
        }
        return null;
    }
}
