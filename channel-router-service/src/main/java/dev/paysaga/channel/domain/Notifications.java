package dev.paysaga.channel.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Receives a channel's asynchronous notification: verify, drop replays, resolve the payment's transaction
 * (or, for a refund notification, settle the refund through {@link ChannelRefunds}, checked against it).
 * <ul>
 * <li>Untrusted (forged, not our app, malformed) or not ours (unknown payment, other amount): refused,
 * nothing changes, counted in {@code paysaga_channel_notifications_refused_total{channel,reason}},
 * logged with the payment id only.</li>
 * <li>Replayed deliveries: a channel that signs each delivery with a nonce (WeChat Pay) has the nonce
 * claimed in Redis for longer than its freshness window; a delivery whose nonce was seen is refused
 * ({@code replayed}). Past the window the channel's timestamp check refuses it anyway.</li>
 * <li>Duplicates: the notification id is claimed in Redis ({@code SET NX} with a TTL longer than the
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
    private final ChannelRefunds refunds;
    private final ReactiveRedisDataSource redis;
    private final MeterRegistry metrics;
    private final String replayTtlSeconds;
    private final String nonceTtlSeconds;

    Notifications(Resolutions resolutions, ChannelRefunds refunds, ReactiveRedisDataSource redis, MeterRegistry metrics,
            @ConfigProperty(name = "paysaga.channels.notification-replay-ttl", defaultValue = "P2D") Duration replayTtl,
            @ConfigProperty(name = "paysaga.channels.delivery-nonce-ttl", defaultValue = "PT15M") Duration nonceTtl) {
        this.resolutions = resolutions;
        this.refunds = refunds;
        this.redis = redis;
        this.metrics = metrics;
        this.replayTtlSeconds = Long.toString(replayTtl.toSeconds());
        this.nonceTtlSeconds = Long.toString(nonceTtl.toSeconds());
    }

    public enum Outcome {
        ACCEPTED, REFUSED, FAILED
    }

    /** A refusal with its stable reason (a metric tag), or acceptance / failure (reason null). */
    public record Received(Outcome outcome, String reason) {
        static final Received ACCEPTED = new Received(Outcome.ACCEPTED, null);
        static final Received FAILED = new Received(Outcome.FAILED, null);
    }

    /** {@code inbound.body()} null means the body was unusable (too large). */
    public Uni<Received> receive(PaymentChannel channel, PaymentChannel.InboundNotification inbound) {
        ChannelNotification notification;
        try {
            if (inbound.body() == null) {
                throw new NotificationRefusedException("malformed", null);
            }
            notification = channel.parseAndVerify(inbound);
        } catch (NotificationRefusedException e) {
            return Uni.createFrom().item(refused(channel.name(), e.reason(), e.paymentId()));
        } catch (ChannelUnavailableException e) {
            return Uni.createFrom().item(Received.FAILED); // our keys are missing: let the channel resend later
        }
        String nonce = notification.deliveryNonce();
        Uni<Boolean> fresh = nonce == null ? Uni.createFrom().item(true)
                : claim("paysaga:channel-router:delivery-nonce:" + channel.name() + ":" + nonce, nonceTtlSeconds);
        return fresh.chain(isFresh -> isFresh ? resolve(channel, notification)
                : Uni.createFrom().item(refused(channel.name(), "replayed", notification.trade().paymentId())));
    }

    private Uni<Received> resolve(PaymentChannel channel, ChannelNotification notification) {
        if (notification.refund() != null) {
            return resolveRefund(channel, notification);
        }
        ChannelTransactionStatus outcome = Resolutions.outcomeOf(notification.trade().state());
        if (outcome == null) {
            return Uni.createFrom().item(Received.ACCEPTED); // not final (WAIT_BUYER_PAY): nothing to record
        }
        String key = "paysaga:channel-router:notification:" + channel.name() + ":" + notification.notificationId();
        return claim(key, replayTtlSeconds).chain(first -> {
            if (!first) {
                metrics.counter(REPLAYS, "channel", channel.name()).increment();
                return Uni.createFrom().item(Received.ACCEPTED);
            }
            ChannelTrade trade = notification.trade();
            String failure = outcome == ChannelTransactionStatus.FAILED ? "channel_declined" : null;
            return resolutions.resolve(trade.paymentId(), channel.name(), outcome, trade.channelTradeNo(),
                            trade.amountMinor(), failure, "notification")
                    .map(result -> switch (result.kind()) {
                        case RESOLVED, ALREADY, CONFLICT -> Received.ACCEPTED;
                        case UNKNOWN -> refused(channel.name(), "unknown_transaction", trade.paymentId());
                        case AMOUNT_MISMATCH -> refused(channel.name(), "amount_mismatch", trade.paymentId());
                    })
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("notification for payment %s not recorded, the channel will resend it: %s",
                                trade.paymentId(), e.toString());
                        return Received.FAILED;
                    })
                    .call(result -> result.outcome() == Outcome.ACCEPTED ? Uni.createFrom().voidItem() : release(key));
        });
    }

    /** A refund's final word settles it as its query would (once); a refund we never asked that channel for is refused. */
    private Uni<Received> resolveRefund(PaymentChannel channel, ChannelNotification notification) {
        var notice = notification.refund();
        String paymentId = notification.trade().paymentId();
        String key = "paysaga:channel-router:notification:" + channel.name() + ":" + notification.notificationId();
        return claim(key, replayTtlSeconds).chain(first -> {
            if (!first) {
                metrics.counter(REPLAYS, "channel", channel.name()).increment();
                return Uni.createFrom().item(Received.ACCEPTED);
            }
            return refunds.notified(channel.name(), paymentId, notice)
                    .map(kind -> switch (kind) {
                        case SETTLED -> Received.ACCEPTED;
                        case UNKNOWN -> refused(channel.name(), "unknown_refund", paymentId);
                        case AMOUNT_MISMATCH -> refused(channel.name(), "amount_mismatch", paymentId);
                    })
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("refund notification for payment %s not recorded, the channel will resend it: %s",
                                paymentId, e.toString());
                        return Received.FAILED;
                    })
                    .call(result -> result.outcome() == Outcome.ACCEPTED ? Uni.createFrom().voidItem() : release(key));
        });
    }

    private Received refused(String channel, String reason, String paymentId) {
        metrics.counter(REFUSED, "channel", channel, "reason", reason).increment();
        LOG.warnf("%s notification refused (%s) for payment %s", channel, reason, paymentId == null ? "?" : paymentId);
        return new Received(Outcome.REFUSED, reason);
    }

    /** True if this is the first time the key is seen (or Redis cannot tell: then the database decides). */
    private Uni<Boolean> claim(String key, String ttlSeconds) {
        return redis.execute("SET", key, "1", "NX", "EX", ttlSeconds)
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
