package dev.paysaga.saga.api;

import static dev.paysaga.runtime.testing.Api.given;
import static dev.paysaga.saga.testing.SagaRows.onVertx;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.runtime.api.PageLimit;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.TestCredentials;
import dev.paysaga.saga.domain.Phase;
import dev.paysaga.saga.domain.PhaseState;
import dev.paysaga.saga.domain.Saga;
import dev.paysaga.saga.domain.SagaDefinitions;
import dev.paysaga.saga.domain.SagaStatus;
import dev.paysaga.saga.persistence.SagaStore;
import dev.paysaga.saga.testing.SagaRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parked sagas, seen the way their merchant (A) sees them: {@code GET /v1/sagas?status=needs_attention}
 * page by page, and the gauge. Against the real PostgreSQL, which other runs share: every page here
 * starts after an id minted just before this test's sagas, so older rows never show up in it, and
 * the test deletes its sagas afterwards.
 */
@QuarkusTest
@TestProfile(SagasNeedingAttentionTest.ManualGaugeRefresh.class)
class SagasNeedingAttentionTest {
    @Inject
    SagaStore store;
    @Inject
    SagaDefinitions definitions;
    @Inject
    SagaGauges gauge;

    private final List<String> created = new ArrayList<>();

    /** The scheduled count stays out of the way: this test refreshes the gauge itself. */
    public static class ManualGaugeRefresh implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paysaga.saga.gauge-refresh", "1h");
        }
    }

    @AfterEach
    void deleteTheseSagas() {
        SagaRows.delete(created);
    }

    @Test
    void parkedSagasComeOldestFirstInPagesAndOtherStatusesStayOut() {
        String before = Ids.next("sag");
        String p1 = saga(SagaStatus.NEEDS_ATTENTION);
        saga(SagaStatus.COMPLETED);
        String p2 = saga(SagaStatus.NEEDS_ATTENTION);
        String p3 = saga(SagaStatus.NEEDS_ATTENTION);
        saga(SagaStatus.CANCELLED);
        String p4 = saga(SagaStatus.NEEDS_ATTENTION);
        String p5 = saga(SagaStatus.NEEDS_ATTENTION);

        page(before, 2).body("data.id", equalTo(List.of(p1, p2))).body("has_more", equalTo(true));
        page(p2, 2).body("data.id", equalTo(List.of(p3, p4))).body("has_more", equalTo(true));
        page(p4, 2).body("data.id", equalTo(List.of(p5))).body("has_more", equalTo(false));

        // Each item is the saga's whole timeline: why it is parked, and the phase that gave up.
        page(before, 1)
                .body("data[0].status", equalTo("needs_attention"))
                .body("data[0].type", equalTo("pay_order"))
                .body("data[0].failure_code", equalTo("insufficient_funds"))
                .body("data[0].failure_reason", startsWith("funds cancel failed 10 times"))
                .body("data[0].steps.step", equalTo(List.of("payment", "notification", "order", "funds")))
                .body("data[0].steps[3].participant", equalTo("ledger"))
                .body("data[0].steps[3].cancel.status", equalTo("failed"))
                .body("data[0].steps[3].cancel.attempts", equalTo(10))
                .body("data[0].steps[3].cancel.error", equalTo("ledger unavailable"));
    }

    @Test
    void withoutAStatusEverySagaIsListedInIdOrder() {
        String before = Ids.next("sag");
        List<String> mine = List.of(saga(SagaStatus.COMPLETED), saga(SagaStatus.NEEDS_ATTENTION),
                saga(SagaStatus.CANCELLED));
        List<String> listed = given().queryParam("starting_after", before).queryParam("limit", 100)
                .get("/v1/sagas").then().statusCode(200)
                .extract().jsonPath().getList("data.id", String.class);
        // Sagas that a running orchestrator starts meanwhile may be listed too; ours keep their order.
        assertEquals(mine, listed.stream().filter(mine::contains).toList());
    }

    @Test
    void aFirstPageWithoutCursorHoldsOnlyParkedSagasInIdOrder() {
        saga(SagaStatus.NEEDS_ATTENTION);
        List<String> ids = given().queryParam("status", "needs_attention").get("/v1/sagas").then().statusCode(200)
                .body("data.status", everyItem(equalTo("needs_attention")))
                .extract().jsonPath().getList("data.id", String.class);
        assertEquals(ids.stream().sorted().toList(), ids);
        assertTrue(ids.size() >= 1 && ids.size() <= PageLimit.DEFAULT, "page size " + ids.size());
    }

    @ParameterizedTest(name = "{0}={1} → 400 {0}")
    @CsvSource(delimiter = '|', textBlock = """
            status         | parked
            status         | NEEDS_ATTENTION
            status         | needs-attention
            limit          | 0
            limit          | 101
            limit          | ten
            starting_after | ord_01M82VNPAYE00BGW4A3DNH3EQ7
            starting_after | sag_
            """)
    void badParametersAreRefusedNamingTheParameter(String param, String value) {
        given().queryParam(param, value).get("/v1/sagas").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("param", equalTo(param));
    }

    @Test
    void theGaugeCountsParkedSagas() {
        refreshGauge();
        double before = gaugeValue();
        saga(SagaStatus.NEEDS_ATTENTION);
        saga(SagaStatus.NEEDS_ATTENTION);
        saga(SagaStatus.COMPLETED);
        assertEquals(before, gaugeValue(), "the gauge changed before it was refreshed: counted per scrape?");

        refreshGauge();
        assertEquals(before + 2, gaugeValue());
    }

    private ValidatableResponse page(String startingAfter, int limit) {
        return given().queryParam("status", "needs_attention").queryParam("starting_after", startingAfter)
                .queryParam("limit", limit).get("/v1/sagas").then().statusCode(200);
    }

    /** A pay_order saga stored in {@code status}; a parked one ran out of Cancel attempts at the ledger. */
    private String saga(SagaStatus status) {
        String id = Ids.next("sag");
        ObjectNode payment = JsonNodeFactory.instance.objectNode().put("payment_id", Ids.next("pay"))
                .put("order_id", Ids.next("ord")).put("merchant_id", TestCredentials.MERCHANT_A).put("customer_id", "cus_test")
                .put("amount", 3000).put("currency", "CNY").put("method", "wallet");
        Saga saga = Saga.begin(id, definitions.byName(SagaDefinitions.PAY_ORDER).orElseThrow(),
                TestCredentials.MERCHANT_A, payment, Instant.now());
        saga.status = status;
        if (status == SagaStatus.NEEDS_ATTENTION) {
            saga.failureCode = "insufficient_funds";
            saga.failureReason = "funds cancel failed 10 times: ledger unavailable";
            PhaseState cancel = saga.steps.get(3).phases.get(Phase.CANCEL);
            cancel.status = PhaseState.Status.FAILED;
            cancel.attempts = 10;
            cancel.error = "ledger unavailable";
        }
        created.add(id);
        assertTrue(onVertx(() -> Panache.withTransaction(() -> store.insert(saga, false))), "inserted " + id);
        return id;
    }

    private void refreshGauge() {
        onVertx(() -> gauge.refresh().replaceWith(true));
    }

    private static double gaugeValue() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("paysaga_sagas_needing_attention"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no paysaga_sagas_needing_attention in /q/metrics"));
    }
}
