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
public class Refund extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "payment_id")
    public String paymentId;
    @Column(name = "saga_id")
    public String sagaId;
    @Column(name = "amount")
    public long amountMinor;
    public String currency;
    public String reason;
    @Enumerated(EnumType.STRING)
    public RefundStatus status;
    @Column(name = "failure_code")
    public String failureCode;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public void moveTo(RefundStatus next, Instant at) {
        status = RefundStatus.LIFECYCLE.transition(id, status, next);
        updatedAt = at;
    }
}
