package dev.paysaga.order;

import static dev.paysaga.order.OrderFixtures.placed;
import static dev.paysaga.order.OrderFixtures.statusOf;
import static dev.paysaga.order.OrderFixtures.stock;
import static dev.paysaga.order.OrderFixtures.unique;
import static dev.paysaga.runtime.testing.Api.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.order.domain.OrderPayments;
import dev.paysaga.runtime.testing.Api;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The order step of a payment saga, driven as the orchestrator's commands would drive it (without
 * a broker), so tests can put an order in PAYING or PAID, or cancel its payment. Without a payment id
 * each step acts for the test's own payment of the order; with one, for that payment (e.g. the one a
 * pay request recorded).
 */
@ApplicationScoped
public class SagaOrderStep {
    /** The happy life of an order, in order. */
    private static final List<String> LIFE = List.of("pending_payment", "paying", "paid", "shipped", "completed");

    private final OrderPayments payments;

    SagaOrderStep(OrderPayments payments) {
        this.payments = payments;
    }

    /** PENDING_PAYMENT → PAYING. */
    public void tryPayment(String orderId) {
        tryPayment(orderId, ownPayment(orderId));
    }

    public void tryPayment(String orderId, String paymentId) {
        run(orderId, paymentId, SagaCommand.TRY, command -> payments.tryPhase(command).replaceWithVoid());
    }

    /** PAYING → PAID. */
    public void confirm(String orderId) {
        confirm(orderId, ownPayment(orderId));
    }

    public void confirm(String orderId, String paymentId) {
        run(orderId, paymentId, SagaCommand.CONFIRM, command -> payments.confirm(command, null));
    }

    /** PAYING → PENDING_PAYMENT. */
    public void cancel(String orderId) {
        cancel(orderId, ownPayment(orderId));
    }

    public void cancel(String orderId, String paymentId) {
        run(orderId, paymentId, SagaCommand.CANCEL, command -> payments.cancel(command, null));
    }

    /** The Cancel of an order step whose Try never ran (or was refused). */
    public void cancelUntried(String orderId, String paymentId) {
        run(orderId, paymentId, SagaCommand.CANCEL, payments::cancelUntried);
    }

    /** An order of merchant A brought to {@code state} the way it gets there in production; "unknown": an id of none. */
    public String orderIn(String state) {
        if (state.equals("unknown")) {
            return "ord_" + unique("missing");
        }
        String order = placed(stock(5), 1);
        if (state.equals("closed")) {
            given().post("/v1/orders/" + order + "/cancel").then().statusCode(200);
        } else {
            LIFE.subList(1, LIFE.indexOf(state) + 1).forEach(next -> advance(order, next));
        }
        assertEquals(state, statusOf(order));
        return order;
    }

    private void advance(String order, String to) {
        switch (to) {
            case "paying" -> tryPayment(order);
            case "paid" -> confirm(order);
            case "shipped" -> given().post("/v1/orders/" + order + "/ship").then().statusCode(200);
            case "completed" -> given().post("/v1/orders/" + order + "/complete").then().statusCode(200);
            default -> throw new IllegalArgumentException(to);
        }
    }

    private static String ownPayment(String orderId) {
        return "pay_test_" + orderId;
    }

    private static void run(String orderId, String paymentId, String phase, Function<SagaCommand, Uni<Void>> step) {
        JsonPath order = Api.asPlatform().get("/v1/orders/" + orderId).then().statusCode(200).extract().jsonPath();
        PaymentInstruction payment = new PaymentInstruction(paymentId, orderId,
                order.getString("merchant_id"), order.getString("customer_id"), order.getLong("amount"),
                order.getString("currency"), "wallet", null);
        SagaCommand command = new SagaCommand(unique("sag"), SagaCommand.PAY_ORDER, "order", phase, 1, payment, null,
                null);
        onVertx(() -> Panache.withTransaction(() -> step.apply(command)));
    }

    /** Runs reactive work on a Vert.x context, as Panache requires, and waits for it. */
    public static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
