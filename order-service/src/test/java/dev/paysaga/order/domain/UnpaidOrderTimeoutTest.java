package dev.paysaga.order.domain;

import static dev.paysaga.order.OrderFixtures.assertInventory;
import static dev.paysaga.order.OrderFixtures.get;
import static dev.paysaga.order.OrderFixtures.placed;
import static dev.paysaga.order.OrderFixtures.problem;
import static dev.paysaga.order.OrderFixtures.statusOf;
import static dev.paysaga.order.OrderFixtures.stock;
import static dev.paysaga.order.SagaOrderStep.onVertx;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.order.OrderFixtures;
import dev.paysaga.order.SagaOrderStep;
import dev.paysaga.runtime.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Unpaid orders past their {@code expires_at}, against the real PostgreSQL. The sweep is called with
 * an explicit {@code now} (the scheduled clock is off in tests; UnpaidOrderSweeperTest covers it).
 * Orders are made to expire by moving their {@code expires_at} into the past, as if they had been
 * placed long ago; the sweep only ever closes orders that are really expired, so it cannot disturb
 * other users of the database.
 */
@QuarkusTest
class UnpaidOrderTimeoutTest {
    @Inject
    Pool db;
    @Inject
    UnpaidOrderTimeouts timeouts;
    @Inject
    SagaOrderStep saga;

    @Test
    void anExpiredUnpaidOrderIsClosedAndReleasesItsStockWhileFreshAndPayingOrdersStay() {
        String sku = stock(10);
        String expired = placed(sku, 3), fresh = placed(sku, 2), paying = placed(sku, 1);
        saga.tryPayment(paying);
        expire(expired);
        expire(paying);

        sweep();

        assertEquals("closed", statusOf(expired));
        assertEquals("pending_payment", statusOf(fresh));
        assertEquals("paying", statusOf(paying), "a paying order is its saga's to decide");
        assertInventory(sku, 10, 3);
        assertEquals(List.of("payment_timeout"), closedReasons(expired));
        assertEquals(List.of(), closedReasons(fresh));
    }

    @Test
    void aPaymentTheSagaCancelsLeavesTheExpiredOrderToTheNextSweep() {
        String sku = stock(5);
        String order = placed(sku, 2);
        saga.tryPayment(order);
        expire(order);
        sweep();
        assertEquals("paying", statusOf(order));

        saga.cancel(order);
        assertEquals("pending_payment", statusOf(order));
        sweep();

        assertEquals("closed", statusOf(order));
        assertInventory(sku, 5, 0);
        assertEquals(List.of("payment_timeout"), closedReasons(order));
    }

    @Test
    void anExpiredOrderReleasesItsOwnMerchantsStock() {
        String sku = stock(10);
        OrderFixtures.setStock(Api.asMerchantB(), sku, 10);
        String ofA = placed(sku, 3);
        String ofB = OrderFixtures.orderAs(Api.asMerchantB(), null, OrderFixtures.unique("cus"), "CNY",
                OrderFixtures.line(sku, 4, 100)).then().statusCode(201).extract().path("id");
        expire(ofB);

        sweep();

        assertEquals("closed", Api.asMerchantB().get("/v1/orders/" + ofB).then().extract().path("status"));
        assertEquals("pending_payment", statusOf(ofA));
        assertInventory(Api.asMerchantB(), sku, 10, 0);
        assertInventory(sku, 10, 3);
    }

    @Test
    void sweepingAgainClosesNothingTwice() {
        String sku = stock(10);
        String bystander = placed(sku, 2), order = placed(sku, 3);
        expire(order);

        sweep();
        sweep();

        assertEquals("closed", statusOf(order));
        assertEquals("pending_payment", statusOf(bystander));
        assertInventory(sku, 10, 2);
        assertEquals(List.of("payment_timeout"), closedReasons(order));
    }

    /**
     * Two sweeps (two replicas) and a merchant cancel race on each of 10 expired orders: every order
     * is closed exactly once, by whichever got its row first, and its stock released once.
     */
    @Test
    void concurrentSweepsAndAMerchantCancelCloseEachOrderOnce() {
        String sku = stock(100);
        String bystander = placed(sku, 5);
        List<String> orders = new ArrayList<>();
        Map<String, Future<Integer>> cancels = new java.util.HashMap<>();
        List<Future<Integer>> sweeps = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (int i = 0; i < 10; i++) {
                String order = placed(sku, 3);
                orders.add(order);
                expire(order);
                sweeps.add(pool.submit(this::sweep));
                cancels.put(order, pool.submit(() -> given().post("/v1/orders/" + order + "/cancel").statusCode()));
                sweeps.add(pool.submit(this::sweep));
            }
            sweeps.forEach(sweep -> get(sweep));
            for (String order : orders) {
                int cancel = get(cancels.get(order));
                assertTrue(cancel == 200 || cancel == 409, "cancel answered " + cancel);
                assertEquals("closed", statusOf(order));
                String reason = cancel == 200 ? "merchant_cancel" : "payment_timeout";
                assertEquals(List.of(reason), closedReasons(order), "one order.closed, by the winner");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("pending_payment", statusOf(bystander));
        assertInventory(sku, 100, 5);
    }

    @Test
    void payingAnExpiredOrderIsRefusedAndStartsNoSaga() {
        String sku = stock(3);
        String order = placed(sku, 1);
        expire(order);

        var response = given().contentType(ContentType.JSON).body("{\"method\":\"wallet\",\"terminal\":\"web\"}")
                .post("/v1/orders/" + order + "/pay");

        problem(response, 409, "invalid_state_transition");
        response.then().body("detail", containsString("expired"));
        assertEquals(0, messages(order, "payment.requested"));
        assertEquals("pending_payment", statusOf(order), "left for the sweep to close");
        assertInventory(sku, 3, 1);
    }

    // --- helpers ---

    private int sweep() {
        return onVertx(() -> timeouts.closeExpired(Instant.now()));
    }

    /** Moves the order's payment window into the past, as if it had been placed long ago. */
    private void expire(String orderId) {
        int updated = db.preparedQuery("update orders set expires_at = now() - interval '1 minute' where id = $1")
                .execute(Tuple.of(orderId)).await().indefinitely().rowCount();
        assertEquals(1, updated);
    }

    /** The reasons of the order.closed messages published about the order. */
    private List<String> closedReasons(String orderId) {
        var rows = db.preparedQuery("""
                        select payload ->> 'reason' as reason from outbox_message
                         where subject = $1 and type = 'order.closed' and topic = 'order.events'""")
                .execute(Tuple.of(orderId)).await().indefinitely();
        return StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString("reason")).toList();
    }

    private long messages(String orderId, String type) {
        Row row = db.preparedQuery("select count(*) from outbox_message where subject = $1 and type = $2")
                .execute(Tuple.of(orderId, type)).await().indefinitely().iterator().next();
        return row.getLong(0);
    }
}
