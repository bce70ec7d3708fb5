package org.pneuma.system;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pneuma.safety.command.SettingField;
import org.pneuma.safety.settings.AlarmLimitField;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.SettingsCheck;
import org.pneuma.safety.settings.SettingsValidator;
import org.pneuma.safety.settings.TriggerType;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * The settings and alarm limits in force, on disk, for a safety partition that is started again: one
 * small text file, {@code key=value} a line, the keys of {@link SettingField} and {@link AlarmLimitField}
 * plus {@code mode} and {@code trigger}:
 *
 * <pre>
 * # Pneuma safety partition: settings and alarm limits in force
 * mode=PC_AC
 * trigger=FLOW
 * peep_cmh2o=5.0
 * ...
 * high_pressure_cmh2o=30.0
 * ...
 * </pre>
 *
 * <p><b>Writing</b> replaces the file atomically: the new text goes to a temporary file in the same
 * directory, is forced to the device, and is renamed over the old one (then the directory is forced),
 * so a reader — or a restarted partition after a crash at any instant — finds the old file or the new
 * one, whole. Numbers are written with {@link Double#toString}, so they read back bit for bit.
 *
 * <p><b>Reading</b> is strict: every key once, no unknown key, every number finite, and the pair must
 * pass {@link SettingsValidator#check(VentilationSettings, AlarmLimits)}. Anything else is a
 * {@link SettingsFileException} that names the file and every problem: a partition must not ventilate
 * with settings it cannot vouch for.
 *
 * <p>Off the control path: it allocates and does I/O. Not thread-safe; one writer thread.
 */
public final class SettingsStore {
    static final String MODE_KEY = "mode";
    static final String TRIGGER_KEY = "trigger";
    private static final String HEADER = "# Pneuma safety partition: settings and alarm limits in force";

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The settings file is there but cannot be used; the message names the file and why. */
    public static final class SettingsFileException extends Exception {
        SettingsFileException(String message) {
            super(message);
        }

        SettingsFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * The settings persisted, or empty if there is no file.
     *
     * @throws SettingsFileException if the file exists but cannot be read, does not parse, or holds
     *                               settings the validator refuses
     */
    public Optional<SettingsInForce> load() throws SettingsFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SettingsFileException("settings file " + file + " cannot be read: " + e, e);
        }
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SettingsFileException("settings file " + file + " is not text (not ASCII): corrupt");
        }
        return Optional.of(parse(text));
    }

    /**
     * Writes {@code inForce} atomically (temporary file, force, rename, force the directory).
     *
     * @throws IOException if it cannot; the old file, if any, is then left as it was
     */
    public void write(SettingsInForce inForce) throws IOException {
        byte[] bytes = format(inForce).getBytes(StandardCharsets.US_ASCII);
        Path dir = file.getParent();
        Path temporary = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) out.write(buffer);
                out.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceDirectory(dir);
    }

    /** The file's text for {@code inForce}. */
    static String format(SettingsInForce inForce) {
        VentilationSettings s = inForce.settings();
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append(MODE_KEY).append('=').append(s.mode().name()).append('\n');
        text.append(TRIGGER_KEY).append('=').append(s.trigger().name()).append('\n');
        for (SettingField f : SettingField.values()) {
            text.append(f.key()).append('=').append(Double.toString(f.of(s))).append('\n');
        }
        for (AlarmLimitField f : AlarmLimitField.values()) {
            text.append(f.key()).append('=').append(Double.toString(f.of(inForce.limits()))).append('\n');
        }
        return text.toString();
    }

    /** Reads the file's text; every problem found is in the exception's message. */
    SettingsInForce parse(String text) throws SettingsFileException {
        List<String> problems = new ArrayList<>();
        Mode mode = null;
        TriggerType trigger = null;
        boolean modeSeen = false;
        boolean triggerSeen = false;
        Map<SettingField, Double> settings = new EnumMap<>(SettingField.class);
        Map<AlarmLimitField, Double> limits = new EnumMap<>(AlarmLimitField.class);
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = "line " + (n + 1);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(where + ": expected key=value, found '" + shorten(line) + "'");
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case MODE_KEY -> {
                    if (modeSeen) problems.add(where + ": mode given twice");
                    modeSeen = true;
                    mode = constant(Mode.class, value, where, key, problems);
                }
                case TRIGGER_KEY -> {
                    if (triggerSeen) problems.add(where + ": trigger given twice");
                    triggerSeen = true;
                    trigger = constant(TriggerType.class, value, where, key, problems);
                }
                default -> {
                    SettingField setting = settingField(key);
                    AlarmLimitField limit = AlarmLimitField.fromKey(key);
                    if (setting == null && limit == null) {
                        problems.add(where + ": unknown key '" + shorten(key) + "'");
                        continue;
                    }
                    if (setting != null ? settings.containsKey(setting) : limits.containsKey(limit)) {
                        problems.add(where + ": " + key + " given twice");
                    }
                    Double number = number(value, where, key, problems);
                    if (setting != null) settings.put(setting, number);
                    else limits.put(limit, number);
                }
            }
        }
        if (!modeSeen) problems.add("mode is missing");
        if (!triggerSeen) problems.add("trigger is missing");
        for (SettingField f : SettingField.values()) {
            if (!settings.containsKey(f)) problems.add(f.key() + " is missing");
        }
        for (AlarmLimitField f : AlarmLimitField.values()) {
            if (!limits.containsKey(f)) problems.add(f.key() + " is missing");
        }
        if (!problems.isEmpty()) {
            throw new SettingsFileException("settings file " + file + " is corrupt: " + String.join("; ", problems));
        }
        VentilationSettings s = new VentilationSettings(mode, settings.get(SettingField.PEEP_CMH2O),
                settings.get(SettingField.DP_CMH2O), settings.get(SettingField.VT_ML), settings.get(SettingField.RATE_BPM),
                settings.get(SettingField.TI_S), settings.get(SettingField.RISE_TIME_S), trigger,
                settings.get(SettingField.FLOW_TRIGGER_LPM), settings.get(SettingField.PRESSURE_TRIGGER_CMH2O),
                settings.get(SettingField.PS_CMH2O), settings.get(SettingField.CYCLE_OFF_PCT),
                settings.get(SettingField.FIO2_PCT), settings.get(SettingField.APNEA_S));
        AlarmLimits l = new AlarmLimits(limits.get(AlarmLimitField.HIGH_PRESSURE_CMH2O), limits.get(AlarmLimitField.LOW_VTE_ML),
                limits.get(AlarmLimitField.HIGH_VTE_ML), limits.get(AlarmLimitField.LOW_MV_LPM),
                limits.get(AlarmLimitField.HIGH_MV_LPM), limits.get(AlarmLimitField.HIGH_RATE_BPM),
                limits.get(AlarmLimitField.HIGH_PEEP_CMH2O), limits.get(AlarmLimitField.LOW_PEEP_CMH2O),
                limits.get(AlarmLimitField.HIGH_FIO2_PCT), limits.get(AlarmLimitField.LOW_FIO2_PCT));
        if (SettingsValidator.check(s, l) instanceof SettingsCheck.Rejected(List<String> reasons)) {
            throw new SettingsFileException("settings file " + file + " holds settings the settings validator refuses: "
                    + String.join("; ", reasons));
        }
        return new SettingsInForce(s, l);
    }

    /** One line for the log: the mode and every value, as the file has them. */
    static String describe(SettingsInForce inForce) {
        return format(inForce).lines().filter(l -> !l.startsWith("#")).reduce((a, b) -> a + " " + b).orElse("");
    }

    private static SettingField settingField(String key) {
        for (SettingField f : SettingField.values()) {
            if (f.key().equals(key)) return f;
        }
        return null;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value, String where, String key, List<String> problems) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value.toUpperCase(Locale.ROOT))) return e;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name());
        problems.add(where + ": " + key + " '" + shorten(value) + "' is not one of " + String.join(", ", names));
        return null;
    }

    private static Double number(String value, String where, String key, List<String> problems) {
        try {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d)) return d;
            problems.add(where + ": " + key + " is not a finite number: '" + shorten(value) + "'");
        } catch (NumberFormatException e) {
            problems.add(where + ": " + key + " is not a number: '" + shorten(value) + "'");
        }
        return null;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Makes the rename itself durable. A file system that cannot force a directory still renamed atomically. */
    private static void forceDirectory(Path dir) {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ignored) {
            // Durability of the rename is best effort there; atomicity is not affected.
        }
    }
}
