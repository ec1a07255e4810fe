package dev.paysaga.order.api;

import static dev.paysaga.order.OrderFixtures.assertInventory;
import static dev.paysaga.order.OrderFixtures.get;
import static dev.paysaga.order.OrderFixtures.line;
import static dev.paysaga.order.OrderFixtures.order;
import static dev.paysaga.order.OrderFixtures.orderAs;
import static dev.paysaga.order.OrderFixtures.orderWithKey;
import static dev.paysaga.order.OrderFixtures.problem;
import static dev.paysaga.order.OrderFixtures.stock;
import static dev.paysaga.order.OrderFixtures.unique;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.order.OrderFixtures;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The order API against the real PostgreSQL: stock, orders and their outbox messages move together. */
@QuarkusTest
class OrderApiTest {
    @Inject
    Pool db;

    @Test
    void placingAnOrderReservesStockAndWritesItsMessageInTheSameTransaction() {
        String latte = stock(10), cake = stock(3), customer = unique("cus");

        String orderId = order(customer, "CNY", line(latte, 2, 1500), line(cake, 1, 2500))
                .then().statusCode(201)
                .body("status", equalTo("pending_payment"))
                .body("amount", equalTo(5500))
                .body("id", startsWith("ord_"))
                .body("lines[0].amount", equalTo(3000))
                .extract().path("id");

        assertInventory(latte, 10, 2);
        assertInventory(cake, 3, 1);
        Row message = db.preparedQuery("select type, topic, partition_key, payload from outbox_message where subject = $1")
                .execute(Tuple.of(orderId)).await().indefinitely().iterator().next();
        assertEquals("order.created", message.getString("type"));
        assertEquals("order.events", message.getString("topic"));
        assertEquals(orderId, message.getString("partition_key"), "keyed by aggregate id");
        assertEquals(5500L, message.getJsonObject("payload").getLong("amount"));
        given().get("/v1/orders/" + orderId).then().statusCode(200).body("customer_id", equalTo(customer));
    }

