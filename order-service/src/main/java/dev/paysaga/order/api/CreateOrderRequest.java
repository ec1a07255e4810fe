package dev.paysaga.order.api;

import dev.paysaga.order.domain.OrderLine;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.ClientIds;
import dev.paysaga.runtime.money.Currencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/orders}. {@code merchant_id} may be omitted with a merchant key (the order is
 * the key's merchant's); the platform credential must name it.
 */
public record CreateOrderRequest(String merchantId, String customerId, String currency, List<Line> lines,
        Map<String, String> metadata) {
    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 1_000_000;

    public record Line(String sku, Integer quantity, Long unitAmount) {
    }

    /** The validated lines; refuses the first bad field with its {@code param}. */
    List<OrderLine> validLines() {
        if (merchantId != null) {
            ClientIds.requireId(merchantId, "merchant_id");
        }
        ClientIds.requireId(customerId, "customer_id");
        Currencies.requireSupported(currency, "currency");
        if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw ApiException.invalidRequest("lines", "An order has 1 to " + MAX_LINES + " lines");
        }
        List<OrderLine> valid = new ArrayList<>(lines.size());
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String at = "lines[" + i + "]";
            if (line == null) {
                throw ApiException.invalidRequest(at, "A line is required");
            }
            ClientIds.requireSku(line.sku(), at + ".sku");
            if (line.quantity() == null || line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw ApiException.invalidRequest(at + ".quantity", "quantity must be 1 to " + MAX_QUANTITY);
            }
            long unit = Currencies.requirePositive(line.unitAmount(), at + ".unit_amount");
            OrderLine orderLine = new OrderLine(line.sku(), line.quantity(), unit);
            try {
                total = Math.addExact(total, orderLine.amount());
            } catch (ArithmeticException overflow) {
                throw new ApiException(400, "amount_invalid", "The order total overflows", at + ".unit_amount");
            }
            valid.add(orderLine);
        }
        return valid;
    }
}
