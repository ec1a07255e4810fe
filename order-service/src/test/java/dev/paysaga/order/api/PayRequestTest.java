package dev.paysaga.order.api;

import static dev.paysaga.order.OrderFixtures.assertInventory;
import static dev.paysaga.order.OrderFixtures.placed;
import static dev.paysaga.order.OrderFixtures.problem;
import static dev.paysaga.order.OrderFixtures.statusOf;
import static dev.paysaga.order.OrderFixtures.stock;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pay requests that must be refused before any saga starts, as a table: the body, the status and
 * code, and that nothing was recorded. The channel router is out of reach in this test profile, so
 * a channel method meets an unavailable channel.
 */
@QuarkusTest
class PayRequestTest {
    @Inject
    Pool db;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown method                 | {"method":"cash","terminal":"web"}     | 400 | invalid_request
            unknown terminal               | {"method":"wallet","terminal":"watch"} | 400 | invalid_request
            no method                      | {"terminal":"web"}                     | 400 | invalid_request
            channel out of reach           | {"method":"alipay","terminal":"web"}   | 503 | channel_unavailable
            routed, router out of reach    | {"method":"auto","terminal":"mobile"}  | 503 | channel_unavailable
            """)
    void refusedPayRequestsRecordNothing(String name, String body, int status, String code) {
        String sku = stock(5);
        String order = placed(sku, 2);

        problem(given().contentType(ContentType.JSON).body(body).post("/v1/orders/" + order + "/pay"), status, code);

        assertEquals("pending_payment", statusOf(order));
        assertInventory(sku, 5, 2);
        long requested = db.preparedQuery("select count(*) from outbox_message where subject = $1 and type = $2")
                .execute(Tuple.of(order, "payment.requested")).await().indefinitely().iterator().next().getLong(0);
        assertEquals(0, requested, "no saga was asked for");
    }
}
