package dev.paysaga.notification.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoints API: what merchants may register, who sees which endpoint, and refusals that store nothing. */
@QuarkusTest
class WebhookEndpointApiTest {
    private static final String RECEIVER = "http://127.0.0.1:9/webhooks";

    @ParameterizedTest(name = "{0} → 400 {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a URL that is none                | {"url":"not a url","enabled_events":["*"]}                                  | url
            no URL                            | {"enabled_events":["*"]}                                                    | url
            another scheme                    | {"url":"ftp://example.com/hooks","enabled_events":["*"]}                    | url
            credentials in the URL            | {"url":"https://user:pw@example.com/hooks","enabled_events":["*"]}          | url
            a relative URL                    | {"url":"/hooks","enabled_events":["*"]}                                     | url
            an unknown event type             | {"url":"https://example.com/hooks","enabled_events":["payment.exploded"]}  | enabled_events
            no event types                    | {"url":"https://example.com/hooks","enabled_events":[]}                     | enabled_events
            an order event (not delivered)    | {"url":"https://example.com/hooks","enabled_events":["order.created"]}      | enabled_events
            another merchant's id             | {"url":"https://example.com/hooks","enabled_events":["*"],"merchant_id":"mer_test_b"} | merchant_id
            """)
    void badEndpointsAreRefusedAndNothingIsStored(String what, String body, String param) {
        int before = countOfMerchantA();
        var refused = Api.given().contentType(ContentType.JSON).body(body).post("/v1/webhook_endpoints").then()
                .contentType("application/problem+json").body("param", equalTo(param));
        if ("merchant_id".equals(param)) {
            refused.statusCode(403).body("code", equalTo("permission_denied"));
        } else {
            refused.statusCode(400).body("code", equalTo("invalid_request"));
        }
        assertEquals(before, countOfMerchantA(), what + " stored an endpoint");
    }

    @Test
    void aMerchantSeesItsOwnEndpointsOnlyAndAnotherMerchantsIsNotFound() {
        String id = Api.given().contentType(ContentType.JSON)
                .body("{\"url\":\"" + RECEIVER + "\",\"enabled_events\":[\"refund.*\",\"payment.succeeded\"],\"description\":\"shop\"}")
                .post("/v1/webhook_endpoints").then().statusCode(201)
                .body("merchant_id", equalTo(TestCredentials.MERCHANT_A))
                .body("enabled_events", equalTo(List.of("payment.succeeded", "refund.*")))
                .extract().path("id");
        try {
            Api.given().get("/v1/webhook_endpoints/{id}", id).then().statusCode(200).body("description", equalTo("shop"));
            Api.asMerchantB().get("/v1/webhook_endpoints/{id}", id).then().statusCode(404).body("code", equalTo("not_found"));
            Api.asMerchantB().delete("/v1/webhook_endpoints/{id}", id).then().statusCode(404);
            Api.asMerchantB().post("/v1/webhook_endpoints/{id}/rotate_secret", id).then().statusCode(404);
            Api.asMerchantB().queryParam("limit", 100).get("/v1/webhook_endpoints").then().statusCode(200)
                    .body("data.id", not(hasItem(id)));
            Api.given().contentType(ContentType.JSON).body("{\"status\":\"paused\"}").post("/v1/webhook_endpoints/{id}", id)
                    .then().statusCode(400).body("param", equalTo("status"));
        } finally {
            Api.given().delete("/v1/webhook_endpoints/{id}", id).then().statusCode(200).body("status", equalTo("deleted"));
        }
        Api.given().get("/v1/webhook_endpoints/{id}", id).then().statusCode(404);
    }

    @Test
    void anOverlapLongerThanAWeekIsRefused() {
        String id = Api.given().contentType(ContentType.JSON)
                .body("{\"url\":\"" + RECEIVER + "\",\"enabled_events\":[\"*\"]}")
                .post("/v1/webhook_endpoints").then().statusCode(201).extract().path("id");
        try {
            Api.given().contentType(ContentType.JSON).body("{\"expire_in_seconds\":604801}")
                    .post("/v1/webhook_endpoints/{id}/rotate_secret", id).then().statusCode(400)
                    .body("param", equalTo("expire_in_seconds"));
        } finally {
            Api.given().delete("/v1/webhook_endpoints/{id}", id);
        }
    }

    @Test
    void badCursorsAndIdsAreRefused() {
        Api.given().queryParam("starting_after", Ids.next("evt")).get("/v1/webhook_endpoints").then().statusCode(400)
                .body("param", equalTo("starting_after"));
    }

    private static int countOfMerchantA() {
        int count = 0;
        String after = null;
        boolean more = true;
        while (more) {
            var request = Api.given().queryParam("limit", 100);
            if (after != null) {
                request.queryParam("starting_after", after);
            }
            var page = request.get("/v1/webhook_endpoints").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("data.id", String.class);
            count += ids.size();
            more = page.getBoolean("has_more");
            after = ids.isEmpty() ? after : ids.get(ids.size() - 1);
        }
        return count;
    }
}
