package dev.paysaga.order.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.PaymentRequested;
import dev.paysaga.contracts.Topics;
import dev.paysaga.order.messaging.ChannelRouter;
import dev.paysaga.order.persistence.DatabaseClock;
import dev.paysaga.order.persistence.OrderRepository;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.RemoteRefusal;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A customer asks to pay an order: the request is recorded as {@code payment.requested} (the
 * orchestrator starts the saga from it). For a channel method the channel transaction is opened
 * first, outside any database transaction, so the answer can carry what the customer needs to pay;
 * should the order stop being payable meanwhile, that transaction is closed again.
 *
 * <p>An order has at most one payment in progress: recording one marks the order with its id (in the
 * transaction that records {@code payment.requested}), and a second request meanwhile is refused with
 * {@code payment_in_progress} — checked under the order's lock before a channel transaction is opened
 * and again when recording. The mark ends with that payment's outcome at the saga's order step
 * ({@link OrderPayments}) or when the order closes. Until the order step takes the order it lapses
 * after {@code paysaga.order.payment-start-within}, so a saga that fails or stalls before its order
 * step (or a lost one) cannot block the order for longer than that; once the step has taken it, the
 * saga's own deadlines bound it.
 */
@ApplicationScoped
public class PaymentRequests {
    private static final Logger LOG = Logger.getLogger(PaymentRequests.class);
    /** {@code auto}: channel-router-service picks the channel (its routing table and the merchant's strategy). */
    static final Set<String> METHODS = Set.of(PaymentInstruction.WALLET, "alipay", "wechatpay", "unionpay", "stripe",
            "auto");
    static final Set<String> TERMINALS = Set.of("mobile", "web", "pos");

    private final OrderRepository orders;
    private final DatabaseClock clock;
    private final Outbox outbox;
    private final ChannelRouter router;
    private final Duration startWithin;

    PaymentRequests(OrderRepository orders, DatabaseClock clock, Outbox outbox, @RestClient ChannelRouter router,
            @ConfigProperty(name = "paysaga.order.payment-start-within") Duration startWithin) {
        if (startWithin.isNegative() || startWithin.isZero()) {
            throw new IllegalArgumentException("paysaga.order.payment-start-within must be positive");
        }
        this.orders = orders;
        this.clock = clock;
        this.outbox = outbox;
        this.router = router;
        this.startWithin = startWithin;
    }

    /** @param nextAction what the customer does at the channel; {@code null} for a wallet */
    public record PaymentStarted(String paymentId, String sagaId, JsonNode nextAction) {
    }

    /** @param customerId the payer if named: must be the order's customer */
    public Uni<PaymentStarted> request(Caller caller, String orderId, String method, String customerId,
            String terminal) {
        if (!METHODS.contains(method)) {
            throw ApiException.invalidRequest("method", "method must be one of " + METHODS);
        }
        if (terminal != null && !TERMINALS.contains(terminal)) {
            throw ApiException.invalidRequest("terminal", "terminal must be one of " + TERMINALS);
        }
        String paymentId = Ids.next("pay");
        Request request = new Request(caller, orderId, paymentId, method, customerId);
        if (PaymentInstruction.WALLET.equals(method)) {
            return record(request, null, null);
        }
        return Panache.withTransaction(() -> payable(request))
                .chain(order -> router.open(new ChannelRouter.Open(paymentId, order.merchantId, order.amountMinor,
                                order.currency, method, terminal != null ? terminal : "web"))
                        // Out of reach, the router may still have opened it: close it rather than leave it pending.
                        .onFailure(failure -> !refusedByRouter(failure)).call(e -> closeQuietly(paymentId))
                        .onFailure().transform(PaymentRequests::refusal))
                .chain(opened -> record(request, opened.channel(), opened.nextAction())
                        .onFailure().call(e -> closeQuietly(paymentId)));
    }

    /** What one pay request asks, as checked and recorded. */
    private record Request(Caller caller, String orderId, String paymentId, String method, String customerId) {
    }

    private Uni<PaymentStarted> record(Request request, String channel, JsonNode nextAction) {
        return Panache.withTransaction(() -> payable(request).chain(order -> clock.now().chain(now -> {
            order.startPayment(request.paymentId(), now.plus(startWithin));
            PaymentInstruction payment = new PaymentInstruction(request.paymentId(), order.id, order.merchantId,
                    order.payer(request.customerId()), order.amountMinor, order.currency, request.method(), channel);
            String sagaId = Ids.next("sag");
            return outbox.enqueue(new OutgoingEvent(Topics.ORDER_EVENTS, order.id, PaymentRequested.TYPE, order.id,
                            sagaId, new PaymentRequested(sagaId, payment)))
                    .replaceWith(new PaymentStarted(request.paymentId(), sagaId, nextAction));
        })));
    }

    /**
     * The order, locked, if the caller may pay it now: refused otherwise (unknown or another merchant's,
     * another payer, not pending, a payment in progress, expired).
     */
    private Uni<Order> payable(Request request) {
        return orders.lockedFor(request.caller(), request.orderId())
                .invoke(order -> order.payer(request.customerId()))
                .call(order -> clock.now().invoke(order::requirePayable));
    }

    private Uni<Void> closeQuietly(String paymentId) {
        return router.close(paymentId).replaceWithVoid().onFailure().recoverWithUni(e -> {
            LOG.warnf("channel transaction of %s left open after its payment was refused: %s", paymentId, e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** The router's refusal of the request (a 4xx), passed on with its code. */
    private static boolean refusedByRouter(Throwable failure) {
        return RemoteRefusal.of(failure).isPresent();
    }

    /** The router's refusal, or — no connection, a timeout, a 5xx — the channel out of reach. */
    private static ApiException refusal(Throwable failure) {
        return RemoteRefusal.of(failure).orElseGet(() -> {
            LOG.warnf("channel-router unavailable: %s", failure.toString());
            return new ApiException(503, "channel_unavailable", "The payment channel cannot be reached; try again");
        });
    }
}
