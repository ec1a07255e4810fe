package dev.paysaga.order.domain;

import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.ClientSecrets;
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
    /** The payment this order has in progress (its saga may still take it), or {@code null}. */
    @Column(name = "payment_in_progress")
    public String paymentInProgress;
    /**
     * Until when a requested payment holds the order before its saga's order step takes it; {@code null}
     * once the step has (the order is then PAYING until that step confirms or cancels).
     */
    @Column(name = "payment_in_progress_until")
    public Instant paymentInProgressUntil;
    /** The SHA-256 of the order's client secret, never the secret; {@code null} for orders placed before there were any. */
    @Column(name = "client_secret_sha256")
    public String clientSecretSha256;
    @Version
    public long version;

    /**
     * Gives the order a client secret for its buyer's page and keeps only its hash: the secret returned
     * is the caller's to show once.
     */
    public String issueClientSecret() {
        String secret = ClientSecrets.generate(id);
        clientSecretSha256 = ClientSecrets.hash(secret);
        return secret;
    }

    /** Whether {@code caller} may see this order: its merchant's, the platform, or the holder of its client secret. */
    public boolean visibleTo(Caller caller) {
        return caller.sees(merchantId, clientSecretSha256);
    }

    /** Moves to {@code next} if the lifecycle allows it; refuses otherwise. */
    public void moveTo(OrderStatus next, Instant at) {
        status = OrderStatus.LIFECYCLE.transition(id, status, next);
        updatedAt = at;
    }

    /** Closes the order; a payment it had in progress can no longer take it. */
    public void close(Instant at) {
        moveTo(OrderStatus.CLOSED, at);
        endPayment(paymentInProgress);
    }

    /**
     * The customer whose wallet pays: the order's own. A payment names no one else; {@code requested}
     * may be omitted.
     */
    public String payer(String requested) {
        if (requested != null && !requested.equals(customerId)) {
            throw ApiException.invalidRequest("customer_id", "An order is paid by its own customer");
        }
        return customerId;
    }

    /**
     * Refuses to start a payment unless the order is waiting for one, has none in progress, and its
     * payment window is still open at {@code now}: an expired order is about to be closed and its
     * stock released.
     */
    public void requirePayable(Instant now) {
        if (status == OrderStatus.PAYING || holdsPaymentOtherThan(null, now)) {
            throw paymentInProgress();
        }
        if (status != OrderStatus.PENDING_PAYMENT) {
            throw ApiException.invalidStateTransition(
                    "order " + id + " is " + status.name().toLowerCase() + ", not payable");
        }
        if (!now.isBefore(expiresAt)) {
            throw ApiException.invalidStateTransition(
                    "order " + id + " expired at " + expiresAt + " and can no longer be paid; place a new order");
        }
    }

    /**
     * Records {@code paymentId} as the order's payment in progress: until its saga's order step takes
     * the order, at most until {@code until}, no other payment may start.
     */
    public void startPayment(String paymentId, Instant until) {
        paymentInProgress = paymentId;
        paymentInProgressUntil = until;
    }

    /**
     * The saga of {@code paymentId} takes the order (PENDING_PAYMENT → PAYING); refused while another
     * payment holds it. A payment whose hold lapsed before its saga got here may still take an order
     * no other payment holds.
     */
    public void takeForPayment(String paymentId, Instant now) {
        if (status == OrderStatus.PAYING || holdsPaymentOtherThan(paymentId, now)) {
            throw paymentInProgress();
        }
        moveTo(OrderStatus.PAYING, now);
        startPayment(paymentId, null);
    }

    /** The outcome of {@code paymentId} is known: the order no longer has it in progress (another's changes nothing). */
    public void endPayment(String paymentId) {
        if (paymentId != null && paymentId.equals(paymentInProgress)) {
            startPayment(null, null);
        }
    }

    private boolean holdsPaymentOtherThan(String paymentId, Instant now) {
        return paymentInProgress != null && !paymentInProgress.equals(paymentId)
                && (paymentInProgressUntil == null || now.isBefore(paymentInProgressUntil));
    }

    private ApiException paymentInProgress() {
        return new ApiException(409, "payment_in_progress",
                "order " + id + " has a payment in progress; wait for its outcome before paying again");
    }
}
