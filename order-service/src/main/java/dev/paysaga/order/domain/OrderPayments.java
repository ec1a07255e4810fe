package dev.paysaga.order.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.order.persistence.DatabaseClock;
import dev.paysaga.order.persistence.OrderRepository;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The order step of a payment saga — Try PENDING_PAYMENT → PAYING, Confirm → PAID, Cancel →
 * PENDING_PAYMENT again. ({@link PaymentRequests} starts the saga.) Try takes the order only for the
 * payment it has in progress (or none); Confirm and Cancel end that payment, so after a failed payment
 * the order can be paid again.
 */
@ApplicationScoped
public class OrderPayments implements TccParticipant {
    private final OrderRepository orders;
    private final DatabaseClock clock;

    OrderPayments(OrderRepository orders, DatabaseClock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        PaymentInstruction payment = command.payment();
        return locked(payment.orderId()).chain(order -> clock.now().map(now -> {
            if (order.amountMinor != payment.amountMinor() || !order.currency.equals(payment.currency())) {
                throw new TccRefusal("amount_invalid", "the payment does not match order " + order.id);
            }
            order.takeForPayment(payment.paymentId(), now);
            return JsonNodeFactory.instance.objectNode().put("order_id", order.id);
        }));
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        return end(command.payment(), OrderStatus.PAID);
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return end(command.payment(), OrderStatus.PENDING_PAYMENT);
    }

    /** The payment's outcome: the order moves to {@code next} and no longer has the payment in progress. */
    private Uni<Void> end(PaymentInstruction payment, OrderStatus next) {
        return locked(payment.orderId()).invoke(order -> {
            order.moveTo(next, Instant.now());
            order.endPayment(payment.paymentId());
        }).replaceWithVoid();
    }

    /**
     * The saga failed before its order step took the order, or that step refused: the payment will not
     * happen, so it no longer holds the order (if the orchestrator cancels this step always; otherwise
     * the hold lapses, see {@link PaymentRequests}).
     */
    @Override
    public Uni<Void> cancelUntried(SagaCommand command) {
        return orders.lockedForUpdate(command.payment().orderId())
                .invoke(order -> {
                    if (order != null) {
                        order.endPayment(command.payment().paymentId());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Order> locked(String orderId) {
        return orders.lockedForUpdate(orderId)
                .onItem().ifNull().failWith(() -> new TccRefusal("not_found", "no order " + orderId));
    }
}
