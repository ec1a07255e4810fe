package dev.paysaga.order.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.order.persistence.OrderRepository;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The order step of a payment saga — Try PENDING_PAYMENT → PAYING, Confirm → PAID, Cancel →
 * PENDING_PAYMENT again. ({@link PaymentRequests} starts the saga.)
 */
@ApplicationScoped
public class OrderPayments implements TccParticipant {
    private final OrderRepository orders;

    OrderPayments(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        PaymentInstruction payment = command.payment();
        return locked(payment.orderId()).map(order -> {
            if (order.amountMinor != payment.amountMinor() || !order.currency.equals(payment.currency())) {
                throw new TccRefusal("amount_invalid", "the payment does not match order " + order.id);
            }
            order.moveTo(OrderStatus.PAYING, Instant.now());
            return JsonNodeFactory.instance.objectNode().put("order_id", order.id);
        });
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        return locked(command.payment().orderId()).invoke(o -> o.moveTo(OrderStatus.PAID, Instant.now())).replaceWithVoid();
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return locked(command.payment().orderId())
                .invoke(o -> o.moveTo(OrderStatus.PENDING_PAYMENT, Instant.now())).replaceWithVoid();
    }

    private Uni<Order> locked(String orderId) {
        return orders.lockedForUpdate(orderId)
                .onItem().ifNull().failWith(() -> new TccRefusal("not_found", "no order " + orderId));
    }
}
