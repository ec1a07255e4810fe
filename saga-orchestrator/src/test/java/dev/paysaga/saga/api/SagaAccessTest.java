package dev.paysaga.saga.api;

import static dev.paysaga.runtime.testing.Api.given;
import static dev.paysaga.saga.testing.SagaRows.onVertx;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.PaymentRequested;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.RefundRequested;
import dev.paysaga.runtime.auth.ApiKeys;
import dev.paysaga.runtime.auth.PlatformCredential;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.OpenApiOperations;
import dev.paysaga.runtime.testing.TestCredentials;
import dev.paysaga.saga.domain.Saga;
import dev.paysaga.saga.domain.SagaDefinitions;
import dev.paysaga.saga.domain.SagaDriver;
import dev.paysaga.saga.domain.SagaStatus;
import dev.paysaga.saga.persistence.SagaStore;
import dev.paysaga.saga.testing.SagaRows;
import dev.paysaga.saga.testing.StillSagas;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may read which saga. Sagas start here as they do in production, from a merchant's
 * {@code payment.requested} and {@code refund.requested}; commands stay in the outbox (relay off) and
 * the clock is still, and the test deletes its sagas and commands afterwards. Every operation of the
 * service is taken from its own OpenAPI document, so a new endpoint cannot be left out of the tables.
 */
@QuarkusTest
@TestProfile(StillSagas.class)
class SagaAccessTest {
    @Inject
    SagaDriver driver;
    @Inject
    SagaStore store;
    @Inject
    SagaDefinitions definitions;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteTheseSagas() {
        SagaRows.delete(created);
    }

    /** An operation of the service: its method and a path with every parameter filled in. */
    record Operation(String method, String path) {
    }

    private static List<Operation> operations() {
        Set<String> documented = OpenApiOperations.all();
        List<Operation> operations = documented.stream().map(op -> new Operation(OpenApiOperations.method(op),
                OpenApiOperations.path(op, Ids.next("sag")))).toList();
        assertEquals(2, operations.size(), "the operations " + documented + ": add new ones to the docs");
        return operations;
    }

    /** Credentials that prove nothing here: none, a malformed key, another mode's, an unknown well-formed one. */
    static Stream<Arguments> unproven() {
        return Stream.of(Arguments.of("no credential", null),
                Arguments.of("a malformed key", "sk_test_not_a_key"),
                Arguments.of("a live-mode key", TestCredentials.A_LIVE_MODE),
                Arguments.of("an unknown key", ApiKeys.generate(ApiKeys.Kind.SECRET, "test")),
                Arguments.of("an unknown platform credential", PlatformCredential.generate()));
    }

