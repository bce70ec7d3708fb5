package org.pneuma.safety.breath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * Breath metrics from synthetic sensor sequences on a 1 ms grid. The standard breath: PEEP 5, a
 * 100 ms rise to a 20 cmH2O plateau with one 25 cmH2O sample, Ti 1 s, Te 3 s; 300 mL in during
 * inspiration, 200 mL out during expiration, a constant estimated leak.
 */
class BreathMeterTest {
    private static final long ORIGIN_NS = 9_876_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final double DT_S = 0.001;
    private static final double EPS = 1e-6;

    /** What a listener saw: copied, because the record is reused. */
    record Seen(long number, long startNs, double tiS, double teS, double pip, double peep, double endInspiratory,
                double vti, double vte, double rate, double minuteVolume, double ie, double fio2, double leakLpm,
                boolean triggered, boolean backup, boolean supported) {
        static Seen of(BreathRecord r) {
            return new Seen(r.number, r.startNs, r.tiS, r.teS, r.pipCmH2O, r.peepCmH2O, r.endInspiratoryCmH2O,
                    r.vtiMl, r.vteMl, r.rateBpm, r.minuteVolumeLpm, r.ieRatio, r.fio2Pct, r.leakLpm,
                    r.patientTriggered, r.backup, r.supported);
        }
    }

    /** Feeds one meter tick by tick. */
    static final class Feed {
        final List<Seen> seen = new ArrayList<>();
        final BreathMeter meter;
        long nowNs = ORIGIN_NS;
        double leakMlPerS;

        Feed(double complianceMlPerCmH2O) {
            meter = new BreathMeter(complianceMlPerCmH2O, r -> seen.add(Seen.of(r)));
        }

        void tick(double pressure, double in, double out, double o2) {
            nowNs += MS;
            meter.sample(pressure, in, out, leakMlPerS, o2, DT_S);
        }

        /** Expiration-like quiet before the first breath: it must not count. */
        void idle(int ms) {
            for (int t = 0; t < ms; t++) {
                tick(5, 1_000, 0, 99);
            }
        }

        void startInspiration() {
            meter.inspirationStarted(nowNs, false, false, false);
        }

        /** Inspiration of the standard breath; the caller has started it. */
        void inspire(int tiMs, double inspiredMl) {
            double inflow = inspiredMl / (tiMs / 2 * DT_S);
            for (int t = 1; t <= tiMs; t++) {
                double p = t <= 100 ? 5 + 15 * t / 100.0 : t == 150 ? 25 : 20;
                tick(p, t <= tiMs / 2 ? inflow : 0, 0, t <= tiMs / 2 ? 40 : 42);
            }
            meter.expirationStarted(nowNs);
        }

        /** Expiration of the standard breath, ending with the next breath's start. */
        void expire(int teMs, double expiredMl) {
            for (int t = 1; t <= teMs; t++) {
                double p = t <= 100 ? 20 - 15 * t / 100.0 : 5;
                tick(p, 0, t <= 500 ? expiredMl / 0.5 : 0, 21);
            }
        }

        void standardBreath() {
            startInspiration();
            inspire(1_000, 300);
            expire(3_000, 200);
        }
    }

