package org.pneuma.simulation.scenario;

import org.pneuma.safety.settings.AlarmLimitField;

import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.SettingsCheck;
import org.pneuma.safety.settings.SettingsValidator;
import org.pneuma.safety.settings.VentilationSettings;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an {@code alarm_limits} mapping (any of the limits, by their snake_case names) and judges the
 * settings together with the limits they give through {@link SettingsValidator#check(VentilationSettings,
 * AlarmLimits)}, reporting each reason at the line of the first field it names that the statement at
 * hand gives.
 */
final class AlarmLimitsReader {
    static final List<String> KEYS = Arrays.stream(AlarmLimitField.values()).map(AlarmLimitField::key).toList();

    /**
     * A mapping of a scenario file, its path and the line of its key, for finding the line of a field
     * a reason names (or of the mapping, when the reason names none of its fields).
     */
    record Site(YamlNode.Mapping mapping, String path, int line) {
        /** The mapping under {@code field}, or null when it is not a mapping. */
        static Site of(YamlNode.Field field, String path) {
            return field != null && field.value() instanceof YamlNode.Mapping m ? new Site(m, path, field.line()) : null;
        }

        Integer lineOf(String key) {
            YamlNode.Field f = mapping.fields().get(key);
            return f == null ? null : f.line();
        }

        String pathOf(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }
    }

    private AlarmLimitsReader() {
    }

    /** The limits {@code node} fixes, or null when it has problems (recorded). */
    static AlarmLimitOverrides read(YamlNode node, String path, Problems problems) {
        int before = problems.count();
        MappingReader r = MappingReader.of(node, path, problems, KEYS);
        if (r == null) return null;
        Map<AlarmLimitField, Double> fixed = new EnumMap<>(AlarmLimitField.class);
        for (AlarmLimitField f : AlarmLimitField.values()) {
            Double v = r.number(f.key());
            if (v != null) fixed.put(f, v);
        }
        if (problems.count() > before) return null;
        return new AlarmLimitOverrides(fixed);
    }

    /** The line of each limit {@code node} gives (for telling where a limit in force was set). */
    static Map<AlarmLimitField, Integer> lines(YamlNode node) {
        Map<AlarmLimitField, Integer> lines = new EnumMap<>(AlarmLimitField.class);
        if (node instanceof YamlNode.Mapping m) {
            for (YamlNode.Field f : m.fields().values()) {
                AlarmLimitField field = AlarmLimitField.fromKey(f.key());
                if (field != null) lines.put(field, f.line());
            }
        }
        return lines;
    }

    /**
     * Whether the validator accepts {@code settings} (already accepted on their own) with the limits
     * {@code limits} gives them; if not, every reason is recorded.
     *
     * @param sites    the mappings of the statement being judged, where a reason's field is looked for
     * @param fallback where a reason that names none of their fields is reported
     * @param setOn    the line each fixed limit was set on, to say where a limit not given here came from
     * @param context  appended to each reason, e.g. " (rejected at 20 s, …)"
     */
    static boolean judge(VentilationSettings settings, AlarmLimitOverrides limits, List<Site> sites, Site fallback,
                         Map<AlarmLimitField, Integer> setOn, String context, Problems problems) {
        AlarmLimits l = limits.over(settings);
        if (!(SettingsValidator.check(settings, l) instanceof SettingsCheck.Rejected(List<String> reasons))) return true;
        for (String reason : reasons) report(reason, sites, fallback, limits, setOn, context, problems);
        return false;
    }

    private static void report(String reason, List<Site> sites, Site fallback, AlarmLimitOverrides limits,
                               Map<AlarmLimitField, Integer> setOn, String context, Problems problems) {
        Site site = null;
        String field = null;
        int at = Integer.MAX_VALUE;
        for (Site s : sites) {
            for (YamlNode.Field f : s.mapping().fields().values()) {
                Matcher m = Pattern.compile("\\b" + Pattern.quote(f.key()) + "\\b").matcher(reason);
                if (m.find() && m.start() < at) {
                    at = m.start();
                    site = s;
                    field = f.key();
                }
            }
        }
        if (site == null && reason.contains("pressure target")) {
            // The target is PEEP plus ΔP or PS: blame the first of them the statement changes.
            for (String key : List.of("dp_cmh2o", "ps_cmh2o", "peep_cmh2o", "mode")) {
                for (Site s : sites) {
                    if (site == null && s.lineOf(key) != null) {
                        site = s;
                        field = key;
                    }
                }
            }
        }

        // Where the limits the reason names come from, when this statement does not give them: a line
        // for a fixed limit; for the limit the reason is about, that it is the settings' default.
        StringBuilder origin = new StringBuilder();
        for (AlarmLimitField f : AlarmLimitField.values()) {
            if (!Pattern.compile("\\b" + f.key() + "\\b").matcher(reason).find()) continue;
            if (sites.stream().anyMatch(s -> s.lineOf(f.key()) != null)) continue;
            if (limits.fixes(f) && setOn.containsKey(f)) {
                origin.append("; ").append(f.key()).append(" was set on line ").append(setOn.get(f));
            } else if (!limits.fixes(f) && reason.startsWith("alarm limit " + f.key() + " ")) {
                origin.append("; ").append(f.key()).append(" is the default for these settings: set it under alarm_limits");
            }
        }

        if (site == null) {
            problems.add(fallback.line(), fallback.path(), reason + context + origin);
            return;
        }
        String message = reason;
        if (message.startsWith("alarm limit " + field + " ")) message = message.substring(("alarm limit " + field + " ").length());
        else if (message.startsWith(field + " ")) message = message.substring(field.length() + 1);
        problems.add(site.lineOf(field), site.pathOf(field), message + context + origin);
    }
}
