package dev.paysaga.order.api;

import dev.paysaga.order.domain.Order;
import dev.paysaga.order.domain.OrderLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An order as docs/api.md shows it. */
public record OrderView(String id, String merchantId, String customerId, String status, long amount, String currency,
        List<LineView> lines, Map<String, String> metadata, Instant expiresAt, Instant createdAt, Instant updatedAt) {

    public record LineView(String sku, int quantity, long unitAmount, long amount) {
        static LineView of(OrderLine line) {
            return new LineView(line.sku(), line.quantity(), line.unitAmount(), line.amount());
        }
    }

    static OrderView of(Order order) {
        return new OrderView(order.id, order.merchantId, order.customerId, order.status.name().toLowerCase(),
                order.amountMinor, order.currency, order.lines.stream().map(LineView::of).toList(), order.metadata,
                order.expiresAt, order.createdAt, order.updatedAt);
    }
}
