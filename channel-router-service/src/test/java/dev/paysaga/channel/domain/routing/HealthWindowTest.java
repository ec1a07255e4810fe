package dev.paysaga.channel.domain.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sliding window: what it counts, when samples age out, and p95 from the latency buckets. */
class HealthWindowTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final ChannelHealth health = new ChannelHealth(clock, Duration.ofSeconds(60), 12);

    @Test
    void countsSuccessesAndFailuresOfTheLastWindowOnly() {
        health.record("alipay", true, 40);
        health.record("alipay", false, 40);
        clock.advance(Duration.ofSeconds(30));
        health.record("alipay", true, 40);

        assertEquals(new HealthSnapshot(2, 1, 50), health.snapshot("alipay"));
        assertEquals(HealthSnapshot.EMPTY, health.snapshot("wechatpay"));

        clock.advance(Duration.ofSeconds(30)); // the first two are now 60 s old: out
        assertEquals(new HealthSnapshot(1, 0, 50), health.snapshot("alipay"));

        clock.advance(Duration.ofSeconds(30));
        assertEquals(HealthSnapshot.EMPTY.samples(), health.snapshot("alipay").samples());
    }

    @Test
    void p95IsTheUpperBoundOfTheBucketHoldingThe95thPercentile() {
        for (int i = 0; i < 95; i++) {
            health.record("wechatpay", true, 80); // bucket <= 100 ms
        }
        for (int i = 0; i < 5; i++) {
            health.record("wechatpay", true, 4_000); // bucket <= 5000 ms
        }
        assertEquals(100, health.snapshot("wechatpay").p95Millis());

        health.record("wechatpay", true, 4_000);
        assertEquals(5_000, health.snapshot("wechatpay").p95Millis());

        health.record("unionpay", false, 120_000);
        assertEquals(60_000, health.snapshot("unionpay").p95Millis(), "beyond the last bound counts as the last");
    }

    /** A clock the tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
