package dev.paysaga.order.domain;

import dev.paysaga.contracts.OrderCreated;
import dev.paysaga.contracts.Topics;
import dev.paysaga.order.persistence.StockReservations;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Places an order: reserves its merchant's stock, stores it and announces {@code order.created}, all in one
 * transaction, so stock is never held by an order that does not exist, nor the reverse.
 */
@ApplicationScoped
public class OrderPlacement {
    private final StockReservations stock;
    private final Outbox outbox;
    private final Duration unpaidTimeout;

    OrderPlacement(StockReservations stock, Outbox outbox,
            @ConfigProperty(name = "paysaga.order.unpaid-timeout") Duration unpaidTimeout) {
        if (unpaidTimeout.isNegative() || unpaidTimeout.isZero()) {
            throw new IllegalArgumentException("paysaga.order.unpaid-timeout must be positive");
        }
        this.stock = stock;
        this.outbox = outbox;
        this.unpaidTimeout = unpaidTimeout;
    }

    /** A placed order and its client secret, which exists nowhere else (the order keeps its hash). */
    public record Placed(Order order, String clientSecret) {
    }

    /** {@code lines} and amounts must already be validated; the total is computed here, overflow-safe. */
    public Uni<Placed> place(String merchantId, String customerId, String currency, List<OrderLine> lines,
            Map<String, String> metadata) {
        Instant now = Instant.now();
        Order order = new Order();
        order.id = Ids.next("ord");
        order.merchantId = merchantId;
        order.customerId = customerId;
        order.currency = currency;
        order.lines = List.copyOf(lines);
        order.amountMinor = lines.stream().mapToLong(OrderLine::amount).reduce(0, Math::addExact);
        order.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        order.status = OrderStatus.PENDING_PAYMENT;
        order.createdAt = now;
        order.updatedAt = now;
        order.expiresAt = now.plus(unpaidTimeout); // UnpaidOrderTimeouts closes it after this
        String clientSecret = order.issueClientSecret();
        return Panache.withTransaction(() -> stock.reserve(order)
                .chain(() -> order.<Order>persist())
                .call(() -> outbox.enqueue(OutgoingEvent.about(Topics.ORDER_EVENTS, order.id, OrderCreated.TYPE,
                        created(order)))))
                .map(placed -> new Placed(placed, clientSecret));
    }

    private static OrderCreated created(Order order) {
        return new OrderCreated(order.id, order.merchantId, order.customerId, order.amountMinor, order.currency,
                order.lines.stream().map(l -> new OrderCreated.Line(l.sku(), l.quantity(), l.unitAmount())).toList());
    }
}
