package dev.paysaga.runtime.ratelimit;

import dev.paysaga.runtime.auth.Caller;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Limits each credential's reads and writes and each merchant's total, in Redis so that every replica
 * of every service shares one count (one atomic script per request). Should Redis not answer within
 * {@code paysaga.rate-limit.redis-timeout}, this replica fails open to its own in-memory limiter with
 * the same limits: a Redis outage neither stops payments nor lifts the limits, though with N replicas
 * a caller may then get up to N times its limit.
 */
@Singleton
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final long REDIS_RETRY_AFTER_MILLIS = 1000;
    private static final String SCRIPT = script();
    private static final String SCRIPT_SHA = sha1(SCRIPT);

    /** One bucket a request counts against; {@code name} appears in the RateLimit headers. */
    public record Bucket(String name, String key, Gcra gcra) {
    }

    /** The answer for one request: the bucket closest to its limit. */
    public record Verdict(boolean allowed, Bucket bucket, long remaining, long retryAfterMillis, long resetMillis) {
    }

    private final RateLimitConfig config;
    private final ReactiveRedisDataSource redis;
    private final Gcra read;
    private final Gcra write;
    private final Gcra merchant;
    private final LocalLimiter local = new LocalLimiter();
    private volatile long redisSkippedUntil;

    RateLimiter(RateLimitConfig config, ReactiveRedisDataSource redis) {
        this.config = config;
        this.redis = redis;
        this.read = Gcra.perSecond(config.read().perSecond(), config.read().burst());
        this.write = Gcra.perSecond(config.write().perSecond(), config.write().burst());
        this.merchant = Gcra.perSecond(config.merchant().perSecond(), config.merchant().burst());
    }

    public List<Bucket> bucketsOf(Caller caller, boolean isWrite) {
        String prefix = config.prefix();
        Bucket own = isWrite ? new Bucket("write", prefix + caller.credentialId() + ":write", write)
                : new Bucket("read", prefix + caller.credentialId() + ":read", read);
        return caller.merchantId() == null ? List.of(own)
                : List.of(own, new Bucket("merchant", prefix + "merchant:" + caller.merchantId(), merchant));
    }

    public Uni<Verdict> check(List<Bucket> buckets) {
        if (System.currentTimeMillis() < redisSkippedUntil) {
            return Uni.createFrom().item(() -> local.decide(buckets, System.currentTimeMillis()));
        }
        return inRedis(buckets)
                .ifNoItem().after(config.redisTimeout()).fail()
                .onFailure().recoverWithItem(failure -> {
                    // Don't make every request wait for a Redis that is down: ask it again in a second.
                    redisSkippedUntil = System.currentTimeMillis() + REDIS_RETRY_AFTER_MILLIS;
                    LOG.debugf("rate limit decided locally: Redis did not answer (%s)", failure.toString());
                    return local.decide(buckets, System.currentTimeMillis());
                });
    }

    private Uni<Verdict> inRedis(List<Bucket> buckets) {
        String[] args = new String[2 + buckets.size() * 3];
        int i = 0;
        args[i++] = SCRIPT_SHA;
        args[i++] = Integer.toString(buckets.size());
        for (Bucket b : buckets) {
            args[i++] = b.key();
        }
        for (Bucket b : buckets) {
            args[i++] = Double.toString(b.gcra().intervalMillis());
            args[i++] = Integer.toString(b.gcra().burst());
        }
        return redis.execute("EVALSHA", args)
                .onFailure(f -> String.valueOf(f.getMessage()).contains("NOSCRIPT")).recoverWithUni(() -> {
                    args[0] = SCRIPT;
                    return redis.execute("EVAL", args);
                })
                .map(reply -> {
                    Bucket worst = buckets.get(reply.get(1).toInteger() - 1);
                    return new Verdict(reply.get(0).toInteger() == 1, worst, Math.max(0, reply.get(2).toLong()),
                            reply.get(3).toLong(), reply.get(4).toLong());
                });
    }

    private static String script() {
        try (InputStream in = RateLimiter.class.getResourceAsStream("ratelimit.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
