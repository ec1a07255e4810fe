package dev.paysaga.order;

import static io.restassured.RestAssured.given;

import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.order.domain.OrderPayments;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The order step of a payment saga, driven as the orchestrator's commands would drive it (without
 * a broker), so tests can put an order in PAYING or PAID, or cancel its payment.
 */
@ApplicationScoped
public class SagaOrderStep {
    private final OrderPayments payments;

    SagaOrderStep(OrderPayments payments) {
        this.payments = payments;
    }

    /** PENDING_PAYMENT → PAYING. */
    public void tryPayment(String orderId) {
        run(orderId, SagaCommand.TRY, command -> payments.tryPhase(command).replaceWithVoid());
    }

    /** PAYING → PAID. */
    public void confirm(String orderId) {
        run(orderId, SagaCommand.CONFIRM, command -> payments.confirm(command, null));
    }

    /** PAYING → PENDING_PAYMENT. */
    public void cancel(String orderId) {
        run(orderId, SagaCommand.CANCEL, command -> payments.cancel(command, null));
    }

    private static void run(String orderId, String phase, Function<SagaCommand, Uni<Void>> step) {
        JsonPath order = given().get("/v1/orders/" + orderId).then().statusCode(200).extract().jsonPath();
        PaymentInstruction payment = new PaymentInstruction(OrderFixtures.unique("pay"), orderId,
                order.getString("merchant_id"), order.getString("customer_id"), order.getLong("amount"),
                order.getString("currency"), "wallet", null);
        SagaCommand command = new SagaCommand(OrderFixtures.unique("sag"), SagaCommand.PAY_ORDER, "order", phase, 1, payment, null,
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