    @ParameterizedTest(name = "{0} → 401 on every operation")
    @MethodSource("unproven")
    void everyOperationWithoutAValidCredentialIsUnauthenticated(String what, String credential) {
        assertAll(operations().stream().map(op -> (Executable) () -> (credential == null ? Api.anonymous()
                : Api.as(credential)).request(op.method(), op.path()).then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthenticated"))));
    }

    @Test
    void everyOperationNeedsTheSagasReadScope() {
        assertAll(operations().stream().map(op -> (Executable) () -> Api.as(TestCredentials.A_ORDERS_READ)
                .request(op.method(), op.path()).then()
                .statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("permission_denied")).body("param", equalTo(Scopes.SAGAS_READ))));
    }

    @Test
    void aSagaBelongsToTheMerchantOfItsPaymentOrRefund() {
        String payment = pay(TestCredentials.MERCHANT_A);
        String refund = refund(TestCredentials.MERCHANT_B);

        given().get("/v1/sagas/{id}", payment).then().statusCode(200)
                .body("merchant_id", equalTo(TestCredentials.MERCHANT_A)).body("type", equalTo("pay_order"));
        Api.asMerchantB().get("/v1/sagas/{id}", refund).then().statusCode(200)
                .body("merchant_id", equalTo(TestCredentials.MERCHANT_B)).body("type", equalTo("refund"));
        Api.asPlatform().get("/v1/sagas/{id}", refund).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} reading {1}''s saga → 404")
    @CsvSource(delimiter = '|', textBlock = """
            merchant B | merchant A
            merchant A | merchant B
            merchant A | nobody (a saga from before merchants owned sagas)
            merchant B | nobody (a saga from before merchants owned sagas)
            """)
    void anotherMerchantsSagaIsNotFoundAsAnUnknownOneIs(String reader, String owner) {
        String saga = owner.startsWith("nobody") ? parked(null)
                : owner.endsWith("A") ? pay(TestCredentials.MERCHANT_A) : refund(TestCredentials.MERCHANT_B);
        String key = reader.endsWith("A") ? TestCredentials.A_SECRET : TestCredentials.B_SECRET;

        Stream.of(saga, Ids.next("sag")).forEach(id -> Api.as(key).get("/v1/sagas/{id}", id).then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found")));
        Api.asPlatform().get("/v1/sagas/{id}", saga).then().statusCode(200).body("id", equalTo(saga));
    }

    @Test
    void aMerchantListsOnlyItsOwnSagasAndThePlatformListsAll() {
        String before = Ids.next("sag");
        String ofA = parked(TestCredentials.MERCHANT_A);
        String ofB = parked(TestCredentials.MERCHANT_B);
        String ofNobody = parked(null);

        for (String status : new String[] { null, "needs_attention" }) {
            assertEquals(List.of(ofA), listed(given(), before, status), "A's list, status " + status);
            assertEquals(List.of(ofB), listed(Api.asMerchantB(), before, status), "B's list, status " + status);
            List<String> all = listed(Api.asPlatform(), before, status);
            assertTrue(all.containsAll(List.of(ofA, ofB, ofNobody)), "the platform's list " + all);
        }
        given().queryParam("starting_after", before).get("/v1/sagas").then().statusCode(200)
                .body("data.id", not(hasItem(ofB))).body("data.merchant_id", not(hasItem(TestCredentials.MERCHANT_B)));
        Api.asPlatform().queryParam("starting_after", before).queryParam("limit", 100).get("/v1/sagas").then()
                .statusCode(200).body("data.merchant_id", hasItems(TestCredentials.MERCHANT_A, TestCredentials.MERCHANT_B));
    }

    /** The test's own sagas listed to {@code caller} after {@code before}, in list order. */
    private List<String> listed(RequestSpecification caller, String before, String status) {
        if (status != null) {
            caller.queryParam("status", status);
        }
        return caller.queryParam("starting_after", before).queryParam("limit", 100).get("/v1/sagas").then()
                .statusCode(200).extract().jsonPath().getList("data.id", String.class).stream()
                .filter(created::contains).toList();
    }

    /** A channel payment's saga (not bounded by admission control), started from its payment.requested. */
    private String pay(String merchant) {
        String sagaId = saga();
        PaymentInstruction payment = new PaymentInstruction(Ids.next("pay"), Ids.next("ord"), merchant, "cus_test",
                1_000, "CNY", "alipay", "alipay");
        onVertx(() -> Panache.withTransaction(() -> driver.start(new PaymentRequested(sagaId, payment))).replaceWith(true));
        return sagaId;
    }

    /** A refund saga through the channel, started from its refund.requested on saga.requests. */
    private String refund(String merchant) {
        String sagaId = saga();
        RefundInstruction refund = new RefundInstruction(Ids.next("re"), Ids.next("pay"), Ids.next("ord"), merchant,
                "cus_test", 500, "CNY", "alipay", "requested_by_customer", "alipay");
        onVertx(() -> Panache.withTransaction(() -> driver.start(new RefundRequested(sagaId, refund))).replaceWith(true));
        return sagaId;
    }

    /** A parked saga of {@code merchant} ({@code null}: stored before sagas had one), stored directly. */
    private String parked(String merchant) {
        String id = saga();
        Saga saga = Saga.begin(id, definitions.byName(SagaDefinitions.PAY_ORDER).orElseThrow(), merchant,
                JsonNodeFactory.instance.objectNode().put("merchant_id", merchant), Instant.now());
        saga.status = SagaStatus.NEEDS_ATTENTION;
        assertTrue(onVertx(() -> Panache.withTransaction(() -> store.insert(saga, false))), "inserted " + id);
        return id;
    }

    private String saga() {
        String id = Ids.next("sag");
        created.add(id);
        return id;
    }
}
