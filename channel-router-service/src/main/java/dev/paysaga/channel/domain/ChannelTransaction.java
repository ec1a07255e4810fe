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
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One payment's transaction at a channel: one per payment id. */
@Entity
@Table(name = "channel_transaction")
public class ChannelTransaction extends PanacheEntityBase {
    @Id
    @Column(name = "payment_id")
    public String paymentId;
    @Column(name = "merchant_id")
    public String merchantId;
    public String channel;
    public String method;
    public String terminal;
    @Column(name = "amount")
    public long amountMinor;
    public String currency;
    @Enumerated(EnumType.STRING)
    public ChannelTransactionStatus status;
    @Column(name = "channel_trade_no")
    public String channelTradeNo;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "next_action")
    public Map<String, String> nextAction;
    @Column(name = "routing_reason")
    public String routingReason;
    @Column(name = "failure_code")
    public String failureCode;
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

    public PaymentChannel.ChannelPayment payment() {
        return new PaymentChannel.ChannelPayment(paymentId, merchantId, amountMinor, currency, terminal, channelTradeNo);
    }

    /** Resolves the transaction (once: the lifecycle refuses a second resolution). */
    /** The authorization of this succeeded payment was released at the channel before any capture. */
    public void release(Instant at) {
        status = ChannelTransactionStatus.LIFECYCLE.transition(paymentId, status, ChannelTransactionStatus.RELEASED);
        updatedAt = at;
    }

    public void resolve(ChannelTransactionStatus outcome, String tradeNo, String failure, Instant at) {
        status = ChannelTransactionStatus.LIFECYCLE.transition(paymentId, status, outcome);
        if (tradeNo != null) {
            channelTradeNo = tradeNo;
        }
        failureCode = failure;
        nextQueryAt = null;
        resolvedAt = at;
        updatedAt = at;
    }
}
