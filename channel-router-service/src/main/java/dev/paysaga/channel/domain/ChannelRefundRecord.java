package dev.paysaga.channel.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The router's record of one refund it asked a payment's channel for. */
@Entity
@Table(name = "channel_refund")
public class ChannelRefundRecord extends PanacheEntityBase {
    @Id
    @Column(name = "refund_id")
    public String refundId;
    @Column(name = "payment_id")
    public String paymentId;
    public String channel;
    @Column(name = "amount")
    public long amountMinor;
    public String currency;
    public String reason;
    @Enumerated(EnumType.STRING)
    public ChannelRefundStatus status;
    @Column(name = "failure_code")
    public String failureCode;
    @Column(name = "channel_code")
    public String channelCode;
    @Column(name = "channel_reference")
    public String channelReference;
    @Column(name = "next_query_at")
    public Instant nextQueryAt;
    @Column(name = "query_attempts")
    public int queryAttempts;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Version
    public long version;

    /** The refund as its channel is asked for it, with what the payment's transaction knows. */
    public ChannelRefund asked(ChannelTransaction payment) {
        return new ChannelRefund(paymentId, refundId, amountMinor, payment.amountMinor, currency, payment.channelTradeNo);
    }

    public void succeed(String reference, Instant at) {
        resolve(ChannelRefundStatus.SUCCEEDED, at);
        channelReference = reference;
    }

    public void fail(String failure, String code, Instant at) {
        resolve(ChannelRefundStatus.FAILED, at);
        failureCode = failure;
        channelCode = code;
    }

    private void resolve(ChannelRefundStatus outcome, Instant at) {
        status = ChannelRefundStatus.LIFECYCLE.transition(refundId, status, outcome);
        nextQueryAt = null;
        resolvedAt = at;
        updatedAt = at;
    }
}
