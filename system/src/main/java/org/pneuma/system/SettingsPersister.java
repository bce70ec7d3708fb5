package org.pneuma.system;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Persists the settings in force off the tick: an ordinary (not real-time) thread that every
 * {@value #POLL_MS} ms takes what the tick handed over and writes it with the {@link SettingsStore}.
 * Only the newest settings matter, so several changes within one poll make one write. A write that
 * fails is logged and tried again at the next poll (unless newer settings came).
 */
final class SettingsPersister implements Runnable {
    static final long POLL_MS = 50;

    private final SettingsStore store;
    private final SafetyTick tick;
    private final Consumer<String> log;
    private volatile boolean stopRequested;
    private volatile long written;

    SettingsPersister(SettingsStore store, SafetyTick tick, Consumer<String> log) {
        this.store = store;
        this.tick = tick;
        this.log = log;
    }

    @Override
    public void run() {
        while (!stopRequested) {
            persistPending();
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                break;
            }
        }
        persistPending(); // what the last ticks accepted
    }

    void requestStop() {
        stopRequested = true;
    }

    /** Writes the settings handed over since the last call, if any. */
    void persistPending() {
        SettingsInForce inForce = tick.takeSettingsToPersist();
        if (inForce == null) return;
        try {
            store.write(inForce);
            written++;
            log.accept("settings persisted to " + store.file() + ": " + SettingsStore.describe(inForce));
        } catch (IOException | RuntimeException e) {
            tick.returnSettingsToPersist(inForce);
            log.accept("settings NOT persisted to " + store.file() + " (will retry): " + e);
        }
    }

    /** Writes so far. */
    long written() {
        return written;
    }
}
