package org.pneuma.system;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.pneuma.safety.command.CommandDecision;
import org.pneuma.safety.command.CommandHandler;
import org.pneuma.safety.command.CommandLog;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * Where the guest's commands are judged, off the tick: an ordinary thread that every millisecond lets the
 * {@link CommandHandler} read the mailbox, decode, validate, rate-limit and answer, hands what it accepts
 * to the tick through {@link AcceptedCommands}, persists the settings in force after every accepted change,
 * and prints its decisions.
 *
 * <p>Why not in the tick: judging a command allocates and runs code the tick never runs otherwise (decoding,
 * the validator, the words of a refusal); the first refusal of a run loaded classes for 23 ms and the alarm
 * watchdog, rightly, took the control loop for hung. Here a flood of commands costs this thread's time, never
 * the tick's; the tick pays one reference read and two counter reads.
 *
 * <p>An accepted command is answered before the tick applies it, at most a millisecond later; if the process
 * dies in between, the restarted one resumes it from the settings file.
 */
final class CommandDesk implements Runnable {
    static final long POLL_NS = 1_000_000;
    /** Rejections printed one by one per poll; the rest are counted by reason in one line. */
    static final int REJECTIONS_SHOWN_PER_POLL = 3;
    private static final long SUMMARY_EVERY_NS = 1_000_000_000;

    private final CommandHandler handler;
    private final CommandLog commandLog;
    private final SettingsStore store;
    private final Consumer<String> log;
    private final Map<String, Integer> rejectedUnshown = new TreeMap<>();
    private VentilationSettings persistedSettings;
    private AlarmLimits persistedLimits;
    private long printed;
    private long summaryDueNs;
    private int rejectedShown;
    private volatile boolean stopRequested;

    CommandDesk(CommandHandler handler, SettingsStore store, Consumer<String> log) {
        this.handler = handler;
        this.commandLog = handler.log();
        this.store = store;
        this.log = log;
        this.persistedSettings = handler.settingsInForce();
        this.persistedLimits = handler.limitsInForce();
        this.printed = commandLog.recordedCount();
    }

    @Override
    public void run() {
        while (!stopRequested) {
            poll(System.nanoTime());
            LockSupport.parkNanos(POLL_NS);
        }
        poll(System.nanoTime());
        flushSummary();
    }

    void requestStop() {
        stopRequested = true;
    }

    /** One round: judge what came, persist a change, print the decisions. Desk thread only. */
    void poll(long nowNs) {
        handler.poll(nowNs);
        persistIfChanged();
        print(nowNs);
    }

    private void persistIfChanged() {
        VentilationSettings settings = handler.settingsInForce();
        AlarmLimits limits = handler.limitsInForce();
        if (settings == persistedSettings && limits == persistedLimits) return;
        SettingsInForce inForce = new SettingsInForce(settings, limits);
        try {
            store.write(inForce);
            persistedSettings = settings;
            persistedLimits = limits;
            log.accept("settings persisted to " + store.file() + ": " + SettingsStore.describe(inForce));
        } catch (IOException | RuntimeException e) {
            log.accept("settings NOT persisted to " + store.file() + " (tried again at the next poll): " + e);
        }
    }

    private void print(long nowNs) {
        long recorded = commandLog.recordedCount();
        if (recorded != printed) {
            List<CommandDecision> held = commandLog.decisions();
            long first = recorded - held.size();
            if (first > printed) {
                log.accept("command log: " + (first - printed) + " decisions overwritten before they could be printed");
                printed = first;
            }
            for (int i = (int) (printed - first); i < held.size(); i++) {
                CommandDecision d = held.get(i);
                if (!d.accepted() && rejectedShown >= REJECTIONS_SHOWN_PER_POLL) {
                    // A flood is summed up, not printed line by line: the log must not become its amplifier.
                    rejectedUnshown.merge(String.valueOf(d.reason()), 1, Integer::sum);
                    continue;
                }
                if (!d.accepted()) rejectedShown++;
                log.accept(String.format(Locale.ROOT, "command %s: request %d (kind %d, correlation %d): %s",
                        d.accepted() ? "accepted" : "rejected " + d.reason(), d.requestSequence(), d.kind(),
                        d.correlationId(), d.text()));
            }
            printed = recorded;
        }
        if (nowNs - summaryDueNs >= 0) {
            flushSummary();
            rejectedShown = 0;
            summaryDueNs = nowNs + SUMMARY_EVERY_NS;
        }
    }

    private void flushSummary() {
        if (rejectedUnshown.isEmpty()) return;
        log.accept("commands rejected besides, in the last second: " + rejectedUnshown);
        rejectedUnshown.clear();
    }
}
