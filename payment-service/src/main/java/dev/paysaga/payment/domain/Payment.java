package dev.paysaga.payment.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
public class Payment extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "saga_id")
    public String sagaId;
    @Column(name = "merchant_id")
    public String merchantId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "amount")
    public long amountMinor;
    @Column(name = "amount_refunded")
    public long amountRefundedMinor;
    public String currency;
    public String method;
    public String channel;
    @Enumerated(EnumType.STRING)
    public PaymentStatus status;
    @Column(name = "failure_code")
    public String failureCode;
    @Column(name = "failure_message")
    public String failureMessage;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public void moveTo(PaymentStatus next, Instant at) {
        status = PaymentStatus.LIFECYCLE.transition(id, status, next);
        updatedAt = at;
    }
}
