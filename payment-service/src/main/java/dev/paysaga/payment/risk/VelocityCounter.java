package dev.paysaga.payment.risk;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sliding-window counts of payments for the frequency rules, in Redis so that every replica shares
 * them: one sorted set per rule and customer (or merchant), the payment id its member, updated and read
 * by one Lua script per payment. A Redis that does not answer within {@code paysaga.risk.redis-timeout}
 * answers empty: the frequency rules fail open (docs/risk.md), and Redis is not asked again for a
 * second so that an outage does not add its timeout to every payment.
 */
@ApplicationScoped
public class VelocityCounter {
    private static final Logger LOG = Logger.getLogger(VelocityCounter.class);
    private static final long SKIP_AFTER_FAILURE_MILLIS = 1000;
    private static final String SCRIPT = script();

    /** One window a payment falls into: its key and length. */
    public record Window(String key, Duration length) {
    }

    /** What a window holds once the payment is counted in it. */
    public record Tally(long count, long amount) {
    }

    private final ReactiveRedisDataSource redis;
    private final Duration timeout;
    private volatile long skippedUntil;

    VelocityCounter(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "paysaga.risk.redis-timeout", defaultValue = "PT0.25S") Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    /** Counts the payment in each window; empty when Redis could not be asked. */
    public Uni<Optional<List<Tally>>> count(String paymentId, long amount, long nowMillis, List<Window> windows) {
        if (windows.isEmpty()) {
            return Uni.createFrom().item(Optional.of(List.of()));
        }
        if (System.currentTimeMillis() < skippedUntil) {
            return Uni.createFrom().item(Optional.empty());
        }
        List<String> args = new ArrayList<>(List.of(SCRIPT, Integer.toString(windows.size() * 2)));
        windows.forEach(w -> args.addAll(List.of(w.key(), w.key() + ":amount")));
        args.addAll(List.of(Long.toString(nowMillis), paymentId, Long.toString(amount)));
        windows.forEach(w -> args.add(Long.toString(w.length().toMillis())));
        return redis.execute("EVAL", args.toArray(String[]::new))
                .ifNoItem().after(timeout).fail()
                .map(reply -> {
                    List<Tally> tallies = new ArrayList<>();
                    for (int i = 0; i < windows.size(); i++) {
                        tallies.add(new Tally(reply.get(2 * i).toLong(), reply.get(2 * i + 1).toLong()));
                    }
                    return Optional.of(tallies);
                })
                .onFailure().recoverWithItem(failure -> {
                    skippedUntil = System.currentTimeMillis() + SKIP_AFTER_FAILURE_MILLIS;
                    LOG.warnf("frequency rules skipped for payment %s: Redis did not answer (%s)", paymentId, failure);
                    return Optional.empty();
                });
    }

    private static String script() {
        try (InputStream in = VelocityCounter.class.getResourceAsStream("velocity.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
