package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The refund saga across all services as processes: partial, full, too much, concurrent. */
class RefundSagaTest {
    static final Duration SAGA_TIMEOUT = WalletPaymentSagaTest.SAGA_TIMEOUT;

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @Test
    void aPartialThenAFullRefundReturnTheMoneyAndMoreThanTheRemainderIsRefused() throws Exception {
        String customer = Payments.customer();
        Payments.topUp(customer, 10_000);
        JsonPath payment = Payments.paidOrder(customer, SAGA_TIMEOUT);
        String paymentId = payment.getString("id");
        assertEquals(7_000, Payments.available(customer));

        JsonPath partial = Payments.refund(paymentId, 1_000, null).then().statusCode(202)
                .body("status", equalTo("pending")).body("amount", equalTo(1_000)).body("currency", equalTo("CNY"))
                .body("payment_id", equalTo(paymentId)).extract().jsonPath();
        awaitRefund(partial, "succeeded");
        assertEquals("partially_refunded", Payments.payment(paymentId).getString("status"));
        assertEquals(1_000, Payments.payment(paymentId).getLong("amount_refunded"));
        assertEquals(8_000, Payments.available(customer), "the refund is back in the wallet");

        Payments.refund(paymentId, 2_001, null).then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("refund_exceeds_remaining")).body("param", equalTo("amount"));
        assertEquals(1_000, Payments.payment(paymentId).getLong("amount_refunded"), "a refused refund changes nothing");

        JsonPath rest = Payments.refund(paymentId, 2_000, null).then().statusCode(202).extract().jsonPath();
        awaitRefund(rest, "succeeded");
        JsonPath refunded = Payments.payment(paymentId);
        assertEquals("refunded", refunded.getString("status"));
        assertEquals(3_000, refunded.getLong("amount_refunded"));
        assertEquals(10_000, Payments.available(customer));
        Payments.refund(paymentId, 1, null).then().statusCode(422).body("code", equalTo("refund_exceeds_remaining"));

        await().atMost(SAGA_TIMEOUT).until(() -> Orders.eventsAbout(partial.getString("id")).stream()
                .map(e -> e.get("type")).toList().equals(List.of("refund.succeeded")));
        ConsistencyChecker.assertConsistent(List.of(payment.getString("saga_id"),
                partial.getString("saga_id"), rest.getString("saga_id")));
    }

    @Test
    void concurrentRefundsNeverExceedWhatWasCaptured() throws Exception {
        String customer = Payments.customer();
        Payments.topUp(customer, 10_000);
        String paymentId = Payments.paidOrder(customer, SAGA_TIMEOUT).getString("id");

        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                calls.add(pool.submit(() -> Payments.refund(paymentId, 1_000, null)));
            }
            List<String> sagas = new ArrayList<>();
            int refused = 0;
            for (Future<Response> call : calls) {
                Response response = call.get();
                if (response.statusCode() == 202) {
                    sagas.add(response.jsonPath().getString("saga_id"));
                    awaitRefund(response.jsonPath(), "succeeded");
                } else {
                    assertEquals(422, response.statusCode());
                    assertEquals("refund_exceeds_remaining", response.jsonPath().getString("code"));
                    refused++;
                }
            }
            assertEquals(3, sagas.size(), "3 × 1,000 fit in a payment of 3,000");
            assertEquals(2, refused);
            assertEquals(3_000, Payments.payment(paymentId).getLong("amount_refunded"));
            assertEquals(10_000, Payments.available(customer));
            ConsistencyChecker.assertConsistent(sagas);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badRefundRequestsAreRefusedWithAStableCode() {
        String customer = Payments.customer();
        Payments.topUp(customer, 10_000);
        String paymentId = Payments.paidOrder(customer, SAGA_TIMEOUT).getString("id");

        Payments.refund(paymentId, 0, null).then().statusCode(400).body("code", equalTo("amount_invalid"));
        Payments.refund(paymentId, -5, null).then().statusCode(400).body("code", equalTo("amount_invalid"));
        Payments.refund("pay_00000000000000000000000000", 100, null).then().statusCode(404)
                .body("code", equalTo("not_found"));
        assertEquals(0, Payments.payment(paymentId).getLong("amount_refunded"));
        assertEquals(7_000, Payments.available(customer), "nothing moved");
    }

    @Test
    void aRefundRequestRepeatedWithItsIdempotencyKeyRefundsOnce() {
        String customer = Payments.customer();
        Payments.topUp(customer, 10_000);
        String paymentId = Payments.paidOrder(customer, SAGA_TIMEOUT).getString("id");

        String key = java.util.UUID.randomUUID().toString();
        JsonPath first = Payments.refund(paymentId, 500, key).then().statusCode(202).extract().jsonPath();
        JsonPath again = Payments.refund(paymentId, 500, key).then().statusCode(202).extract().jsonPath();
        assertEquals(first.getString("id"), again.getString("id"));
        awaitRefund(first, "succeeded");
        assertEquals(500, Payments.payment(paymentId).getLong("amount_refunded"));
        assertEquals(7_500, Payments.available(customer));
    }

    private static void awaitRefund(JsonPath refund, String status) {
        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(refund.getString("saga_id")).equals("completed")
                || Payments.sagaStatus(refund.getString("saga_id")).equals("cancelled"));
        assertEquals(status, Payments.refundById(refund.getString("id")).getString("status"));
    }
}
