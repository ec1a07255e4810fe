package dev.paysaga.runtime.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GcraTest {
    private final Gcra tenPerSecondBurstThree = Gcra.perSecond(10, 3);

    @Test
    void aBurstIsAllowedAtOnceThenOneRequestPerInterval() {
        double tat = 0;
        long now = 1_000_000;
        for (int i = 2; i >= 0; i--) {
            Gcra.Decision d = tenPerSecondBurstThree.decide(tat, now);
            assertTrue(d.allowed());
            assertEquals(i, d.remaining());
            tat = d.tat();
        }
        Gcra.Decision refused = tenPerSecondBurstThree.decide(tat, now);
        assertFalse(refused.allowed());
        assertEquals(100, refused.retryAfterMillis());
        assertEquals(tat, refused.tat(), "a refused request costs nothing");

        assertFalse(tenPerSecondBurstThree.decide(tat, now + 99).allowed());
        Gcra.Decision later = tenPerSecondBurstThree.decide(tat, now + 100);
        assertTrue(later.allowed());
        assertEquals(0, later.remaining());
    }

    @Test
    void aQuietBucketRefillsToTheBurstAndNoFurther() {
        Gcra.Decision first = tenPerSecondBurstThree.decide(0, 5_000);
        Gcra.Decision afterAnHour = tenPerSecondBurstThree.decide(first.tat(), 5_000 + 3_600_000);
        assertEquals(2, afterAnHour.remaining());
    }

    @Test
    void theLocalLimiterDecidesLikeTheScriptAcrossBuckets() {
        RateLimiter.Bucket own = new RateLimiter.Bucket("write", "k:write", Gcra.perSecond(1, 2));
        RateLimiter.Bucket merchant = new RateLimiter.Bucket("merchant", "m", Gcra.perSecond(1, 5));
        LocalLimiter limiter = new LocalLimiter();
        var buckets = java.util.List.of(own, merchant);
        assertTrue(limiter.decide(buckets, 10_000).allowed());
        RateLimiter.Verdict second = limiter.decide(buckets, 10_000);
        assertTrue(second.allowed());
        assertEquals("write", second.bucket().name());
        assertEquals(0, second.remaining());
        RateLimiter.Verdict third = limiter.decide(buckets, 10_000);
        assertFalse(third.allowed());
        assertEquals(1000, third.retryAfterMillis());
        assertTrue(limiter.decide(buckets, 11_000).allowed());
    }
}
