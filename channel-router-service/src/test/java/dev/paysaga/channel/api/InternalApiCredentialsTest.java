package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.anonymous;
import static dev.paysaga.runtime.testing.Api.as;
import static dev.paysaga.runtime.testing.Api.asPlatform;
import static dev.paysaga.runtime.testing.Api.asService;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.FakeAlipayGateway;
import dev.paysaga.runtime.auth.Authentication;
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
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may call the router. Its operations are read from its own OpenAPI document, so one added later is
 * in these tables without anyone remembering it: every {@code /internal} operation answers anything but the
 * service credential — none, another token, a merchant key, the platform credential — with 401
 * {@code unauthenticated} and changes nothing, on a pending and on a paid payment alike; with the service
 * credential, one that names a payment the router has no transaction for is 404 {@code not_found} and
 * creates nothing, so no money moves at a channel for a payment payment-service never sent. The only other
 * operations are the channels' callbacks, which take no credential: the channel's signature proves them.
 */
@QuarkusTest
@QuarkusTestResource(ChannelGatewaysResource.class)
class InternalApiCredentialsTest {
    /** The non-internal operations, each decided: the channels' signed notifications ({@code PublicEndpoint}). */
    static final Set<String> PUBLIC = Set.of("POST /callbacks/{channel}");

    record Credential(String name, Supplier<RequestSpecification> spec) {
    }

    /** Services only: a merchant's key and the platform operator's credential are no better than none. */
    static final List<Credential> REFUSED = List.of(
            new Credential("no credential", () -> anonymous()),
            new Credential("another token", () -> as("svc_not_the_service_token")),
            new Credential("a merchant key", () -> as(TestCredentials.A_SECRET)),
            new Credential("the platform credential", () -> asPlatform()));

    @Inject
    Pool pool;
    Db db;
    FakeAlipayGateway alipay;

    /** One operation of the OpenAPI document, e.g. {@code POST /internal/v1/channel_transactions/{payment_id}/close}. */
    record Operation(String method, String path) {
        boolean internal() {
            return path.startsWith(Authentication.INTERNAL_PREFIX);
        }

        boolean aboutAPayment() {
            return path.contains("{payment_id}");
        }

        /** The request, addressed at {@code paymentId}, with a body it would take: a refusal has no other reason. */
        Response send(RequestSpecification spec, String paymentId, String refundId) {
            String url = path.replace("{payment_id}", paymentId).replace("{refund_id}", refundId)
                    .replace("{channel}", "alipay").replace("{date}", java.time.LocalDate.now().toString());
            if (method.equals("POST")) {
                spec = spec.contentType(ContentType.JSON).body(path.endsWith("/refunds")
                        ? "{\"refund_id\":\"%s\",\"amount\":100,\"currency\":\"CNY\",\"reason\":\"probe\"}".formatted(refundId)
                        : "{\"payment_id\":\"%s\",\"merchant_id\":\"%s\",\"amount\":100,\"currency\":\"CNY\",\"method\":\"alipay\",\"terminal\":\"web\"}"
                                .formatted(paymentId, TestCredentials.MERCHANT_A));
            }
            return spec.request(method, url);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        alipay = ChannelGatewaysResource.alipay();
    }

    static List<Operation> operations() {
        return OpenApiOperations.all().stream()
                .map(op -> new Operation(OpenApiOperations.method(op), OpenApiOperations.path(op))).toList();
    }

    static List<Operation> internalOperations() {
        List<Operation> internal = operations().stream().filter(Operation::internal).toList();
        assertTrue(internal.contains(new Operation("POST", "/internal/v1/channel_transactions/{payment_id}/refunds")),
                "the OpenAPI document lists the internal API: " + internal);
        return internal;
    }

    @Test
    void everyOtherOperationIsAChannelCallbackThatTakesNoCredential() {
        List<String> others = operations().stream().filter(op -> !op.internal()).map(Operation::toString).toList();

        assertEquals(PUBLIC, Set.copyOf(others), "a new non-internal endpoint: decide who may call it");
        // Reachable without a credential: an unsigned body is the channel's refusal (400), not 401.
        anonymous().contentType("application/x-www-form-urlencoded").body("a=b").post("/callbacks/alipay").then()
                .statusCode(400);
    }

    @TestFactory
    Stream<DynamicTest> anythingButTheServiceCredentialIs401AndChangesNothing() {
        String pending = Ids.next("pay");
        Api.createAlipay(pending, 3000).then().statusCode(201);
        String paid = Ids.next("pay");
        Api.createAlipay(paid, 3000).then().statusCode(201);
        Api.notify(alipay.notification(paid, "TRADE_SUCCESS", "30.00")).then().statusCode(200);
        db.putOffEarlierPendingQueries();
        List<Operation> internal = internalOperations();

        return Stream.of(pending, paid).flatMap(pay -> internal.stream().flatMap(op -> REFUSED.stream()
                .map(credential -> DynamicTest.dynamicTest(op + " with " + credential.name() + " on a "
                        + (pay.equals(paid) ? "paid" : "pending") + " payment", () -> {
                            String state = db.state(pay);
                            int calls = alipay.calls(pay).size();
                            String stranger = Ids.next("pay");
                            String refund = Ids.next("re");

                            op.send(credential.spec().get(), op.aboutAPayment() ? pay : stranger, refund).then()
                                    .statusCode(401).contentType("application/problem+json")
                                    .body("code", equalTo("unauthenticated"));

                            assertEquals(state, db.state(pay));
                            assertEquals(calls, alipay.calls(pay).size(), "no channel call");
                            assertEquals("none attempts=0 refunds= events=0", db.state(stranger));
                            assertEquals(0, alipay.calls(stranger).size());
                        }))));
    }

    @TestFactory
    Stream<DynamicTest> aPaymentTheRouterHasNoTransactionForIs404AndNothingMovesAtAChannel() {
        return internalOperations().stream().filter(Operation::aboutAPayment)
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    String unknown = Ids.next("pay");

                    var answer = op.send(asService(), unknown, Ids.next("re"));

                    answer.then().statusCode(404).contentType("application/problem+json")
                            .body("code", equalTo("not_found"));
                    assertEquals("none attempts=0 refunds= events=0", db.state(unknown));
                    assertEquals(0, alipay.calls(unknown).size());
                }));
    }
}
