package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pay_order saga with a wallet, across all services as processes. */
class WalletPaymentSagaTest {
    static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @Test
    void aFundedWalletPaysTheOrderAndEveryServiceAgrees() {
        String customer = Payments.customer();
        Payments.topUp(customer, 10_000);
        String orderId = Payments.order(customer, Orders.stockedSku(10), 2);

        JsonPath started = Payments.payWithWallet(orderId, null);
        String sagaId = started.getString("saga_id"), paymentId = started.getString("payment_id");
        assertEquals("processing", started.getString("status"));

        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("completed"));
        assertEquals("paid", Payments.orderStatus(orderId));
        JsonPath payment = Payments.payment(paymentId);
        assertEquals("succeeded", payment.getString("status"));
        assertEquals(3000, payment.getInt("amount"));
        assertEquals(7_000, Payments.available(customer), "the wallet is debited exactly once");
        await().atMost(SAGA_TIMEOUT).until(() -> types(paymentId).equals(List.of("payment.succeeded")));
        List<Map<String, Object>> steps = Payments.saga(sagaId).getList("steps");
        assertEquals(List.of("payment", "notification", "order", "funds"), steps.stream().map(s -> s.get("step")).toList());
    }

    @Test
    void insufficientFundsCancelsEverythingAndTheOrderCanBePaidAgain() {
        String customer = Payments.customer();
        Payments.topUp(customer, 1_000);
        String sku = Orders.stockedSku(10);
        String orderId = Payments.order(customer, sku, 2);

        JsonPath started = Payments.payWithWallet(orderId, null);
        String sagaId = started.getString("saga_id"), paymentId = started.getString("payment_id");

        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("cancelled"));
        assertEquals("insufficient_funds", Payments.saga(sagaId).getString("failure_code"));
        JsonPath payment = Payments.payment(paymentId);
        assertEquals("failed", payment.getString("status"));
        assertEquals("insufficient_funds", payment.getString("failure_code"));
        assertEquals("pending_payment", Payments.orderStatus(orderId));
        assertEquals(1_000, Payments.available(customer), "a cancelled payment leaves the wallet as it was");
        await().atMost(SAGA_TIMEOUT).until(() -> types(paymentId).equals(List.of("payment.failed")));

        // Funded now, the same order pays.
        Payments.topUp(customer, 5_000);
        String retry = Payments.payWithWallet(orderId, null).getString("saga_id");
        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(retry).equals("completed"));
        assertEquals("paid", Payments.orderStatus(orderId));
        assertEquals(3_000, Payments.available(customer));
    }

    @Test
    void thePayRequestTwiceWithOneIdempotencyKeyStartsOneSaga() {
        String customer = Payments.customer();
        Payments.topUp(customer, 10_000);
        String orderId = Payments.order(customer, Orders.stockedSku(10), 1);
        String key = UUID.randomUUID().toString();

        JsonPath first = Payments.payWithWallet(orderId, key);
        JsonPath second = Payments.payWithWallet(orderId, key);

        assertEquals(first.getString("saga_id"), second.getString("saga_id"));
        assertEquals(first.getString("payment_id"), second.getString("payment_id"));
        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(first.getString("saga_id")).equals("completed"));
        assertEquals(8_500, Payments.available(customer), "paid once");
    }

    private static List<Object> types(String subject) {
        return Orders.eventsAbout(subject).stream().map(e -> e.get("type")).toList();
    }
}
