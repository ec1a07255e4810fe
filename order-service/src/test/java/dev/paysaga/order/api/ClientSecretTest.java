package dev.paysaga.order.api;

import static dev.paysaga.order.OrderFixtures.line;
import static dev.paysaga.order.OrderFixtures.orderWithKey;
import static dev.paysaga.order.OrderFixtures.placedWithSecret;
import static dev.paysaga.order.OrderFixtures.problem;
import static dev.paysaga.order.OrderFixtures.statusOf;
import static dev.paysaga.order.OrderFixtures.stock;
import static dev.paysaga.order.OrderFixtures.unique;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.order.OrderFixtures;
import dev.paysaga.order.OrderFixtures.Placed;
import dev.paysaga.runtime.auth.ClientSecrets;
import dev.paysaga.runtime.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An order's client secret: answered once, when the order is placed; kept only as its hash; with it a
 * buyer's page reads and pays that order — for the order's own customer — and nothing else.
 * (OrderAccessTest: another order's or a tampered secret is not_found, the other operations unauthenticated.)
 */
@QuarkusTest
class ClientSecretTest {
    @Inject
    Pool db;

    @Test
    void placingAnOrderAnswersItsClientSecretOnceAndKeepsOnlyItsHash() {
        String sku = stock(5), customer = unique("cus"), key = unique("key");

        var created = orderWithKey(key, customer, "CNY", line(sku, 1, 100)).then().statusCode(201).extract();
        String order = created.path("id"), secret = created.path("client_secret");

        assertTrue(Pattern.matches(Pattern.quote(order) + "_secret_[0-9A-Za-z]{32}", secret), secret);
        assertEquals(ClientSecrets.hash(secret), one("select client_secret_sha256 from orders where id = $1", order));
        // Neither the order, its messages nor the Idempotency-Key record holds the secret.
        String random = secret.substring(order.length());
        assertEquals(0L, one("select count(*) from orders o where strpos(row_to_json(o)::text, $1) > 0", random));
        assertEquals(0L, one("select count(*) from outbox_message m where strpos(row_to_json(m)::text, $1) > 0", random));
        assertEquals(1L, one("select count(*) from idempotency_key where strpos(response_body, $1) > 0", order),
                "the creation's answer is recorded ...");
        assertEquals(0L, one("select count(*) from idempotency_key k where strpos(row_to_json(k)::text, $1) > 0", random),
                "... without the secret");
        // So a replay answers the order alone, as reading it does.
        orderWithKey(key, customer, "CNY", line(sku, 1, 100)).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(order)).body("$", not(hasKey("client_secret")));
        given().get("/v1/orders/" + order).then().statusCode(200).body("$", not(hasKey("client_secret")));
    }

    @Test
    void theBuyersPageReadsItsOrderWithTheSecret() {
        Placed placed = placedWithSecret(stock(5), 2);

        Api.as(placed.clientSecret()).get("/v1/orders/" + placed.id()).then().statusCode(200)
                .body("id", equalTo(placed.id())).body("status", equalTo("pending_payment"))
                .body("amount", equalTo(200)).body("$", not(hasKey("client_secret")));
    }

    @Test
    void payingWithTheSecretDebitsTheOrdersCustomer() {
        Placed placed = placedWithSecret(stock(5), 1);
        String customer = customerOf(placed.id());

        String payment = pay(Api.as(placed.clientSecret()), placed.id(), "{\"method\":\"wallet\"}", null)
                .then().statusCode(202).body("status", equalTo("processing")).extract().path("payment_id");

        assertEquals(List.of(customer), requestedPayers(placed.id()));
        assertEquals(payment, one("select payment_in_progress from orders where id = $1", placed.id()));
    }

    @Test
    void theSecretPaysForTheOrdersOwnCustomerOnly() {
        Placed placed = placedWithSecret(stock(5), 1);
        String customer = customerOf(placed.id());

        Response refused = pay(Api.as(placed.clientSecret()), placed.id(),
                "{\"method\":\"wallet\",\"customer_id\":\"cus_victim\"}", null);

        problem(refused, 400, "invalid_request");
        refused.then().body("param", equalTo("customer_id"));
        assertEquals(List.of(), requestedPayers(placed.id()));
        assertNull(one("select payment_in_progress from orders where id = $1", placed.id()));

        pay(Api.as(placed.clientSecret()), placed.id(), "{\"method\":\"wallet\",\"customer_id\":\"" + customer + "\"}",
                null).then().statusCode(202);
        assertEquals(List.of(customer), requestedPayers(placed.id()));
    }

    /** The buyer's Idempotency-Keys are its own: the merchant's same key is another request, and the reverse. */
    @Test
    void theSecretsIdempotencyKeysAreItsOwn() {
        Placed placed = placedWithSecret(stock(5), 1);
        String key = unique("key"), body = "{\"method\":\"wallet\"}";
        String payment = pay(Api.as(placed.clientSecret()), placed.id(), body, key).then().statusCode(202)
                .header("Idempotent-Replayed", nullValue()).extract().path("payment_id");

        problem(pay(given(), placed.id(), body, key), 409, "payment_in_progress");
        pay(Api.as(placed.clientSecret()), placed.id(), body, key).then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("payment_id", equalTo(payment));

        assertEquals(1, requestedPayers(placed.id()).size());
    }

    /** Anyone can make up a secret of the right shape: one that opens no order leaves nothing behind. */
    @Test
    void aSecretThatOpensNoOrderRecordsNoIdempotencyKey() {
        Placed mine = placedWithSecret(stock(5), 1), other = placedWithSecret(stock(5), 1);
        String key = unique("key");

        problem(pay(Api.as(other.clientSecret()), mine.id(), "{\"method\":\"wallet\"}", key), 404, "not_found");

        assertEquals(0L, one("select count(*) from idempotency_key where key like '%/' || $1", key));
        assertEquals(List.of(), requestedPayers(mine.id()));
    }

    @Test
    void anOrderWithoutASecretOpensToNone() {
        Placed placed = placedWithSecret(stock(5), 1);
        db.preparedQuery("update orders set client_secret_sha256 = null where id = $1").execute(Tuple.of(placed.id()))
                .await().indefinitely();

        problem(Api.as(placed.clientSecret()).get("/v1/orders/" + placed.id()), 404, "not_found");
        problem(pay(Api.as(placed.clientSecret()), placed.id(), "{\"method\":\"wallet\"}", null), 404, "not_found");

        assertEquals("pending_payment", statusOf(placed.id()));
        assertEquals(List.of(), requestedPayers(placed.id()));
    }

    // --- helpers ---

    private static Response pay(RequestSpecification caller, String order, String body, String key) {
        var request = caller.contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/orders/" + order + "/pay");
    }

    private static String customerOf(String order) {
        return given().get("/v1/orders/" + order).then().statusCode(200).extract().path("customer_id");
    }

    private List<String> requestedPayers(String order) {
        return OrderFixtures.requestedPayers(db, order);
    }

    /** The one value the query answers. */
    private Object one(String sql, String parameter) {
        return db.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next().getValue(0);
    }
}