    @Test
    void measuresPressuresVolumesTimingAndOxygenOfABreath() {
        Feed feed = new Feed(2.0);
        feed.leakMlPerS = 10;
        feed.idle(500);
        long start = feed.nowNs;

        feed.standardBreath();
        feed.startInspiration();

        assertThat(feed.seen).hasSize(1);
        Seen b = feed.seen.getFirst();
        assertThat(b.number()).isEqualTo(1);
        assertThat(b.startNs()).isEqualTo(start);
        assertThat(b.tiS()).isEqualTo(1.0);
        assertThat(b.teS()).isEqualTo(3.0);
        assertThat(b.pip()).isEqualTo(25.0);
        assertThat(b.endInspiratory()).isCloseTo(20, within(EPS));
        assertThat(b.peep()).isCloseTo(5, within(EPS));
        // Vti = 300 in − C·(20 − 5) stored in the circuit − 10 mL/s · 1 s leaked
        assertThat(b.vti()).isCloseTo(300 - 2 * 15 - 10, within(EPS));
        // Vte = 200 out − C·(20 − 5) the circuit gave back + 10 mL/s · 3 s the patient breathed out via the leak
        assertThat(b.vte()).isCloseTo(200 - 2 * 15 + 30, within(EPS));
        assertThat(b.rate()).isCloseTo(15, within(EPS));
        assertThat(b.ie()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(b.fio2()).isCloseTo(41, within(EPS));
        assertThat(b.minuteVolume()).isCloseTo(0.2 * 60 / 4, within(EPS));
        assertThat(b.leakLpm()).isCloseTo(0.6, within(EPS));
    }

    @Property(tries = 50)
    void tidalVolumesAreCompensatedForCircuitComplianceAndLeak(
            @ForAll @DoubleRange(min = 0, max = 20) double compliance,
            @ForAll @DoubleRange(min = 0, max = 100) double leak,
            @ForAll @DoubleRange(min = 0, max = 1_000) double inspired,
            @ForAll @DoubleRange(min = 0, max = 1_000) double expired) {
        Feed feed = new Feed(compliance);
        feed.leakMlPerS = leak;
        feed.idle(200);

        feed.standardBreath();
        feed.startInspiration();

        Seen b = feed.seen.getFirst();
        assertThat(b.vti()).isCloseTo(inspiredVti(compliance, leak, 300), within(EPS));
        assertThat(b.vte()).isCloseTo(200 - compliance * 15 + leak * 3, within(EPS));

        Feed other = new Feed(compliance);
        other.leakMlPerS = leak;
        other.idle(200);
        other.startInspiration();
        other.inspire(1_000, inspired);
        other.expire(3_000, expired);
        other.startInspiration();
        assertThat(other.seen.getFirst().vti()).isCloseTo(inspiredVti(compliance, leak, inspired), within(1e-6 * (1 + inspired)));
        assertThat(other.seen.getFirst().vte()).isCloseTo(expired - compliance * 15 + leak * 3, within(1e-6 * (1 + expired)));
    }

    private static double inspiredVti(double compliance, double leak, double inspired) {
        return inspired - compliance * 15 - leak * 1;
    }

    @Test
    void publishesEachBreathOnceAtTheStartOfTheNext() {
        Feed feed = new Feed(1.0);
        feed.idle(100);

        feed.startInspiration();
        feed.inspire(1_000, 300);
        assertThat(feed.seen).isEmpty();
        feed.expire(3_000, 300);
        assertThat(feed.seen).isEmpty();
        assertThat(feed.meter.breathCount()).isZero();

        feed.startInspiration();
        assertThat(feed.seen).hasSize(1);
        assertThat(feed.meter.breathCount()).isEqualTo(1);

        feed.inspire(1_000, 300);
        feed.meter.expirationStarted(feed.nowNs); // a repeated phase change publishes nothing
        feed.expire(3_000, 300);
        feed.startInspiration();
        assertThat(feed.seen).extracting(Seen::number).containsExactly(1L, 2L);
        assertThat(feed.meter.lastBreath().number).isEqualTo(2);
    }

    @Test
    void anInspirationWithoutExpirationIsNotABreath() {
        Feed feed = new Feed(1.0);
        feed.idle(100);

        feed.startInspiration();
        for (int t = 0; t < 500; t++) {
            feed.tick(20, 300, 0, 21);
        }
        feed.startInspiration();

        assertThat(feed.seen).isEmpty();
    }

    @Test
    void flowBeforeTheFirstBreathIsNotCounted() {
        Feed feed = new Feed(0);
        feed.idle(2_000); // 2 L went in while the lung filled to PEEP

        feed.standardBreath();
        feed.startInspiration();

        assertThat(feed.seen.getFirst().vti()).isCloseTo(300, within(EPS));
    }

    @Test
    void minuteVolumeIsTheExpiredVolumeOfTheLastEightBreathsOverTheirDuration() {
        Feed feed = new Feed(0);
        feed.idle(100);

        for (int i = 1; i <= 11; i++) {
            feed.startInspiration();
            feed.inspire(1_000, 100 * i);
            feed.expire(2_000 + 100 * i, 100 * i); // breath i: Vte = 100·i mL, lasting 3 + 0.1·i s
        }
        feed.startInspiration();

        assertThat(feed.seen).hasSize(11);
        assertThat(feed.seen.get(2).minuteVolume()).as("after three breaths: all three")
                .isCloseTo(expectedMinuteVolume(1, 3), within(EPS));
        assertThat(feed.seen.get(7).minuteVolume()).as("after eight: all eight")
                .isCloseTo(expectedMinuteVolume(1, 8), within(EPS));
        assertThat(feed.seen.get(10).minuteVolume()).as("after eleven: breaths 4 to 11")
                .isCloseTo(expectedMinuteVolume(4, 11), within(EPS));
    }

    private static double expectedMinuteVolume(int first, int last) {
        double ml = 0;
        double s = 0;
        for (int i = first; i <= last; i++) {
            ml += 100 * i;
            s += 3 + 0.1 * i;
        }
        return ml / 1000 * 60 / s;
    }

    @Test
    void rateAndIeFollowEachBreathsOwnTiming() {
        Feed feed = new Feed(0);
        feed.idle(100);

        feed.startInspiration();
        feed.inspire(1_500, 300);
        feed.expire(500, 300);
        feed.startInspiration();

        Seen b = feed.seen.getFirst();
        assertThat(b.rate()).isCloseTo(30, within(EPS));
        assertThat(b.ie()).isCloseTo(3, within(EPS));
        assertThat(b.tiS() + b.teS()).isCloseTo(2, within(EPS));
    }

    @Test
    void peepIsTheSmoothedPressureAtTheEndOfExpiration() {
        Feed feed = new Feed(0);
        feed.idle(100);
        feed.startInspiration();
        feed.inspire(1_000, 300);

        for (int t = 0; t < 3_000; t++) { // a noisy PEEP: ±2 cmH2O around 6, tick by tick
            feed.tick(t % 2 == 0 ? 8 : 4, 0, 0, 21);
        }
        feed.startInspiration();

        assertThat(feed.seen.getFirst().peep()).isCloseTo(6, within(0.1));
        assertThat(feed.meter.smoothedPressureCmH2O()).isCloseTo(6, within(0.1));
    }

    @Test
    void pipIsTheHighestInspiratoryPressureAndIgnoresExpiration() {
        Feed feed = new Feed(0);
        feed.idle(100);
        feed.startInspiration();
        feed.inspire(1_000, 300);

        feed.tick(40, 0, 0, 21); // a cough during expiration
        feed.expire(3_000, 300);
        feed.startInspiration();

        assertThat(feed.seen.getFirst().pip()).isEqualTo(25.0);
    }

    @Test
    void fio2IsTheMeanOxygenReadingDuringInspirationOnly() {
        Feed feed = new Feed(0);
        feed.idle(100); // reads 99 %: not part of any breath
        feed.standardBreath(); // 40 % then 42 % in inspiration, 21 % in expiration
        feed.startInspiration();

        assertThat(feed.seen.getFirst().fio2()).isCloseTo(41, within(EPS));
    }

    @Test
    void recordsHowEachBreathStarted() {
        Feed feed = new Feed(0);
        feed.idle(100);

        feed.meter.inspirationStarted(feed.nowNs, true, false, true);
        feed.inspire(1_000, 300);
        feed.expire(3_000, 300);
        feed.meter.inspirationStarted(feed.nowNs, false, true, false);
        feed.inspire(1_000, 300);
        feed.expire(3_000, 300);
        feed.startInspiration();

        assertThat(feed.seen.get(0)).extracting(Seen::triggered, Seen::backup, Seen::supported)
                .containsExactly(true, false, true);
        assertThat(feed.seen.get(1)).extracting(Seen::triggered, Seen::backup, Seen::supported)
                .containsExactly(false, true, false);
    }

    @Test
    void reportsTheEstimatedLeakAveragedOverTheBreath() {
        Feed feed = new Feed(0);
        feed.idle(100);
        feed.startInspiration();

        feed.leakMlPerS = 50; // during inspiration, at the higher pressure
        feed.inspire(1_000, 300);
        feed.leakMlPerS = 10;
        feed.expire(3_000, 300);
        feed.startInspiration();

        // (50 mL + 30 mL) over 4 s = 20 mL/s = 1.2 L/min
        assertThat(feed.seen.getFirst().leakLpm()).isCloseTo(1.2, within(EPS));
    }

    @Test
    void offersTheInspiredVolumeAndEndInspiratoryPressureAsSoonAsExpirationStarts() {
        Feed feed = new Feed(2.0);
        feed.idle(100);
        feed.startInspiration();

        feed.inspire(1_000, 300);

        assertThat(feed.meter.lastVtiMl()).isCloseTo(270, within(EPS));
        assertThat(feed.meter.lastEndInspiratoryCmH2O()).isCloseTo(20, within(EPS));
    }

    @Test
    void tracksTheVolumeDeliveredSinceInspirationBeganThroughTheBreath() {
        Feed feed = new Feed(2.0);
        feed.leakMlPerS = 10;
        assertThat(feed.meter.volumeSinceInspirationMl()).isZero();
        feed.idle(100);
        feed.startInspiration();

        feed.inspire(1_000, 300);
        assertThat(feed.meter.volumeSinceInspirationMl()).isCloseTo(260, within(EPS));

        feed.expire(3_000, 200);
        // what went in less what came back out: 260 − 200
        assertThat(feed.meter.volumeSinceInspirationMl()).isCloseTo(60, within(EPS));
    }

    @Test
    void usesANewCircuitComplianceFromTheNextMeasurement() {
        Feed feed = new Feed(1.0);
        feed.idle(100);
        feed.standardBreath();
        feed.startInspiration();

        feed.meter.circuitCompliance(3.0); // a new pre-use check, early in breath 2
        feed.inspire(1_000, 300);
        feed.expire(3_000, 200);
        feed.startInspiration();

        assertThat(feed.seen.get(0).vte()).isCloseTo(200 - 1.0 * 15, within(EPS));
        assertThat(feed.seen.get(1).vti()).isCloseTo(300 - 3.0 * 15, within(EPS));
        assertThat(feed.seen.get(1).vte()).isCloseTo(200 - 3.0 * 15, within(EPS));
    }
}
