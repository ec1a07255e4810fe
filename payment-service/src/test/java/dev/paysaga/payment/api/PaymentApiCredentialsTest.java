package dev.paysaga.payment.api;

import static dev.paysaga.runtime.testing.Api.anonymous;
import static dev.paysaga.runtime.testing.Api.as;
import static dev.paysaga.runtime.testing.Api.asMerchantB;
import static dev.paysaga.runtime.testing.Api.asPlatform;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.contracts.RefundRequested;
import dev.paysaga.payment.testing.FakeChannelRouter;
import dev.paysaga.payment.testing.PaymentRows;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.OpenApiOperations;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Payments and refunds belong to the payment's merchant: merchant A's key reads and refunds A's payments;
 * merchant B's key is told {@code not_found} for them exactly as for an id that does not exist, and nothing
 * changes (no refund, no refund saga asked for); a key without the operation's scope is 403 naming it; no
 * credential is 401 on every operation the service's OpenAPI document lists. Reading a payment asks
 * channel-router for its attempts with the service credential (the fake router refuses anything else).
 */
@QuarkusTest
@QuarkusTestResource(FakeChannelRouter.class)
class PaymentApiCredentialsTest {
    @Inject
    Pool pool;
    PaymentRows rows;
    String pay;
    String refund;

    @BeforeEach
    void setUp() {
        rows = new PaymentRows(pool);
        pay = rows.succeededPayment(TestCredentials.MERCHANT_A);
        refund = rows.pendingRefund(pay);
    }

    /** The merchant operations of this test, with the scope each needs. */
    enum Operation {
        READ_PAYMENT("payments:read"), REFUND_PAYMENT("refunds:write"), READ_REFUND("refunds:read");

        final String scope;

        Operation(String scope) {
            this.scope = scope;
        }

        Response send(RequestSpecification spec, String paymentId, String refundId) {
            return switch (this) {
                case READ_PAYMENT -> spec.get("/v1/payments/" + paymentId);
                case REFUND_PAYMENT -> spec.contentType(ContentType.JSON).body("{\"amount\":100,\"reason\":\"probe\"}")
                        .post("/v1/payments/" + paymentId + "/refunds");
                case READ_REFUND -> spec.get("/v1/refunds/" + refundId);
            };
        }
    }

    @Test
    void merchantAReadsItsPaymentWithTheAttemptsTheRouterWasAskedForWithTheServiceCredential() {
        given().get("/v1/payments/" + pay).then().statusCode(200)
                .body("id", equalTo(pay)).body("status", equalTo("succeeded")).body("amount", equalTo(3000))
                .body("attempts[0].channel", equalTo("alipay"))
                .body("attempts[0].reason", equalTo("the fake router's only channel"));

        var asked = FakeChannelRouter.received().stream()
                .filter(r -> r.path().equals(FakeChannelRouter.BASE + pay)).toList();
        assertEquals(List.of(new FakeChannelRouter.Received("GET", FakeChannelRouter.BASE + pay,
                "Bearer " + TestCredentials.SERVICE)), asked);
        given().get("/v1/refunds/" + refund).then().statusCode(200)
                .body("payment_id", equalTo(pay)).body("status", equalTo("pending"));
    }

    @Test
    void merchantARefundsItsPaymentAndTheRefundSagaIsAskedForOnce() {
        String created = given().header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{\"amount\":1000,\"reason\":\"returned\"}").post("/v1/payments/" + pay + "/refunds")
                .then().statusCode(202).body("status", equalTo("pending")).body("amount", equalTo(1000))
                .extract().path("id");

        given().get("/v1/refunds/" + created).then().statusCode(200).body("payment_id", equalTo(pay));
        assertEquals(1, rows.messages(pay, RefundRequested.TYPE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"READ_PAYMENT", "REFUND_PAYMENT", "READ_REFUND"})
    void merchantBIsTold404ExactlyAsForAnUnknownIdAndNothingChanges(Operation operation) {
        String before = rows.state(pay);
        String unknownPay = Ids.next("pay");
        String unknownRefund = Ids.next("re");

        Response theirs = operation.send(asMerchantB().header("Idempotency-Key", UUID.randomUUID().toString()),
                pay, refund);
        Response unknown = operation.send(given(), unknownPay, unknownRefund);

        theirs.then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        unknown.then().statusCode(404);
        Map<String, Object> unknownProblem = unknown.jsonPath().getMap("");
        Map<String, Object> theirProblem = theirs.jsonPath().getMap("");
        assertEquals(unknownProblem.toString().replace(unknownPay, pay).replace(unknownRefund, refund),
                theirProblem.toString(), "nothing tells another merchant's id from one that does not exist");
        assertEquals(before, rows.state(pay));
        assertEquals(0, rows.messages(pay, RefundRequested.TYPE), "no refund saga asked for");
    }

    @Test
    void anotherMerchantsRefusalIsNotKeptUnderItsIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String body = "{\"amount\":700,\"reason\":\"returned\"}";

        asMerchantB().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/v1/payments/" + pay + "/refunds").then().statusCode(404);
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/v1/payments/" + pay + "/refunds").then().statusCode(202).body("amount", equalTo(700));

        assertEquals(1, rows.messages(pay, RefundRequested.TYPE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"READ_PAYMENT", "REFUND_PAYMENT", "READ_REFUND"})
    void aKeyWithoutTheScopeIs403NamingItAndNothingChanges(Operation operation) {
        String before = rows.state(pay);

        operation.send(as(TestCredentials.A_ORDERS_READ), pay, refund).then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("permission_denied")).body("param", equalTo(operation.scope));

        assertEquals(before, rows.state(pay));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"READ_PAYMENT", "READ_REFUND"})
    void thePlatformSeesEveryMerchantsPaymentsAndRefunds(Operation operation) {
        operation.send(asPlatform(), pay, refund).then().statusCode(200);
    }

    /** Every operation of the service's OpenAPI document, so one added later is in this table too. */
    @TestFactory
    Stream<DynamicTest> everyOperationWithoutAValidCredentialIs401AndChangesNothing() {
        Set<String> operations = OpenApiOperations.all();
        assertTrue(operations.stream().anyMatch(op -> OpenApiOperations.path(op).equals("/v1/payments/{id}/refunds")),
                "the document lists the API");
        Map<String, Supplier<RequestSpecification>> credentials = Map.of(
                "no credential", () -> anonymous(),
                "a malformed key", () -> as("sk_test_not_a_key"),
                "a live-mode key", () -> as(TestCredentials.A_LIVE_MODE));

        return operations.stream().flatMap(op -> credentials.keySet().stream().sorted().map(name -> DynamicTest
                .dynamicTest(op + " with " + name, () -> {
                    String before = rows.state(pay);
                    String method = OpenApiOperations.method(op);
                    String url = OpenApiOperations.path(op).replace("/v1/refunds/{id}", "/v1/refunds/" + refund)
                            .replaceAll("\\{[^}/]+}", pay);
                    RequestSpecification request = credentials.get(name).get();
                    if (!method.equals("GET")) {
                        request = request.contentType(ContentType.JSON).body("{\"amount\":100}");
                    }

                    request.request(method, url).then().statusCode(401).contentType("application/problem+json")
                            .body("code", equalTo("unauthenticated"));

                    assertEquals(before, rows.state(pay));
                })));
    }
}
