package org.pneuma.simulation.scenario;

import org.pneuma.safety.settings.AlarmLimitField;

import org.pneuma.plant.OcclusionSite;
import org.pneuma.plant.PatientModel;
import org.pneuma.plant.PlantFault;
import org.pneuma.plant.SensorId;
import org.pneuma.plant.ValveId;
import org.pneuma.safety.settings.VentilationSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code events} list. Events are taken in time order (stably, so equal times keep the
 * file's order) and each is judged against the state at its moment: a settings change against the
 * settings then in force (alone, then with the alarm limits it brings), an alarm-limit change with the
 * settings then in force, a patient change over the patient then, a {@code clear} against the faults
 * then active.
 */
final class EventReader {
    private static final List<String> TYPES = List.of("fault", "clear", "settings", "patient", "alarm_limits",
            "acknowledge", "audio_pause");
    private static final Map<PlantFault.Kind, List<String>> FAULT_PARAMETERS = Map.of(
            PlantFault.Kind.DISCONNECTION, List.of(),
            PlantFault.Kind.OCCLUSION, List.of("site"),
            PlantFault.Kind.LEAK, List.of("flow_at_10_cmh2o_ml_min"),
            PlantFault.Kind.SENSOR_STUCK, List.of("sensor"),
            PlantFault.Kind.SENSOR_DRIFT, List.of("sensor", "rate_per_s"),
            PlantFault.Kind.SENSOR_NOISY, List.of("sensor", "sd"),
            PlantFault.Kind.O2_SUPPLY_LOSS, List.of(),
            PlantFault.Kind.VALVE_STUCK, List.of("valve"));

    private record Pending(int index, double atS, String type, YamlNode.Mapping node) {
    }

    private final Problems problems;
    private SettingsReader.InForce settings;
    private AlarmLimitOverrides limits;
    private final Map<AlarmLimitField, Integer> limitLines;
    private PatientModel patient;
    private final Set<PlantFault.Kind> active = EnumSet.noneOf(PlantFault.Kind.class);
    private ControlFault activeControl;

    private EventReader(SettingsReader.InForce settings, AlarmLimitOverrides limits, Map<AlarmLimitField, Integer> limitLines,
                        PatientModel patient, Problems problems) {
        this.settings = settings;
        this.limits = limits;
        this.limitLines = new EnumMap<>(AlarmLimitField.class);
        this.limitLines.putAll(limitLines);
        this.patient = patient;
        this.problems = problems;
    }

    /**
     * @param settings   initial settings, or null if they were invalid (settings and alarm-limit
     *                   events are then only checked for their form)
     * @param limits     the alarm limits the file fixes at the start, or null if invalid (likewise)
     * @param limitLines the line each of them was set on
     * @param patient    initial patient, or null if invalid (likewise)
     */
    static List<ScenarioEvent> read(YamlNode node, double durationS, SettingsReader.InForce settings, AlarmLimitOverrides limits,
                                    Map<AlarmLimitField, Integer> limitLines, PatientModel patient, Problems problems) {
        if (!(node instanceof YamlNode.Sequence seq)) {
            problems.add(node.line(), "events", "expected a list of events, got " + node.describe());
            return List.of();
        }
        EventReader reader = new EventReader(settings, limits, limitLines, patient, problems);
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            Pending p = reader.first(i, seq.items().get(i), durationS);
            if (p != null) pending.add(p);
        }
        pending.sort(Comparator.comparingDouble(Pending::atS));
        List<ScenarioEvent> events = new ArrayList<>();
        for (Pending p : pending) {
            ScenarioEvent e = reader.interpret(p);
            if (e != null) events.add(e);
        }
        return events;
    }

    /** Its time and type, or null (recorded) when either is missing or wrong. */
    private Pending first(int index, YamlNode item, double durationS) {
        String path = "events[" + index + "]";
        if (!(item instanceof YamlNode.Mapping m)) {
            problems.add(item.line(), path, "expected an event such as {at_s: 10, fault: leak, …}, got " + item.describe());
            return null;
        }
        List<String> types = TYPES.stream().filter(m.fields()::containsKey).toList();
        if (types.size() != 1) {
            problems.add(m.line(), path, (types.isEmpty() ? "says nothing happens" : "has " + String.join(" and ", types))
                    + "; an event needs exactly one of " + String.join(", ", TYPES.subList(0, TYPES.size() - 1))
                    + " or " + TYPES.getLast());
            return null;
        }
        YamlNode.Field at = m.fields().get("at_s");
        if (at == null) {
            problems.add(m.line(), path + ".at_s", "is required: when the event happens, s from the start");
            return null;
        }
        Double atS = MappingReader.number(at.value(), path + ".at_s", problems);
        if (atS == null) return null;
        if (!(atS >= 0 && atS < durationS)) {
            problems.add(at.line(), path + ".at_s", "%s is outside the scenario (0 to below duration_s %s)"
                    .formatted(MappingReader.fmt(atS), MappingReader.fmt(durationS)));
            return null;
        }
        return new Pending(index, atS, types.getFirst(), m);
    }

    private ScenarioEvent interpret(Pending p) {
        String path = "events[" + p.index() + "]";
        return switch (p.type()) {
            case "fault" -> fault(p, path);
            case "clear" -> clear(p, path);
            case "settings" -> settings(p, path);
            case "patient" -> patient(p, path);
            case "alarm_limits" -> alarmLimits(p, path);
            case "acknowledge" -> operator(p, path, "acknowledge", new ScenarioEvent.Acknowledge(p.atS()));
            case "audio_pause" -> operator(p, path, "audio_pause", new ScenarioEvent.PauseAudio(p.atS()));
            default -> throw new IllegalStateException(p.type());
        };
    }

    /** Every fault name a scenario may use: the plant's, then the control step's. */
    static List<String> faultNames() {
        List<String> names = new ArrayList<>(MappingReader.names(PlantFault.Kind.values()));
        names.addAll(MappingReader.names(ControlFault.values()));
        return names;
    }

    private ScenarioEvent fault(Pending p, String path) {
        YamlNode.Field f = p.node().fields().get("fault");
        String name = MappingReader.text(f.value(), path + ".fault", problems);
        if (name == null) return null;
        ControlFault control = FaultNames.lookup(ControlFault.values(), name);
        if (control != null) {
            int before = problems.count();
            MappingReader.of(p.node(), path, problems, List.of("at_s", "fault"));
            if (problems.count() > before) return null;
            activeControl = control;
            return new ScenarioEvent.InjectControlFault(p.atS(), control);
        }
        PlantFault.Kind kind = FaultNames.kind(name);
        if (kind == null) {
            problems.add(f.line(), path + ".fault", "unknown fault \"" + name + "\" (expected one of "
                    + String.join(", ", faultNames()) + ")");
            return null;
        }
        List<String> parameters = FAULT_PARAMETERS.get(kind);
        List<String> allowed = new ArrayList<>(List.of("at_s", "fault"));
        allowed.addAll(parameters);
        int before = problems.count();
        MappingReader r = MappingReader.of(p.node(), path, problems, allowed);
        for (String parameter : parameters) {
            if (!r.has(parameter)) r.missing(parameter, "a " + FaultNames.of(kind) + " fault needs " + String.join(" and ", parameters));
        }
        if (problems.count() > before) return null;
        PlantFault fault;
        try {
            fault = switch (kind) {
                case DISCONNECTION -> new PlantFault.Disconnection();
                case OCCLUSION -> {
                    OcclusionSite site = named(r, "site", OcclusionSite.values(), "occlusion site");
                    yield site == null ? null : new PlantFault.Occlusion(site);
                }
                case LEAK -> {
                    Double flow = r.number("flow_at_10_cmh2o_ml_min");
                    yield flow == null ? null : new PlantFault.Leak(flow);
                }
                case SENSOR_STUCK -> {
                    SensorId sensor = named(r, "sensor", SensorId.values(), "sensor");
                    yield sensor == null ? null : new PlantFault.SensorStuck(sensor);
                }
                case SENSOR_DRIFT -> {
                    SensorId sensor = named(r, "sensor", SensorId.values(), "sensor");
                    Double rate = r.number("rate_per_s");
                    yield sensor == null || rate == null ? null : new PlantFault.SensorDrift(sensor, rate);
                }
                case SENSOR_NOISY -> {
                    SensorId sensor = named(r, "sensor", SensorId.values(), "sensor");
                    Double sd = r.number("sd");
                    yield sensor == null || sd == null ? null : new PlantFault.SensorNoisy(sensor, sd);
                }
                case O2_SUPPLY_LOSS -> new PlantFault.OxygenSupplyLoss();
                case VALVE_STUCK -> {
                    ValveId valve = named(r, "valve", ValveId.values(), "valve");
                    yield valve == null ? null : new PlantFault.ValveStuck(valve);
                }
            };
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().replaceFirst("^(leak|drift|noise) ", "");
            PatientReader.report(message, r, parameters, "", problems);
            return null;
        }
        if (fault == null) return null;
        active.add(kind);
        return new ScenarioEvent.InjectFault(p.atS(), fault);
    }

    private <E extends Enum<E>> E named(MappingReader r, String key, E[] values, String what) {
        String name = r.text(key);
        if (name == null) return null;
        E e = FaultNames.lookup(values, name);
        if (e == null) {
            problems.add(r.lineOf(key), r.pathOf(key), "unknown " + what + " \"" + name + "\" (expected one of "
                    + String.join(", ", MappingReader.names(values)) + ")");
        }
        return e;
    }

    private ScenarioEvent clear(Pending p, String path) {
        MappingReader r = MappingReader.of(p.node(), path, problems, List.of("at_s", "clear"));
        String name = r.text("clear");
        if (name == null) return null;
        ControlFault control = FaultNames.lookup(ControlFault.values(), name);
        if (control != null) {
            if (activeControl != control) {
                problems.add(r.lineOf("clear"), r.pathOf("clear"), "no " + control.key() + " fault is active at "
                        + MappingReader.fmt(p.atS()) + " s, so there is nothing to clear");
                return null;
            }
            activeControl = null;
            return new ScenarioEvent.ClearControlFault(p.atS(), control);
        }
        PlantFault.Kind kind = FaultNames.kind(name);
        if (kind == null) {
            problems.add(r.lineOf("clear"), r.pathOf("clear"), "unknown fault \"" + name + "\" (expected one of "
                    + String.join(", ", faultNames()) + ")");
            return null;
        }
        if (!active.remove(kind)) {
            problems.add(r.lineOf("clear"), r.pathOf("clear"), "no " + FaultNames.of(kind) + " fault is active at "
                    + MappingReader.fmt(p.atS()) + " s, so there is nothing to clear");
            return null;
        }
        return new ScenarioEvent.ClearFault(p.atS(), kind);
    }

    private ScenarioEvent settings(Pending p, String path) {
        MappingReader.of(p.node(), path, problems, List.of("at_s", "settings"));
        YamlNode node = p.node().fields().get("settings").value();
        if (settings == null) {
            // The initial settings are wrong; check this change's form against the defaults only.
            SettingsReader.read(node, path + ".settings", initial(), " (at " + MappingReader.fmt(p.atS()) + " s)", new Problems());
            return null;
        }
        String context = " (rejected at " + MappingReader.fmt(p.atS()) + " s, over the settings then in force)";
        SettingsReader.InForce next = SettingsReader.read(node, path + ".settings", settings, context, problems);
        if (next == null) return null;
        if (limits != null) {
            AlarmLimitsReader.Site site = AlarmLimitsReader.Site.of(p.node().fields().get("settings"), path + ".settings");
            if (!AlarmLimitsReader.judge(next.settings(), limits, List.of(site), site, limitLines, context, problems)) return null;
        }
        settings = next;
        return new ScenarioEvent.ChangeSettings(p.atS(), next.settings());
    }

    private ScenarioEvent alarmLimits(Pending p, String path) {
        MappingReader.of(p.node(), path, problems, List.of("at_s", "alarm_limits"));
        YamlNode node = p.node().fields().get("alarm_limits").value();
        AlarmLimitOverrides change = AlarmLimitsReader.read(node, path + ".alarm_limits", problems);
        if (change == null) return null;
        if (change.fixed().isEmpty()) {
            problems.add(node.line(), path + ".alarm_limits", "changes nothing: name at least one of " + String.join(", ", AlarmLimitsReader.KEYS));
            return null;
        }
        if (settings == null || limits == null) return null;
        AlarmLimitOverrides next = limits.with(change);
        AlarmLimitsReader.Site site = AlarmLimitsReader.Site.of(p.node().fields().get("alarm_limits"), path + ".alarm_limits");
        String context = " (rejected at " + MappingReader.fmt(p.atS()) + " s, with the settings then in force)";
        if (!AlarmLimitsReader.judge(settings.settings(), next, List.of(site), site, limitLines, context, problems)) return null;
        limits = next;
        limitLines.putAll(AlarmLimitsReader.lines(node));
        return new ScenarioEvent.ChangeAlarmLimits(p.atS(), next);
    }

    /** An operator's action: the key must say {@code true}. */
    private ScenarioEvent operator(Pending p, String path, String key, ScenarioEvent event) {
        int before = problems.count();
        MappingReader r = MappingReader.of(p.node(), path, problems, List.of("at_s", key));
        YamlNode value = r.node(key);
        if (!(value instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.BOOLEAN)) {
            problems.add(value.line(), r.pathOf(key), "expected true, got " + value.describe());
        } else if (!s.text().strip().equalsIgnoreCase("true")) {
            problems.add(value.line(), r.pathOf(key), s.text() + " does nothing: write " + key + ": true, or leave the event out");
        }
        return problems.count() > before ? null : event;
    }

    private static SettingsReader.InForce initial() {
        return new SettingsReader.InForce(VentilationSettings.DEFAULTS, null);
    }

    private ScenarioEvent patient(Pending p, String path) {
        MappingReader.of(p.node(), path, problems, List.of("at_s", "patient"));
        YamlNode node = p.node().fields().get("patient").value();
        if (patient == null) return null;
        PatientModel next = PatientReader.read(node, path + ".patient", patient, problems);
        if (next == null) return null;
        patient = next;
        return new ScenarioEvent.ChangePatient(p.atS(), next);
    }
}
