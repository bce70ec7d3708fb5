package org.pneuma.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.TriggerType;
import org.pneuma.safety.settings.VentilationSettings;

class SettingsStoreTest {
    @TempDir
    Path dir;

    private SettingsStore store() {
        return new SettingsStore(dir.resolve("safety-settings"));
    }

    private static SettingsInForce unusual() {
        VentilationSettings s = new VentilationSettings(Mode.VC_AC, 7.3, 14, 455.5, 18, 0.9, 0.15, TriggerType.PRESSURE,
                2.5, 1.7, 8, 30, 0.1 + 0.2 + 44.6, 20);
        return new SettingsInForce(s, AlarmLimits.defaultsFor(s).toBuilder().highPressure(38.25).build());
    }

    @Test
    void noFileMeansNothingToResume() throws Exception {
        assertThat(store().load()).isEmpty();
    }

    @Test
    void settingsAndLimitsComeBackBitForBit() throws Exception {
        SettingsInForce written = unusual();
        store().write(written);

        assertThat(store().load()).contains(written);
        String text = Files.readString(store().file());
        assertThat(text).contains("mode=VC_AC").contains("trigger=PRESSURE").contains("peep_cmh2o=7.3")
                .contains("high_pressure_cmh2o=38.25").contains("fio2_pct=" + (0.1 + 0.2 + 44.6));
    }

    @Test
    void aWriteReplacesTheFileWholeAndLeavesNoTemporaryFileBehind() throws Exception {
        SettingsStore store = store();
        store.write(SettingsInForce.defaults());
        store.write(unusual());

        assertThat(store.load()).contains(unusual());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void aReaderDuringManyReplacementsOnlyEverSeesAWholeFile() throws Exception {
        SettingsStore store = store();
        SettingsInForce a = SettingsInForce.defaults();
        SettingsInForce b = unusual();
        store.write(a);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 200; i++) store.write(i % 2 == 0 ? b : a);
            } catch (Throwable t) {
                failed.set(t);
            } finally {
                writing.set(false);
            }
        });
        SettingsStore reader = store();
        int reads = 0;
        while (writing.get()) {
            assertThat(reader.load()).hasValueSatisfying(s -> assertThat(s).isIn(a, b));
            reads++;
        }
        writer.join();
        assertThat(failed.get()).isNull();
        assertThat(reads).isPositive();
    }

    @Test
    void aFailedWriteLeavesTheOldFileAsItWas() throws Exception {
        SettingsStore store = store();
        store.write(SettingsInForce.defaults());
        Path blocked = dir.resolve("not-a-dir");
        Files.writeString(blocked, "a file where a directory should be");
        SettingsStore broken = new SettingsStore(blocked.resolve("safety-settings"));

        assertThatThrownBy(() -> broken.write(unusual())).isInstanceOf(IOException.class);
        assertThat(store.load()).contains(SettingsInForce.defaults());
    }

    @Test
    void aCorruptFileIsRefusedNamingTheFileAndEveryProblem() throws Exception {
        String good = SettingsStore.format(SettingsInForce.defaults());
        String bad = good.replace("peep_cmh2o=5.0", "peep_cmh2o=five").replace("mode=PC_AC", "mode=PC_XX")
                .replace("apnea_s=20.0\n", "") + "colour=blue\nnonsense line\nrate_bpm=15\n";
        Files.writeString(store().file(), bad);

        assertThatThrownBy(() -> store().load()).isInstanceOf(SettingsStore.SettingsFileException.class)
                .hasMessageContaining(store().file().toString())
                .hasMessageContaining("corrupt")
                .hasMessageContaining("peep_cmh2o is not a number: 'five'")
                .hasMessageContaining("mode 'PC_XX' is not one of PC_CMV, PC_AC, VC_CMV, VC_AC, PSV")
                .hasMessageContaining("apnea_s is missing")
                .hasMessageContaining("unknown key 'colour'")
                .hasMessageContaining("expected key=value, found 'nonsense line'")
                .hasMessageContaining("rate_bpm given twice");
    }

    @Test
    void aFileCutShortOrNotTextIsRefused() throws Exception {
        String good = SettingsStore.format(SettingsInForce.defaults());
        Files.writeString(store().file(), good.substring(0, good.length() / 2));
        assertThatThrownBy(() -> store().load()).isInstanceOf(SettingsStore.SettingsFileException.class)
                .hasMessageContaining("is missing");

        Files.write(store().file(), new byte[] {(byte) 0xff, 0x00, (byte) 0x9c});
        assertThatThrownBy(() -> store().load()).isInstanceOf(SettingsStore.SettingsFileException.class)
                .hasMessageContaining(store().file() + " is not text");

        Files.writeString(store().file(), "", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> store().load()).hasMessageContaining("mode is missing");
    }

    @Test
    void settingsTheValidatorRefusesAreRefusedWithItsReasons() throws Exception {
        String unsafe = SettingsStore.format(SettingsInForce.defaults()).replace("high_pressure_cmh2o=30.0", "high_pressure_cmh2o=12.0")
                .replace("fio2_pct=40.0", "fio2_pct=400.0");
        Files.writeString(store().file(), unsafe);

        assertThatThrownBy(() -> store().load()).isInstanceOf(SettingsStore.SettingsFileException.class)
                .hasMessageContaining(store().file().toString())
                .hasMessageContaining("settings validator refuses")
                .hasMessageContaining("fio2_pct");
    }
}
