package dev.paysaga.reconciliation.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Maker-checker without the ledger (the end-to-end suite posts approved adjustments): who may propose, that the
 * proposer cannot approve, what is refused. Each test reconciles nothing: it records a completed run with one item
 * to review, as a run stores it.
 */
@QuarkusTest
class AdjustmentApiTest {
    private static final String ADJUSTMENTS = "/v1/reconciliation/adjustments";

    @Inject
    Pool pool;

    private String runId;

    @BeforeEach
    void aRunWithAnItemToReview() {
        runId = Ids.next("rcr");
        pool.withTransaction(tx -> tx.preparedQuery("""
                        insert into reconciliation_run (id, channel, business_day, attempt, status, trigger, requested_by,
                                                        created_at, completed_at)
                        values ($1, 'alipay', $2, 1000 + (random() * 1000000)::int, 'completed', 'manual', 'test', now(), now())""")
                .execute(Tuple.of(runId, LocalDate.of(2026, 1, 1)))
                .chain(() -> tx.preparedQuery("""
                        insert into reconciliation_item (run_id, seq, kind, subject, payment_id, amount, currency, note, resolution)
                        values ($1, 1, 'amount_mismatch', $2, $2, 1200, 'CNY', 'The channel has 1200 CNY, our books 1000 CNY', 'review'),
                               ($1, 2, 'missing_locally', $3, $3, 500, 'CNY', 'Paid after cancel', 'refund')""")
                        .execute(Tuple.of(runId, Ids.next("pay"), Ids.next("pay")))))
                .await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theProposerCannotApproveASecondOperatorRejects() {
        String id = propose(TestCredentials.OPERATOR_ALICE, 1).then().statusCode(201)
                .body("status", equalTo("proposed")).body("proposed_by", equalTo("test_alice"))
                .body("id", startsWith("adj_")).body("audit.action", contains("proposed")).extract().path("id");

        Api.as(TestCredentials.OPERATOR_ALICE).post(ADJUSTMENTS + "/" + id + "/approve").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("approver_is_proposer"));
        propose(TestCredentials.OPERATOR_BOB, 1).then().statusCode(409).body("code", equalTo("invalid_state_transition"));

        Api.as(TestCredentials.OPERATOR_BOB).contentType(ContentType.JSON).body("{\"reason\":\"the channel corrected its file\"}")
                .post(ADJUSTMENTS + "/" + id + "/reject").then().statusCode(200)
                .body("status", equalTo("rejected")).body("decided_by", equalTo("test_bob"))
                .body("audit.action", contains("proposed", "rejected"));
        Api.as(TestCredentials.OPERATOR_BOB).post(ADJUSTMENTS + "/" + id + "/approve").then().statusCode(409);
    }

    @Test
    void theSharedPlatformCredentialNamesNobodyAndMerchantsHaveNoAccess() {
        propose(TestCredentials.PLATFORM, 1).then().statusCode(403).body("code", equalTo("operator_required"));
        propose(TestCredentials.A_SECRET, 1).then().statusCode(403).body("code", equalTo("permission_denied"));
        Api.anonymous().get(ADJUSTMENTS + "/" + Ids.next("adj")).then().statusCode(401);
        Api.asPlatform().get(ADJUSTMENTS + "/" + Ids.next("adj")).then().statusCode(404);
    }

    @Test
    void anItemSettledAutomaticallyTakesNoAdjustment() {
        propose(TestCredentials.OPERATOR_ALICE, 2).then().statusCode(409).body("code", equalTo("invalid_state_transition"));
        propose(TestCredentials.OPERATOR_ALICE, 7).then().statusCode(400).body("param", equalTo("item"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no run               | "item":1,"debit_account_id":"acc_a","credit_account_id":"acc_b","amount":200,"currency":"CNY","reason":"r" | run_id
            the same account     | "run_id":"RUN","item":1,"debit_account_id":"acc_a","credit_account_id":"acc_a","amount":200,"currency":"CNY","reason":"r" | credit_account_id
            no reason            | "run_id":"RUN","item":1,"debit_account_id":"acc_a","credit_account_id":"acc_b","amount":200,"currency":"CNY" | reason
            a zero amount        | "run_id":"RUN","item":1,"debit_account_id":"acc_a","credit_account_id":"acc_b","amount":0,"currency":"CNY","reason":"r" | amount
            a fraction           | "run_id":"RUN","item":1,"debit_account_id":"acc_a","credit_account_id":"acc_b","amount":1.5,"currency":"CNY","reason":"r" | amount
            a bad currency       | "run_id":"RUN","item":1,"debit_account_id":"acc_a","credit_account_id":"acc_b","amount":200,"currency":"cny","reason":"r" | currency
            """)
    void badProposalsAreRefusedAndProposeNothing(String name, String fields, String param) {
        Api.as(TestCredentials.OPERATOR_ALICE).contentType(ContentType.JSON).body("{" + fields.replace("RUN", runId) + "}")
                .post(ADJUSTMENTS).then().statusCode(400).contentType("application/problem+json").body("param", equalTo(param));

        propose(TestCredentials.OPERATOR_ALICE, 1).then().statusCode(201); // still open to a good one
    }

    private io.restassured.response.Response propose(String credential, int item) {
        return Api.as(credential).contentType(ContentType.JSON).body("""
                {"run_id":"%s","item":%d,"debit_account_id":"acc_clearing","credit_account_id":"acc_suspense",
                 "amount":200,"currency":"CNY","reason":"the channel took 200 more than we charged"}""".formatted(runId, item))
                .post(ADJUSTMENTS);
    }
}