    @Test
    void insufficientStockOnAnyLineReservesNothingAndStoresNothing() {
        String plenty = stock(10), scarce = stock(1), customer = unique("cus");

        problem(order(customer, "CNY", line(plenty, 5, 100), line(scarce, 2, 100)), 422, "insufficient_stock");

        assertInventory(plenty, 10, 0);
        assertInventory(scarce, 1, 0);
        assertEquals(0, messagesOf(customer));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            blank merchant       | {"merchant_id":" ","customer_id":"$C","currency":"CNY","lines":[{"sku":"$S","quantity":1,"unit_amount":100}]} | 400 | invalid_request      | merchant_id
            unknown currency     | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"XYZ","lines":[{"sku":"$S","quantity":1,"unit_amount":100}]} | 400 | currency_unsupported | currency
            zero amount          | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[{"sku":"$S","quantity":1,"unit_amount":0}]} | 400 | amount_invalid | lines[0].unit_amount
            negative amount      | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[{"sku":"$S","quantity":1,"unit_amount":-5}]} | 400 | amount_invalid | lines[0].unit_amount
            overflowing total    | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[{"sku":"$S","quantity":2,"unit_amount":9000000000000000000}]} | 400 | amount_invalid | lines[0].unit_amount
            zero quantity        | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[{"sku":"$S","quantity":0,"unit_amount":100}]} | 400 | invalid_request | lines[0].quantity
            no lines             | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[]} | 400 | invalid_request | lines
            amount not a number  | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[{"sku":"$S","quantity":1,"unit_amount":"ten"}]} | 400 | amount_invalid  | lines[0].unit_amount
            fractional amount    | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[{"sku":"$S","quantity":1,"unit_amount":15.99}]} | 400 | amount_invalid  | lines[0].unit_amount
            amount as a string   | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[{"sku":"$S","quantity":1,"unit_amount":"1599"}]} | 400 | amount_invalid  | lines[0].unit_amount
            not JSON             | {"merchant_id": | 400 | invalid_request | NONE
            a path for a SKU     | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[{"sku":"../../etc/passwd","quantity":1,"unit_amount":100}]} | 400 | invalid_request | lines[0].sku
            a space in a SKU     | {"merchant_id":"mer_test_a","customer_id":"$C","currency":"CNY","lines":[{"sku":"a b","quantity":1,"unit_amount":100}]} | 400 | invalid_request | lines[0].sku
            markup for a customer | {"merchant_id":"mer_test_a","customer_id":"<script>","currency":"CNY","lines":[{"sku":"$S","quantity":1,"unit_amount":100}]} | 400 | invalid_request | customer_id
            a lookup for a customer | {"merchant_id":"mer_test_a","customer_id":"${jndi:x}","currency":"CNY","lines":[{"sku":"$S","quantity":1,"unit_amount":100}]} | 400 | invalid_request | customer_id
            """)
    void badInputIsRefusedWithAStableCodeAndChangesNothing(String name, String body, int status, String code,
            String param) {
        String sku = stock(5), customer = unique("cus");

        var response = given().contentType(ContentType.JSON).body(body.replace("$C", customer).replace("$S", sku))
                .post("/v1/orders");

        problem(response, status, code);
        if (!param.equals("NONE")) {
            response.then().body("param", equalTo(param));
        }
        assertInventory(sku, 5, 0);
        assertEquals(0, messagesOf(customer));
    }

    @Test
    void cancellingReleasesStockOnceAndASecondCancelIsAnIllegalTransition() {
        String sku = stock(4), customer = unique("cus");
        String orderId = order(customer, "EUR", line(sku, 3, 999)).then().statusCode(201).extract().path("id");
        assertInventory(sku, 4, 3);

        given().post("/v1/orders/" + orderId + "/cancel").then().statusCode(200).body("status", equalTo("closed"));
        assertInventory(sku, 4, 0);

        problem(given().post("/v1/orders/" + orderId + "/cancel"), 409, "invalid_state_transition");
        assertInventory(sku, 4, 0);
        assertEquals(2, messagesOf(customer), "order.created and order.closed only");
    }

    @Test
    void concurrentOrdersNeverReserveMoreThanIsOnHand() throws Exception {
        String sku = stock(10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = java.util.stream.IntStream.range(0, 30)
                    .<Callable<Integer>>mapToObj(i -> () -> order(unique("cus"), "CNY", line(sku, 1, 100)).statusCode())
                    .toList();
            List<Integer> statuses = pool.invokeAll(attempts).stream().map(OrderFixtures::get).toList();
            assertEquals(10, statuses.stream().filter(s -> s == 201).count(), "exactly the stock on hand is sold");
            assertEquals(20, statuses.stream().filter(s -> s == 422).count());
        } finally {
            pool.shutdownNow();
        }
        assertInventory(sku, 10, 10);
    }

    @Test
    void theSameIdempotencyKeyAndBodyReplaysTheFirstResponseAndPlacesOneOrder() {
        String sku = stock(10), customer = unique("cus"), key = unique("key");

        var first = orderWithKey(key, customer, "CNY", line(sku, 2, 100)).then().statusCode(201).extract();
        var again = orderWithKey(key, customer, "CNY", line(sku, 2, 100)).then().statusCode(201).extract();

        assertEquals(first.path("id").toString(), again.path("id").toString());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertInventory(sku, 10, 2);
        assertEquals(1, messagesOf(customer));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String sku = stock(10), customer = unique("cus"), key = unique("key");
        orderWithKey(key, customer, "CNY", line(sku, 1, 100)).then().statusCode(201);

        problem(orderWithKey(key, customer, "CNY", line(sku, 3, 100)), 422, "idempotency_key_reused");

        assertInventory(sku, 10, 1);
        assertEquals(1, messagesOf(customer));
    }

    @Test
    void aRefusalIsReplayedToo() {
        String sku = stock(1), customer = unique("cus"), key = unique("key");
        problem(orderWithKey(key, customer, "CNY", line(sku, 2, 100)), 422, "insufficient_stock");
        given().contentType(ContentType.JSON).body("{\"on_hand\":5}").put("/v1/inventory/" + sku).then().statusCode(200);

        problem(orderWithKey(key, customer, "CNY", line(sku, 2, 100)), 422, "insufficient_stock");
        assertInventory(sku, 5, 0);
    }

    @Test
    void concurrentRequestsWithOneKeyPlaceOneOrder() throws Exception {
        String sku = stock(10), customer = unique("cus"), key = unique("key");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Integer> statuses = pool.invokeAll(java.util.Collections.nCopies(6,
                            (Callable<Integer>) () -> orderWithKey(key, customer, "CNY", line(sku, 1, 100)).statusCode()))
                    .stream().map(OrderFixtures::get).toList();
            assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), "unexpected statuses " + statuses);
        } finally {
            pool.shutdownNow();
        }
        assertInventory(sku, 10, 1);
        assertEquals(1, messagesOf(customer));
    }

    @Test
    void anOrderIsTheKeysMerchantsAndThePlatformNamesItsMerchant() {
        String sku = stock(5), customer = unique("cus");

        orderAs(given(), null, customer, "CNY", line(sku, 1, 100)).then().statusCode(201)
                .body("merchant_id", equalTo(TestCredentials.MERCHANT_A));
        problem(orderAs(given(), TestCredentials.MERCHANT_B, customer, "CNY", line(sku, 1, 100)), 403,
                "permission_denied");
        problem(orderAs(Api.asPlatform(), null, customer, "CNY", line(sku, 1, 100)), 400, "invalid_request");
        orderAs(Api.asPlatform(), TestCredentials.MERCHANT_A, customer, "CNY", line(sku, 1, 100)).then()
                .statusCode(201).body("merchant_id", equalTo(TestCredentials.MERCHANT_A));

        assertInventory(sku, 5, 2);
        assertEquals(2, messagesOf(customer), "two order.created, nothing of the refused ones");
    }

    @Test
    void unknownOrderIsNotFound() {
        problem(given().get("/v1/orders/ord_nope"), 404, "not_found");
    }

    @Test
    void stockCannotBeSetBelowWhatUnpaidOrdersHold() {
        String sku = stock(5);
        order(unique("cus"), "CNY", line(sku, 4, 100)).then().statusCode(201);

        problem(given().contentType(ContentType.JSON).body("{\"on_hand\":3}").put("/v1/inventory/" + sku), 400,
                "invalid_request");
        assertInventory(sku, 5, 4);
    }

    // --- helpers ---

    private long messagesOf(String customer) {
        return db.preparedQuery("""
                        select count(*) from outbox_message o
                         where o.subject in (select id from orders where customer_id = $1)
                            or o.payload ->> 'customer_id' = $1""")
                .execute(Tuple.of(customer)).await().indefinitely().iterator().next().getLong(0);
    }
}
