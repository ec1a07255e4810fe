package dev.paysaga.order.api;

import static dev.paysaga.order.OrderFixtures.problem;
import static dev.paysaga.order.OrderFixtures.statusOf;
import static dev.paysaga.order.OrderFixtures.unique;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.order.SagaOrderStep;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shipping and completing paid orders: the lifecycle as a table of (state, action) → outcome. */
@QuarkusTest
class OrderFulfilmentApiTest {
    @Inject
    SagaOrderStep saga;
    @Inject
    Pool db;

    @ParameterizedTest(name = "{1} a {0} order → {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            paid            | ship     | 200 | shipped
            shipped         | complete | 200 | completed
            pending_payment | ship     | 409 | invalid_state_transition
            pending_payment | complete | 409 | invalid_state_transition
            paying          | ship     | 409 | invalid_state_transition
            paying          | complete | 409 | invalid_state_transition
            paid            | complete | 409 | invalid_state_transition
            shipped         | ship     | 409 | invalid_state_transition
            completed       | ship     | 409 | invalid_state_transition
            completed       | complete | 409 | invalid_state_transition
            closed          | ship     | 409 | invalid_state_transition
            closed          | complete | 409 | invalid_state_transition
            unknown         | ship     | 404 | not_found
            unknown         | complete | 404 | not_found
            """)
    void actionsFollowTheLifecycle(String state, String action, int status, String outcome) {
        String order = orderIn(state);
        String announced = "order." + ("ship".equals(action) ? "shipped" : "completed");
        long before = events(order, announced);

        Response response = given().post("/v1/orders/" + order + "/" + action);

        if (status == 200) {
            response.then().statusCode(200).body("id", equalTo(order)).body("status", equalTo(outcome));
            assertEquals(outcome, statusOf(order));
            assertEquals(before + 1, events(order, announced), "announced once on order.events");
        } else {
            problem(response, status, outcome);
            if (!state.equals("unknown")) {
                assertEquals(state, statusOf(order), "a refused action changes nothing");
                assertEquals(before, events(order, announced), "a refused action announces nothing");
            }
        }
    }

    @Test
    void aRetriedShipIsReplayedAndAKeyCannotBeReusedForAnotherAction() {
        String order = orderIn("paid"), key = unique("key");

        post(key, order, "ship").then().statusCode(200).body("status", equalTo("shipped"));
        post(key, order, "ship").then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("status", equalTo("shipped"));
        problem(post(key, order, "complete"), 422, "idempotency_key_reused");
        assertEquals("shipped", statusOf(order));

        post(unique("key"), order, "complete").then().statusCode(200).body("status", equalTo("completed"));
        assertEquals("completed", statusOf(order));
    }

    @Test
    void aRefusedActionIsReplayedToo() {
        String order = orderIn("pending_payment"), key = unique("key");

        problem(post(key, order, "ship"), 409, "invalid_state_transition");
        problem(post(key, order, "ship"), 409, "invalid_state_transition");
        assertEquals("pending_payment", statusOf(order));
    }

    private long events(String orderId, String type) {
        return db.preparedQuery("select count(*) from outbox_message where subject = $1 and type = $2")
                .execute(Tuple.of(orderId, type)).await().indefinitely().iterator().next().getLong(0);
    }

    private String orderIn(String state) {
        return saga.orderIn(state);
    }

    private static Response post(String key, String order, String action) {
        return given().header("Idempotency-Key", key).post("/v1/orders/" + order + "/" + action);
    }
}
