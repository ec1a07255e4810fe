package dev.paysaga.channel.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Receives a channel's asynchronous notification: verify, drop replays, resolve.
 * <ul>
 * <li>Untrusted (forged, not our app, malformed) or not ours (unknown payment, other amount): refused,
 * nothing changes, counted in {@code paysaga_channel_notifications_refused_total{channel,reason}},
 * logged with the payment id only.</li>
 * <li>Replays: the notification id is claimed in Redis ({@code SET NX} with a TTL longer than the
 * channel's resend window) so a resend is acknowledged without work. Redis is the fast path, not the
 * guarantee: the transaction resolves once under its row lock whatever Redis says, so a Redis outage
 * only costs a database round trip. A claim whose processing failed or was refused is released, so
 * the channel's resend is processed again.</li>
 * </ul>
 */
@ApplicationScoped
public class Notifications {
    static final String REFUSED = "paysaga.channel.notifications.refused";
    static final String REPLAYS = "paysaga.channel.notifications.replayed";
    private static final Logger LOG = Logger.getLogger(Notifications.class);

    private final Resolutions resolutions;
    private final ReactiveRedisDataSource redis;
    private final MeterRegistry metrics;
    private final String replayTtlSeconds;

    Notifications(Resolutions resolutions, ReactiveRedisDataSource redis, MeterRegistry metrics,
            @ConfigProperty(name = "paysaga.channels.notification-replay-ttl", defaultValue = "P2D") Duration replayTtl) {
        this.resolutions = resolutions;
        this.redis = redis;
        this.metrics = metrics;
        this.replayTtlSeconds = Long.toString(replayTtl.toSeconds());
    }

    public enum Outcome {
        ACCEPTED, REFUSED, FAILED
    }

    /** {@code form} null means the body was not a form. */
    public Uni<Outcome> receive(PaymentChannel channel, Map<String, String> form) {
        ChannelNotification notification;
        try {
            if (form == null) {
                throw new NotificationRefusedException("malformed", null);
            }
            notification = channel.parseAndVerify(form);
        } catch (NotificationRefusedException e) {
            return Uni.createFrom().item(refused(channel.name(), e.reason(), e.paymentId()));
        } catch (ChannelUnavailableException e) {
            return Uni.createFrom().item(Outcome.FAILED); // our keys are missing: let the channel resend later
        }
        ChannelTransactionStatus outcome = Resolutions.outcomeOf(notification.trade().state());
        if (outcome == null) {
            return Uni.createFrom().item(Outcome.ACCEPTED); // not final (WAIT_BUYER_PAY): nothing to record
        }
        String key = "paysaga:channel-router:notification:" + channel.name() + ":" + notification.notificationId();
        return claim(key).chain(first -> {
            if (!first) {
                metrics.counter(REPLAYS, "channel", channel.name()).increment();
                return Uni.createFrom().item(Outcome.ACCEPTED);
            }
            ChannelTrade trade = notification.trade();
            String failure = outcome == ChannelTransactionStatus.FAILED ? "channel_declined" : null;
            return resolutions.resolve(trade.paymentId(), outcome, trade.channelTradeNo(), trade.amountMinor(),
                            failure, "notification")
                    .map(result -> switch (result.kind()) {
                        case RESOLVED, ALREADY, CONFLICT -> Outcome.ACCEPTED;
                        case UNKNOWN -> refused(channel.name(), "unknown_transaction", trade.paymentId());
                        case AMOUNT_MISMATCH -> refused(channel.name(), "amount_mismatch", trade.paymentId());
                    })
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("notification for payment %s not recorded, the channel will resend it: %s",
                                trade.paymentId(), e.toString());
                        return Outcome.FAILED;
                    })
                    .call(result -> result == Outcome.ACCEPTED ? Uni.createFrom().voidItem() : release(key));
        });
    }

    private Outcome refused(String channel, String reason, String paymentId) {
        metrics.counter(REFUSED, "channel", channel, "reason", reason).increment();
        LOG.warnf("%s notification refused (%s) for payment %s", channel, reason, paymentId == null ? "?" : paymentId);
        return Outcome.REFUSED;
    }

    /** True if this is the first time the key is seen (or Redis cannot tell: then the database decides). */
    private Uni<Boolean> claim(String key) {
        return redis.execute("SET", key, "1", "NX", "EX", replayTtlSeconds)
                .map(response -> response != null)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Redis unavailable for notification replays (%s): the database decides", e.toString());
                    return true;
                });
    }

    private Uni<Void> release(String key) {
        return redis.execute("DEL", key).replaceWithVoid().onFailure().recoverWithNull();
    }
}
