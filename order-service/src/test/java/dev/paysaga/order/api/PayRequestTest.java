package dev.paysaga.order.api;

import static dev.paysaga.order.OrderFixtures.assertInventory;
import static dev.paysaga.order.OrderFixtures.placed;
import static dev.paysaga.order.OrderFixtures.problem;
import static dev.paysaga.order.OrderFixtures.statusOf;
import static dev.paysaga.order.OrderFixtures.stock;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.order.OrderFixtures;
import dev.paysaga.runtime.auth.StreamSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pay requests that must be refused before any saga starts, as a table: the body, the status, code and
 * param, and that nothing was recorded. The channel router is out of reach in this test profile, so
 * a channel method meets an unavailable channel — unless it was refused before the router was asked.
 */
@QuarkusTest
class PayRequestTest {
    @Inject
    Pool db;
    @Inject
    StreamSecrets streamSecrets;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown method                   | {"method":"cash","terminal":"web"}                          | 400 | invalid_request     | method
            unknown terminal                 | {"method":"wallet","terminal":"watch"}                      | 400 | invalid_request     | terminal
            no method                        | {"terminal":"web"}                                          | 400 | invalid_request     | method
            another customer's wallet        | {"method":"wallet","customer_id":"cus_victim"}              | 400 | invalid_request     | customer_id
            another payer, through a channel | {"method":"alipay","customer_id":"cus_victim"}              | 400 | invalid_request     | customer_id
            channel out of reach             | {"method":"alipay","terminal":"web"}                        | 503 | channel_unavailable | NONE
            routed, router out of reach      | {"method":"auto","terminal":"mobile"}                       | 503 | channel_unavailable | NONE
            """)
    void refusedPayRequestsRecordNothing(String name, String body, int status, String code, String param) {
        String sku = stock(5);
        String order = placed(sku, 2);

        var response = given().contentType(ContentType.JSON).body(body).post("/v1/orders/" + order + "/pay");

        problem(response, status, code);
        if (!param.equals("NONE")) {
            response.then().body("param", equalTo(param));
        }
        assertEquals("pending_payment", statusOf(order));
        assertInventory(sku, 5, 2);
        assertEquals(List.of(), requestedPayers(order), "no saga was asked for");
        assertNull(paymentInProgress(order));
    }

    @ParameterizedTest(name = "payer {0} → the order's customer pays")
    @CsvSource({ "omitted", "the order's customer" })
    void theOrdersCustomerPays(String payer) {
        String order = placed(stock(5), 1);
        String customer = given().get("/v1/orders/" + order).then().extract().path("customer_id");
        String named = payer.equals("omitted") ? "" : ",\"customer_id\":\"" + customer + "\"";

        var started = given().contentType(ContentType.JSON).body("{\"method\":\"wallet\"" + named + "}")
                .post("/v1/orders/" + order + "/pay").then().statusCode(202).body("status", equalTo("processing"))
                .extract().jsonPath();
        String payment = started.getString("payment_id");

        assertEquals(List.of(customer), requestedPayers(order));
        assertEquals(payment, paymentInProgress(order));
        assertTrue(streamSecrets.opens(started.getString("client_secret"), payment),
                "the answer's client secret opens the payment's live stream");
    }

    @Test
    void aPayerIsNamedByTheirOwnIdOnly() {
        String order = placed(stock(5), 1);
        String customer = given().get("/v1/orders/" + order).then().extract().path("customer_id");

        problem(given().contentType(ContentType.JSON)
                .body("{\"method\":\"wallet\",\"customer_id\":\"" + customer.toUpperCase() + "\"}")
                .post("/v1/orders/" + order + "/pay"), 400, "invalid_request");
        assertEquals(List.of(), requestedPayers(order));
    }

    private List<String> requestedPayers(String order) {
        return OrderFixtures.requestedPayers(db, order);
    }

    private String paymentInProgress(String order) {
        Row row = db.preparedQuery("select payment_in_progress from orders where id = $1").execute(Tuple.of(order))
                .await().indefinitely().iterator().next();
        return row.getString(0);
    }
}
