package org.pneuma.guest;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.LockSupport;
import org.pneuma.channel.HeartbeatWriter;
import org.pneuma.channel.ReadStatus;
import org.pneuma.channel.SensorBusReader;
import org.pneuma.channel.SensorSample;

/**
 * The channel side of one guest service: beats its heartbeat slot every beat period and reads the
 * sensor bus on every beat.
 *
 * <ul>
 *   <li><b>display</b> reads the newest sample and prints one numerics line per report period (a
 *       second), or {@code sensor bus stale since ...} while no new sample arrives. A stale bus is the
 *       safety partition's problem; the display shows it and keeps beating.</li>
 *   <li><b>recorder</b> and <b>uploader</b> read every sample in order with their own cursor and
 *       count what they saw: samples, samples lost to overruns (the bus never waits for a guest),
 *       corrupt samples and stale periods, with a summary line per report period (five seconds).
 *       They store and send nothing yet: storage (SQLite) and upload (HL7) arrive with their own
 *       work; what is here is the reading they will be built on.</li>
 * </ul>
 *
 * <p><b>Staleness</b> is judged two ways. With the host's clock ({@code sharedClock}, the sandbox and
 * process backends: the safety partition stamps samples with the same monotonic clock) the reader's
 * own limit applies to the newest sample's time. In every case the bus is stale when its latest
 * sequence has not moved for the staleness limit on this process's clock, which works in a VM whose
 * clock is not the host's.
 *
 * <p><b>Threads.</b> One thread: {@link #beat} or {@link #run}. Allocation: the line is built in a
 * reused {@link StringBuilder}; steady-state beats allocate nothing but what printing costs.
 */
final class GuestService {
    /** A read that races the writer is retried this often within one beat, then left to the next. */
    private static final int TORN_RETRIES = 4;

    private final ServiceKind kind;
    private final SensorBusReader reader;
    private final HeartbeatWriter heartbeat;
    private final PrintStream out;
    private final long beatPeriodNs;
    private final long reportPeriodNs;
    private final long staleAfterNs;
    private final boolean sharedClock;
    private final SensorSample sample = new SensorSample();
    private final StringBuilder line = new StringBuilder(320);

    private boolean started;
    private long startNs;
    private long nextReportNs;
    private long beats;
    // Progress of the bus, on this process's clock.
    private long latestSeen;
    private long lastProgressNs;
    private long lastSampleTimeNs;
    private boolean staleByTime;
    private boolean stale;
    private long stalePeriods;
    // Display: the newest sample read, if any.
    private boolean haveSample;
    // Recorder and uploader: every sample in order.
    private long samplesRead;
    private long overruns;
    private long samplesAtLastReport;

    GuestService(ServiceKind kind, SensorBusReader reader, HeartbeatWriter heartbeat, PrintStream out,
                 long beatPeriodNs, long reportPeriodNs, boolean sharedClock) {
        this.kind = kind;
        this.reader = reader;
        this.heartbeat = heartbeat;
        this.out = out;
        this.beatPeriodNs = beatPeriodNs;
        this.reportPeriodNs = reportPeriodNs;
        this.staleAfterNs = reader.staleAfterNs();
        this.sharedClock = sharedClock;
    }

