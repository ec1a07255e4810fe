package dev.paysaga.order.domain;

import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A merchant's order. Its lines are an immutable snapshot taken when it was placed. */
@Entity
@Table(name = "orders")
public class Order extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "merchant_id")
    public String merchantId;
    @Column(name = "customer_id")
    public String customerId;
    public String currency;
    @Column(name = "amount")
    public long amountMinor;
    @Enumerated(EnumType.STRING)
    public OrderStatus status;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    public List<OrderLine> lines;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    /** Moves to {@code next} if the lifecycle allows it; refuses otherwise. */
    public void moveTo(OrderStatus next, Instant at) {
        status = OrderStatus.LIFECYCLE.transition(id, status, next);
        updatedAt = at;
    }

    /**
     * Refuses to start a payment unless the order is waiting for one and its payment window is
     * still open at {@code now}: an expired order is about to be closed and its stock released.
     */
    public void requirePayable(Instant now) {
        if (status != OrderStatus.PENDING_PAYMENT) {
            throw ApiException.invalidStateTransition(
                    "order " + id + " is " + status.name().toLowerCase() + ", not payable");
        }
        if (!now.isBefore(expiresAt)) {
            throw ApiException.invalidStateTransition(
                    "order " + id + " expired at " + expiresAt + " and can no longer be paid; place a new order");
        }
    }
}
