package dev.paysaga.order.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.PaymentRequested;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.Topics;
import dev.paysaga.order.persistence.DatabaseClock;
import dev.paysaga.order.persistence.OrderRepository;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;

/**
 * The order's part in paying it: asking for a payment (which starts the saga), and the order step
 * of that saga — Try PENDING_PAYMENT → PAYING, Confirm → PAID, Cancel → PENDING_PAYMENT again.
 */
@ApplicationScoped
public class OrderPayments implements TccParticipant {
    /** Methods this build can take; the channel methods arrive with the channel router. */
    static final Set<String> METHODS = Set.of("wallet");

    private final OrderRepository orders;
    private final DatabaseClock clock;
    private final Outbox outbox;

    OrderPayments(OrderRepository orders, DatabaseClock clock, Outbox outbox) {
        this.orders = orders;
        this.clock = clock;
        this.outbox = outbox;
    }

    public record PaymentStarted(String paymentId, String sagaId) {
    }

    /**
     * Records the request to pay; the orchestrator starts the saga from the message. An order whose
     * payment window has closed is refused here rather than handed to a saga.
     */
    public Uni<PaymentStarted> requestPayment(String orderId, String method, String customerId) {
        if (!METHODS.contains(method)) {
            throw ApiException.invalidRequest("method", "method must be one of " + METHODS);
        }
        return Panache.withTransaction(() -> orders.lockedForUpdate(orderId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("order", orderId))
                .call(order -> clock.now().invoke(order::requirePayable))
                .chain(order -> {
                    String payer = customerId != null ? customerId : order.customerId;
                    PaymentInstruction payment = new PaymentInstruction(Ids.next("pay"), order.id, order.merchantId,
                            payer, order.amountMinor, order.currency, method, null);
                    String sagaId = Ids.next("sag");
                    return outbox.enqueue(new OutgoingEvent(Topics.ORDER_EVENTS, order.id, PaymentRequested.TYPE,
                                    order.id, sagaId, new PaymentRequested(sagaId, payment)))
                            .replaceWith(new PaymentStarted(payment.paymentId(), sagaId));
                }));
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