    /**
     * Beats at the beat period until {@code stop} says so; the first beat is at once. Late wake-ups
     * are not caught up: a beat missed is skipped, not doubled.
     *
     * @param clock this process's monotonic clock ({@link System#nanoTime()} in production)
     */
    void run(LongSupplier clock, BooleanSupplier stop) {
        long next = clock.getAsLong();
        while (!stop.getAsBoolean()) {
            long now = clock.getAsLong();
            beat(now);
            next += beatPeriodNs;
            if (next <= now) {
                next = now + beatPeriodNs;
            }
            for (long wait = next - clock.getAsLong(); wait > 0 && !stop.getAsBoolean(); wait = next - clock.getAsLong()) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** One beat at {@code nowNs}: heartbeat, read the bus, print the line when a report is due. */
    void beat(long nowNs) {
        if (!started) {
            started = true;
            startNs = nowNs;
            lastProgressNs = nowNs;
            nextReportNs = nowNs + reportPeriodNs;
        }
        heartbeat.beat(nowNs);
        beats++;
        if (kind == ServiceKind.DISPLAY) {
            readNewest(nowNs);
        } else {
            readEverySample();
        }
        judgeStaleness(nowNs);
        if (nowNs - nextReportNs >= 0) {
            report(nowNs);
            nextReportNs += reportPeriodNs;
            if (nowNs - nextReportNs >= 0) {
                nextReportNs = nowNs + reportPeriodNs;
            }
        }
    }

    /** A closing line, for a clean stop. */
    void stopped(long nowNs) {
        line.setLength(0);
        line.append(kind.label()).append(" stopped after ");
        Fixed.seconds(line, started ? nowNs - startNs : 0).append(" s:");
        if (kind == ServiceKind.DISPLAY) {
            line.append(" beats=").append(beats);
        } else {
            appendCounts();
        }
        out.println(line);
        out.flush();
    }

    long beats() {
        return beats;
    }

    long samplesRead() {
        return samplesRead;
    }

    long stalePeriods() {
        return stalePeriods;
    }

    boolean stale() {
        return stale;
    }

    private void readNewest(long nowNs) {
        for (int attempt = 0; attempt < TORN_RETRIES; attempt++) {
            ReadStatus status = sharedClock ? reader.readLatest(sample, nowNs) : reader.readLatest(sample);
            switch (status) {
                case OK -> {
                    haveSample = true;
                    return;
                }
                case STALE -> {
                    haveSample = true;
                    staleByTime = true;
                    return;
                }
                case TORN -> {
                    // the writer moved on during the read: read again
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void readEverySample() {
        // Bounded: a beat drains at most a few rings' worth, whatever the writer does meanwhile.
        int budget = 4 * reader.slotCount();
        int torn = 0;
        while (budget-- > 0) {
            ReadStatus status = reader.readNext(sample);
            switch (status) {
                case OK -> samplesRead++;
                case OVERRUN -> overruns++;
                case CHECKSUM_MISMATCH -> {
                    // counted by the reader; skipped
                }
                case TORN -> {
                    if (++torn > TORN_RETRIES) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void judgeStaleness(long nowNs) {
        long latest = reader.latestSequence();
        if (latest != latestSeen) {
            latestSeen = latest;
            lastProgressNs = nowNs;
        }
        if (latest != 0) {
            lastSampleTimeNs = reader.writerHeartbeatNs();
        }
        boolean timeSaysStale = staleByTime
            || (sharedClock && kind != ServiceKind.DISPLAY && latest != 0 && nowNs - lastSampleTimeNs > staleAfterNs);
        staleByTime = false;
        boolean nowStale = latest == 0 || timeSaysStale || nowNs - lastProgressNs > staleAfterNs;
        if (nowStale && !stale) {
            stalePeriods++;
        }
        stale = nowStale;
    }

    private void report(long nowNs) {
        line.setLength(0);
        line.append(kind.label()).append(' ');
        if (kind == ServiceKind.DISPLAY) {
            if (stale || !haveSample) {
                appendStale(nowNs);
            } else {
                appendNumerics();
            }
        } else {
            line.append(stale ? "bus=stale" : "bus=live");
            appendCounts();
            line.append(" new=").append(samplesRead - samplesAtLastReport);
            samplesAtLastReport = samplesRead;
            if (stale) {
                line.append(" | ");
                appendStale(nowNs);
            }
        }
        out.println(line);
        out.flush();
    }

    private void appendCounts() {
        line.append(" beats=").append(beats)
            .append(" samples=").append(samplesRead)
            .append(" lost=").append(reader.lostSampleCount())
            .append(" overruns=").append(overruns)
            .append(" corrupt=").append(reader.corruptSampleCount())
            .append(" stale_periods=").append(stalePeriods)
            .append(" latest_seq=").append(reader.latestSequence());
    }

    private void appendStale(long nowNs) {
        if (latestSeen == 0) {
            line.append("sensor bus stale since start: nothing published yet (");
            Fixed.seconds(line, nowNs - startNs).append(" s waited)");
            return;
        }
        line.append("sensor bus stale since t=");
        Fixed.seconds(line, lastSampleTimeNs).append("s: last seq=").append(latestSeen).append(", ");
        Fixed.seconds(line, nowNs - lastProgressNs).append(" s without a new sample");
    }

    private void appendNumerics() {
        SensorSample s = sample;
        line.append("t=");
        Fixed.seconds(line, s.timeNs()).append("s seq=").append(s.sequence());
        Fixed.append(line.append(" paw="), s.airwayPressureCmH2O(), 1).append("cmH2O");
        Fixed.append(line.append(" flow="), s.patientFlowMlPerS(), 1).append("mL/s");
        Fixed.append(line.append(" vol="), s.volumeMl(), 1).append("mL");
        Fixed.append(line.append(" fio2="), s.oxygenPercent(), 1).append('%');
        line.append(" breath=").append(s.breathNumber());
        Fixed.append(line.append(" pip="), s.pipCmH2O(), 1);
        Fixed.append(line.append(" peep="), s.peepCmH2O(), 1);
        Fixed.append(line.append(" vti="), s.vtiMl(), 1);
        Fixed.append(line.append(" vte="), s.vteMl(), 1);
        Fixed.append(line.append(" rate="), s.rateBpm(), 1).append("/min");
        Fixed.append(line.append(" mv="), s.minuteVolumeLpm(), 2).append("L/min");
        Fixed.append(line.append(" ie="), s.ieRatio(), 2);
        Fixed.append(line.append(" fio2_breath="), s.fio2Pct(), 1).append('%');
        line.append(" phase=").append(s.phase() == SensorSample.PHASE_INSPIRATION ? "insp" : "exp");
        line.append(" safety_valve=").append(s.safetyValveOpen() ? "OPEN" : "closed");
        line.append(" alarms=0x").append(Long.toHexString(s.alarmBits()));
    }
}
