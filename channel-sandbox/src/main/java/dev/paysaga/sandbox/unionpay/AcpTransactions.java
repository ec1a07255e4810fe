package dev.paysaga.sandbox.unionpay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sandbox's in-memory UnionPay transactions by orderId (and consumes by queryId), bounded by max-orders. */
@ApplicationScoped
public class AcpTransactions {
    private final Map<String, AcpTransaction> byOrderId = new ConcurrentHashMap<>();
    private final Map<String, AcpTransaction> byQueryId = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000L);
    private final int maxOrders;

    public AcpTransactions(@ConfigProperty(name = "paysaga.sandbox.unionpay.max-orders", defaultValue = "100000") int maxOrders) {
        this.maxOrders = maxOrders;
    }

    record Created(AcpTransaction transaction, boolean isNew) {
    }

    /** The transaction of this orderId, made by {@code factory} (given a fresh queryId) if new; empty when full. */
    Optional<Created> createIfAbsent(String orderId, Function<String, AcpTransaction> factory) {
        AcpTransaction existing = byOrderId.get(orderId);
        if (existing != null) {
            return Optional.of(new Created(existing, false));
        }
        if (byOrderId.size() >= maxOrders) {
            return Optional.empty();
        }
        boolean[] created = {false};
        AcpTransaction tx = byOrderId.computeIfAbsent(orderId, id -> {
            created[0] = true;
            return factory.apply(nextQueryId());
        });
        if (created[0]) {
            byQueryId.put(tx.queryId, tx);
        }
        return Optional.of(new Created(tx, created[0]));
    }

    /** Drops a transaction that was refused after it was registered, so its orderId stays free. */
    void forget(AcpTransaction tx) {
        byOrderId.remove(tx.orderId, tx);
        byQueryId.remove(tx.queryId, tx);
    }

    Optional<AcpTransaction> byOrderId(String orderId) {
        return Optional.ofNullable(orderId == null ? null : byOrderId.get(orderId));
    }

    Optional<AcpTransaction> byQueryId(String queryId) {
        return Optional.ofNullable(queryId == null ? null : byQueryId.get(queryId));
    }

    /** Every transaction held now (at most max-orders). */
    List<AcpTransaction> all() {
        return List.copyOf(byOrderId.values());
    }

    /** 21 digits like UnionPay's queryId: the Beijing time to the second, then a sequence. */
    String nextQueryId() {
        return AcpTime.format(AcpTime.now()) + String.format("%07d", sequence.incrementAndGet() % 10_000_000L);
    }
}
