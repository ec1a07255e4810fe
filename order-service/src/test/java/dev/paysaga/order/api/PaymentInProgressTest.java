package dev.paysaga.order.api;

import static dev.paysaga.order.OrderFixtures.placed;
import static dev.paysaga.order.OrderFixtures.problem;
import static dev.paysaga.order.OrderFixtures.statusOf;
import static dev.paysaga.order.OrderFixtures.stock;
import static dev.paysaga.order.OrderFixtures.unique;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.paysaga.order.OrderFixtures;
import dev.paysaga.order.SagaOrderStep;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An order has at most one payment in progress: from the transaction that records its
 * payment.requested until that payment's outcome at the saga's order step, or the order closing.
 * Meanwhile any other pay request (another Idempotency-Key, or none) is refused with
 * payment_in_progress and starts nothing; afterwards the order can be paid again.
 */
@QuarkusTest
class PaymentInProgressTest {
    @Inject
    Pool db;
    @Inject
    SagaOrderStep saga;

    @ParameterizedTest(name = "{0} concurrent pay requests with different keys → one payment")
    @ValueSource(ints = { 2, 8 })
    void concurrentPayRequestsWithDifferentKeysStartOnePayment(int requests) throws Exception {
        String order = placed(stock(5), 1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Response> responses;
        try {
            List<Callable<Response>> pays = IntStream.range(0, requests).<Callable<Response>>mapToObj(i -> () -> {
                start.await();
                return pay(order, unique("key"), "wallet");
            }).toList();
            var futures = pays.stream().map(pool::submit).toList();
            start.countDown();
            responses = futures.stream().map(OrderFixtures::get).toList();
        } finally {
            pool.shutdownNow();
        }

        List<Response> accepted = responses.stream().filter(r -> r.statusCode() == 202).toList();
        assertEquals(1, accepted.size(), "exactly one accepted: " + responses.stream().map(Response::statusCode).toList());
        responses.stream().filter(r -> r.statusCode() != 202).forEach(r -> problem(r, 409, "payment_in_progress"));
        assertEquals(List.of(accepted.get(0).path("payment_id").toString()), requested(order), "one saga asked for");
    }

    @Test
    void anotherRequestWhileAPaymentIsInProgressIsRefusedItsOwnRetryIsReplayed() {
        String order = placed(stock(5), 1), key = unique("key");
        String payment = pay(order, key, "wallet").then().statusCode(202).extract().path("payment_id");

        problem(pay(order, unique("key"), "wallet"), 409, "payment_in_progress");
        problem(pay(order, null, "wallet"), 409, "payment_in_progress");
        // Refused before channel-router is asked (it is out of reach here: asking it would answer 503).
        problem(pay(order, unique("key"), "alipay"), 409, "payment_in_progress");
        pay(order, key, "wallet").then().statusCode(202).header("Idempotent-Replayed", "true")
                .body("payment_id", equalTo(payment));

        assertEquals(List.of(payment), requested(order));
        assertEquals(payment, inProgress(order));
        assertEquals("pending_payment", statusOf(order));
    }

    @Test
    void whileTheSagaHoldsTheOrderAnotherPaymentIsRefused() {
        String order = placed(stock(5), 1);
        String payment = payOnce(order);
        saga.tryPayment(order, payment);

        problem(pay(order, unique("key"), "wallet"), 409, "payment_in_progress");

        assertEquals("paying", statusOf(order));
        assertEquals(List.of(payment), requested(order));
    }

    @ParameterizedTest(name = "after {0} the order can be paid again")
    @CsvSource({
            "the saga cancelled the order step",
            "the saga failed before its order step",
            "the order step refused the payment" })
    void afterAFailedPaymentTheOrderCanBePaidAgain(String failure) {
        String order = placed(stock(5), 1);
        String first = payOnce(order);
        switch (failure) {
            case "the saga cancelled the order step" -> {
                saga.tryPayment(order, first);
                saga.cancel(order, first);
            }
            // The Cancel of a step whose Try never ran, or was refused, is the same empty rollback.
            default -> saga.cancelUntried(order, first);
        }
        assertNull(inProgress(order));
        assertEquals("pending_payment", statusOf(order));

        String second = payOnce(order);

        assertNotEquals(first, second);
        assertEquals(List.of(first, second), requested(order));
        saga.tryPayment(order, second);
        saga.confirm(order, second);
        assertEquals("paid", statusOf(order));
        assertNull(inProgress(order));
        problem(pay(order, unique("key"), "wallet"), 409, "invalid_state_transition");
    }

    @Test
    void anotherPaymentsOutcomeLeavesTheHold() {
        String order = placed(stock(5), 1);
        String payment = payOnce(order);

        saga.cancelUntried(order, unique("pay"));

        assertEquals(payment, inProgress(order));
        problem(pay(order, unique("key"), "wallet"), 409, "payment_in_progress");
    }

    /** A saga that never reaches its order step (lost, stalled) blocks the order only until the hold lapses. */
    @Test
    void aHoldLapsesWhenTheSagaNeverTakesTheOrderAndItsLateTryIsThenRefused() {
        String order = placed(stock(5), 1);
        String stalled = payOnce(order);
        db.preparedQuery("update orders set payment_in_progress_until = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(order)).await().indefinitely();

        String next = payOnce(order);

        var refused = assertThrows(IllegalStateException.class, () -> saga.tryPayment(order, stalled));
        assertEquals("payment_in_progress", ((ApiException) refused.getCause()).code());
        assertEquals("pending_payment", statusOf(order));
        saga.tryPayment(order, next);
        assertEquals("paying", statusOf(order));
        assertEquals(next, inProgress(order));
    }

    @Test
    void closingTheOrderEndsItsPayment() {
        String order = placed(stock(5), 1);
        String payment = payOnce(order);

        given().post("/v1/orders/" + order + "/cancel").then().statusCode(200).body("status", equalTo("closed"));

        assertNull(inProgress(order));
        problem(pay(order, unique("key"), "wallet"), 409, "invalid_state_transition");
        var refused = assertThrows(IllegalStateException.class, () -> saga.tryPayment(order, payment));
        assertEquals("invalid_state_transition", ((ApiException) refused.getCause()).code());
    }

    // --- helpers ---

    private static Response pay(String order, String key, String method) {
        var request = given().contentType(ContentType.JSON).body("{\"method\":\"" + method + "\"}");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/orders/" + order + "/pay");
    }

    private static String payOnce(String order) {
        return pay(order, unique("key"), "wallet").then().statusCode(202).extract().path("payment_id");
    }

    /** The payment ids of the payment.requested recorded for the order, oldest first. */
    private List<String> requested(String order) {
        var rows = db.preparedQuery("""
                        select payload -> 'payment' ->> 'payment_id' from outbox_message
                         where subject = $1 and type = 'payment.requested' order by position""")
                .execute(Tuple.of(order)).await().indefinitely();
        return java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString(0)).toList();
    }

    private String inProgress(String order) {
        return db.preparedQuery("select payment_in_progress from orders where id = $1").execute(Tuple.of(order))
                .await().indefinitely().iterator().next().getString(0);
    }
}
