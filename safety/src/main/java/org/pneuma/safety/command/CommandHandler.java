package org.pneuma.safety.command;

import java.util.List;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandReadStatus;
import org.pneuma.channel.CommandReason;
import org.pneuma.channel.CommandRequestReader;
import org.pneuma.channel.CommandResponseWriter;
import org.pneuma.channel.CounterBoard;
import org.pneuma.channel.CounterId;
import org.pneuma.safety.command.OperatorCommand.Acknowledge;
import org.pneuma.safety.command.OperatorCommand.ChangeAlarmLimits;
import org.pneuma.safety.command.OperatorCommand.ChangeSettings;
import org.pneuma.safety.command.OperatorCommand.PauseAudio;
import org.pneuma.safety.command.OperatorCommandCodec.Decoded;
import org.pneuma.safety.command.OperatorCommandCodec.Malformed;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.SettingsCheck;
import org.pneuma.safety.settings.SettingsValidator;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * The safety partition's side of the command mailbox: takes the guest's requests, decides each, applies
 * the accepted ones through a {@link CommandTarget}, and answers every one.
 *
 * <p><b>Per poll</b>, for at most {@link CommandHandlerConfig#maxFramesPerPoll()} frames:
 * <ol>
 *   <li>a frame that fails the channel's checks (sequence, checksum, length, kind) is answered
 *       {@link CommandReason#GARBLED} and counted garbled;</li>
 *   <li>a sound frame beyond {@link CommandHandlerConfig#maxCommandsPerWindow()} in the sliding rate
 *       window is answered {@link CommandReason#RATE_LIMITED} without being decoded;</li>
 *   <li>otherwise it is decoded ({@link CommandReason#MALFORMED} if it does not decode); a settings
 *       or limits change is merged over what is in force and the pair judged by
 *       {@link SettingsValidator#check(VentilationSettings, AlarmLimits)} — the simulator's rules —
 *       ({@link CommandReason#INVALID} with the validator's reasons); what passes is applied, then
 *       answered {@link CommandReason#ACCEPTED}. Acknowledge and audio pause are applied as they come.</li>
 * </ol>
 * Every frame taken gets exactly one response, one log entry and one count: accepted, rejected
 * (rate-limited, malformed, invalid or failed) or garbled; rate-limited also counts as rejected. The
 * counts go to the {@link CounterBoard} as well.
 *
 * <p><b>Allocation, honestly.</b> Polling an empty mailbox allocates nothing. Garbled and rate-limited
 * frames allocate nothing either (constant reasons), so garbage and floods cost no garbage. Decoding
 * and validating a sound command does allocate — the command, merged settings records, the validator's
 * reasons and the response text — and happens only when a command arrives, at most
 * {@code maxCommandsPerWindow} times per window.
 *
 * <p><b>Threads.</b> One thread, the one that ticks the partition; the target is called on it.
 * Never blocks, never does I/O; never throws for anything the guest writes. A target that throws a
 * {@link RuntimeException} makes the answer {@link CommandReason#FAILED} (an {@link Error} propagates).
 */
public final class CommandHandler {
    private static final String SETTINGS_APPLIED = "settings applied";
    private static final String LIMITS_APPLIED = "alarm limits applied";
    private static final String ACKNOWLEDGED = "alarms acknowledged";
    private static final String AUDIO_PAUSED = "alarm audio paused";

    private final CommandRequestReader requests;
    private final CommandResponseWriter responses;
    private final CommandTarget target;
    private final CounterBoard counters;
    private final CommandHandlerConfig config;
    private final CommandRateLimiter rateLimiter;
    private final CommandLog log;
    private final CommandFrame frame = new CommandFrame();
    private final String rateLimitedText;
    private VentilationSettings settings;
    private AlarmLimits limits;
    private long accepted;
    private long rejected;
    private long rateLimited;
    private long garbled;
    private long failed;
    // The decision of the frame being handled, set by decide().
    private CommandReason reason;
    private String text;

    /**
     * Takes the safety side's ends of {@code mailbox}.
     *
     * @param settings the settings in force now
     * @param limits   the alarm limits in force now
     * @throws IllegalArgumentException if {@code settings} and {@code limits} together fail the validator
     * @throws IllegalStateException    if the mailbox's safety ends were handed out already, or it is the guest's mapping
     */
    public CommandHandler(CommandMailbox mailbox, CommandTarget target, VentilationSettings settings,
                          AlarmLimits limits, CounterBoard counters, CommandHandlerConfig config) {
        requireValid(settings, limits);
        this.requests = mailbox.requestReader(OperatorCommandCodec.HIGHEST_KIND);
        this.responses = mailbox.responseWriter();
        this.target = target;
        this.counters = counters;
        this.config = config;
        this.rateLimiter = new CommandRateLimiter(config.maxCommandsPerWindow(), config.rateWindowNs());
        this.log = new CommandLog(config.logCapacity());
        this.rateLimitedText = "rate limited: more than " + config.maxCommandsPerWindow() + " commands in "
            + config.rateWindowNs() / 1_000_000 + " ms";
        this.settings = settings;
        this.limits = limits;
    }

    /**
     * Handles what the guest has sent, up to the per-poll limit.
     *
     * @param nowNs the partition's clock, read once for the tick
     * @return frames handled (answered)
     */
    public int poll(long nowNs) {
        int handled = 0;
        while (handled < config.maxFramesPerPoll()) {
            CommandReadStatus status = requests.poll(frame);
            if (status != CommandReadStatus.OK && status != CommandReadStatus.GARBLED) {
                break;
            }
            handled++;
            if (status == CommandReadStatus.GARBLED) {
                garbled++;
                counters.increment(CounterId.COMMAND_FRAMES_GARBLED);
                answer(nowNs, CommandReason.GARBLED, frame.fault().description());
            } else if (!rateLimiter.tryAcquire(nowNs)) {
                rateLimited++;
                counters.increment(CounterId.COMMANDS_RATE_LIMITED);
                reject(nowNs, CommandReason.RATE_LIMITED, rateLimitedText);
            } else {
                decide();
                if (reason == CommandReason.ACCEPTED) {
                    accepted++;
                    counters.increment(CounterId.COMMANDS_ACCEPTED);
                    answer(nowNs, reason, text);
                } else {
                    reject(nowNs, reason, text);
                }
            }
        }
        return handled;
    }

    /**
     * Tells the handler what is in force after a change made some other way (a restored state).
     *
     * @throws IllegalArgumentException if the pair fails the validator
     */
    public void inForce(VentilationSettings settings, AlarmLimits limits) {
        requireValid(settings, limits);
        this.settings = settings;
        this.limits = limits;
    }

    public VentilationSettings settingsInForce() {
        return settings;
    }

    public AlarmLimits limitsInForce() {
        return limits;
    }

    public long acceptedCount() {
        return accepted;
    }

    /** Commands refused for any reason, rate-limited ones included; garbled frames not. */
    public long rejectedCount() {
        return rejected;
    }

    public long rateLimitedCount() {
        return rateLimited;
    }

    public long garbledCount() {
        return garbled;
    }

    /** Commands whose target threw (also counted as rejected). Zero unless the target is broken. */
    public long failedCount() {
        return failed;
    }

    public CommandLog log() {
        return log;
    }

    private void decide() {
        try {
            switch (OperatorCommandCodec.decode(frame)) {
                case Malformed m -> decided(CommandReason.MALFORMED, m.reason());
                case Decoded(ChangeSettings c) -> change(c.over(settings), limits, SETTINGS_APPLIED);
                case Decoded(ChangeAlarmLimits c) -> change(settings, c.over(limits), LIMITS_APPLIED);
                case Decoded(Acknowledge a) -> {
                    target.acknowledge();
                    decided(CommandReason.ACCEPTED, ACKNOWLEDGED);
                }
                case Decoded(PauseAudio p) -> {
                    target.pauseAudio();
                    decided(CommandReason.ACCEPTED, AUDIO_PAUSED);
                }
            }
        } catch (RuntimeException e) {
            failed++;
            decided(CommandReason.FAILED, "the safety partition failed to apply the command: " + e.getClass().getSimpleName());
        }
    }

    private void change(VentilationSettings newSettings, AlarmLimits newLimits, String appliedText) {
        if (SettingsValidator.check(newSettings, newLimits) instanceof SettingsCheck.Rejected(List<String> reasons)) {
            decided(CommandReason.INVALID, String.join("; ", reasons));
            return;
        }
        target.apply(newSettings, newLimits);
        settings = newSettings;
        limits = newLimits;
        decided(CommandReason.ACCEPTED, appliedText);
    }

    private void decided(CommandReason why, String what) {
        reason = why;
        text = what;
    }

    private void reject(long nowNs, CommandReason why, String what) {
        rejected++;
        counters.increment(CounterId.COMMANDS_REJECTED);
        answer(nowNs, why, what);
    }

    private void answer(long nowNs, CommandReason why, String what) {
        responses.publish(frame.sequence(), frame.correlationId(), why == CommandReason.ACCEPTED, why, what);
        log.record(nowNs, frame.sequence(), frame.correlationId(), frame.kind(), why, what);
    }

    private static void requireValid(VentilationSettings settings, AlarmLimits limits) {
        if (SettingsValidator.check(settings, limits) instanceof SettingsCheck.Rejected(List<String> reasons)) {
            throw new IllegalArgumentException("settings and alarm limits in force must pass the validator: "
                + String.join("; ", reasons));
        }
    }
}
