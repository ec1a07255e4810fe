package dev.paysaga.reconciliation.api;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runs API without channel-router (module tests run the service alone): what it refuses, who may call it, and
 * a run whose statement cannot be read. The end-to-end suite reconciles real sandbox statements.
 */
@QuarkusTest
class RunApiTest {
    private static final String RUNS = "/v1/reconciliation/runs";

    @Inject
    Pool pool;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown channel   | {"channel":"paypal","date":"2026-12-01"}     | channel
            no channel        | {"date":"2026-12-01"}                        | channel
            no date           | {"channel":"alipay"}                         | date
            not a date        | {"channel":"alipay","date":"2026-13-45"}     | date
            a date as number  | {"channel":"alipay","date":20261201}         | date
            a future day      | {"channel":"alipay","date":"FUTURE"}         | date
            """)
    void badRunRequestsAreRefusedWithAStableCodeAndStartNothing(String name, String body, String param) {
        String future = LocalDate.now(ZoneId.of("Pacific/Kiritimati")).plusDays(1).toString();
        long before = runs();

        Api.asPlatform().contentType(ContentType.JSON).body(body.replace("FUTURE", future)).post(RUNS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request")).body("param", equalTo(param));

        assertEquals(before, runs(), "no run recorded");
    }

    @Test
    void runsAreThePlatformsOnly() {
        String body = "{\"channel\":\"alipay\",\"date\":\"2026-12-01\"}";
        Api.given().contentType(ContentType.JSON).body(body).post(RUNS).then().statusCode(403)
                .body("code", equalTo("permission_denied"));
        Api.anonymous().contentType(ContentType.JSON).body(body).post(RUNS).then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
        Api.given().get(RUNS + "/" + Ids.next("rcr")).then().statusCode(403);
    }

    @Test
    void anUnknownRunIsNotFoundAndABadFilterIsAProblem() {
        Api.asPlatform().get(RUNS + "/" + Ids.next("rcr")).then().statusCode(404).body("code", equalTo("not_found"));
        Api.asPlatform().get(RUNS + "/nonsense/items").then().statusCode(404).body("code", equalTo("not_found"));
        String id = started("2026-11-30");
        Api.asPlatform().get(RUNS + "/" + id + "/items?kind=lost").then().statusCode(400).body("param", equalTo("kind"));
        Api.asPlatform().get(RUNS + "/" + id + "/items?starting_after=x").then().statusCode(400)
                .body("param", equalTo("starting_after"));
        Api.asPlatform().get(RUNS + "/" + id + "/items?limit=1000").then().statusCode(400).body("param", equalTo("limit"));
    }

    @Test
    void aRunWhoseStatementCannotBeReadFailsAndSaysWhy() {
        String id = started("2026-11-29");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.asPlatform().get(RUNS + "/" + id).then()
                .statusCode(200).body("status", equalTo("failed")).body("failure", startsWith("the statement could not be read")));
    }

    @Test
    void aDayReconciledAgainIsItsNextAttempt() {
        String day = "2026-11-20";
        String first = started(day);
        String again = started(day);

        int firstAttempt = Api.asPlatform().get(RUNS + "/" + first).then().extract().path("attempt");
        Api.asPlatform().get(RUNS + "/" + again).then().body("attempt", equalTo(firstAttempt + 1))
                .body("requested_by", equalTo("platform")).body("trigger", equalTo("manual"));
    }

    private String started(String day) {
        return Api.asPlatform().contentType(ContentType.JSON).body("{\"channel\":\"alipay\",\"date\":\"" + day + "\"}")
                .post(RUNS).then().statusCode(202).body("status", equalTo("running")).body("channel", equalTo("alipay"))
                .body("date", equalTo(day)).body("id", startsWith("rcr_")).extract().path("id");
    }

    private long runs() {
        return pool.query("select count(*) from reconciliation_run").execute().await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }
}
