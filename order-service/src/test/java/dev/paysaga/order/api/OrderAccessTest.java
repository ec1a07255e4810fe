package dev.paysaga.order.api;

import static dev.paysaga.order.OrderFixtures.placedWithSecret;
import static dev.paysaga.order.OrderFixtures.problem;
import static dev.paysaga.order.OrderFixtures.stock;
import static dev.paysaga.order.OrderFixtures.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.order.OrderFixtures.Placed;
import dev.paysaga.order.SagaOrderStep;
import dev.paysaga.runtime.auth.ApiKeys;
import dev.paysaga.runtime.auth.ClientSecrets;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.OpenApiOperations;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what, as tables: every operation of the service (checked against its own /q/openapi,
 * so a new endpoint cannot be left out) with the scope a merchant key needs and whether an order's client
 * secret opens it; every refusal changes nothing (the order, its messages and the stock are compared
 * before and after).
 */
@QuarkusTest
class OrderAccessTest {
    /** An operation, the scope it needs ({@code null}: a platform operation) and whether a client secret opens it. */
    record Operation(String method, String path, String scope, boolean clientSecret, String body) {
        Response send(RequestSpecification caller, String order, String sku, String customer) {
            RequestSpecification request = caller.contentType(ContentType.JSON);
            if (body != null) {
                request.body(body.replace("$SKU", sku).replace("$CUS", customer));
            }
            return request.request(method, path.replace("{id}", order).replace("{sku}", sku));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Operation> OPERATIONS = List.of(
            new Operation("POST", "/v1/orders", Scopes.ORDERS_WRITE, false,
                    "{\"customer_id\":\"$CUS\",\"currency\":\"CNY\",\"lines\":[{\"sku\":\"$SKU\",\"quantity\":1,\"unit_amount\":100}]}"),
            new Operation("GET", "/v1/orders/{id}", Scopes.ORDERS_READ, true, null),
            new Operation("POST", "/v1/orders/{id}/pay", Scopes.PAYMENTS_WRITE, true, "{\"method\":\"wallet\"}"),
            new Operation("POST", "/v1/orders/{id}/cancel", Scopes.ORDERS_WRITE, false, null),
            new Operation("POST", "/v1/orders/{id}/ship", Scopes.ORDERS_WRITE, false, null),
            new Operation("POST", "/v1/orders/{id}/complete", Scopes.ORDERS_WRITE, false, null),
            new Operation("GET", "/v1/inventory/{sku}", Scopes.ORDERS_READ, false, null),
            new Operation("PUT", "/v1/inventory/{sku}", Scopes.ORDERS_WRITE, false, "{\"on_hand\":7}"));

    /** Credentials that prove no caller. */
    static final Map<String, Supplier<RequestSpecification>> NO_CREDENTIAL = Map.of(
            "none", Api::anonymous,
            "not a key", () -> Api.as("not-a-key"),
            "unknown key", () -> Api.as(ApiKeys.generate(ApiKeys.Kind.SECRET, "test")),
            "live-mode key", () -> Api.as(TestCredentials.A_LIVE_MODE),
            "truncated client secret", () -> Api.as(truncated(ClientSecrets.generate(Ids.next("ord")))),
            "basic auth", () -> Api.anonymous().header("Authorization", "Basic dXNlcjpwYXNz"));

    @Inject
    Pool db;
    @Inject
    SagaOrderStep saga;

    @Test
    void theTableHoldsEveryOperationTheServiceDocuments() {
        assertEquals(OpenApiOperations.all(),
                OPERATIONS.stream().map(Operation::toString).collect(Collectors.toCollection(TreeSet::new)));
    }

    static Stream<Arguments> everyOperationWithEveryMissingCredential() {
        return OPERATIONS.stream().flatMap(op -> NO_CREDENTIAL.keySet().stream().map(c -> Arguments.of(op, c)));
    }

    @ParameterizedTest(name = "{0} with {1} credential → 401")
    @MethodSource("everyOperationWithEveryMissingCredential")
    void withoutAValidCredentialEveryOperationIsUnauthenticated(Operation operation, String credential) {
        Target target = target("pending_payment");

        problem(operation.send(NO_CREDENTIAL.get(credential).get(), target.order, target.sku, target.customer), 401,
                "unauthenticated");

        assertEquals(target.state, state(target));
    }

    static Stream<Operation> operationsNeedingMoreThanOrdersRead() {
        return OPERATIONS.stream().filter(op -> !Scopes.ORDERS_READ.equals(op.scope()));
    }

    @ParameterizedTest(name = "{0} with an orders:read key → 403 naming its scope")
    @MethodSource("operationsNeedingMoreThanOrdersRead")
    void aKeyWithoutTheScopeIsRefusedNamingIt(Operation operation) {
        Target target = target("pending_payment");

        Response response = operation.send(Api.as(TestCredentials.A_ORDERS_READ), target.order, target.sku,
                target.customer);

        problem(response, 403, "permission_denied");
        response.then().body("param", equalTo(operation.scope()));
        assertEquals(target.state, state(target));
    }

    @Test
    void aKeyWithOrdersReadReadsOrdersAndStock() {
        Target target = target("pending_payment");
        OPERATIONS.stream().filter(op -> Scopes.ORDERS_READ.equals(op.scope())).forEach(op -> op
                .send(Api.as(TestCredentials.A_ORDERS_READ), target.order, target.sku, target.customer)
                .then().statusCode(200));
    }

    /** order-service has no platform operation today; one added to the table is checked here. */
    @Test
    void platformOperationsRefuseMerchantKeys() {
        Target target = target("pending_payment");
        OPERATIONS.stream().filter(op -> op.scope() == null).forEach(op -> {
            problem(op.send(Api.given(), target.order, target.sku, target.customer), 403, "permission_denied");
            assertEquals(target.state, state(target));
        });
    }

    /** Each of merchant A's objects in a state where A's own request would change it. */
    @ParameterizedTest(name = "merchant B: {0} {1} of merchant A (a {2} order) → 404")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /v1/orders/{id}          | pending_payment
            POST | /v1/orders/{id}/pay      | pending_payment
            POST | /v1/orders/{id}/cancel   | pending_payment
            POST | /v1/orders/{id}/ship     | paid
            POST | /v1/orders/{id}/complete | shipped
            GET  | /v1/inventory/{sku}      | pending_payment
            """)
    void anotherMerchantsOrdersAndStockAreNotFoundAndUnchanged(String method, String path, String state) {
        Operation operation = OPERATIONS.stream().filter(op -> op.toString().equals(method + " " + path)).findFirst()
                .orElseThrow();
        Target target = target(state);

        Response response = operation.send(Api.asMerchantB(), target.order, target.sku, target.customer);

        problem(response, 404, "not_found");
        assertEquals(target.state, state(target));
        // ... and answered exactly as for an id nobody has
        problem(operation.send(Api.asMerchantB(), "ord_" + unique("none"), unique("sku"), target.customer), 404,
                "not_found");
    }

    static Stream<Operation> operationsTakingNoClientSecret() {
        return OPERATIONS.stream().filter(op -> !op.clientSecret());
    }

    @ParameterizedTest(name = "{0} with the order's own client secret → 401")
    @MethodSource("operationsTakingNoClientSecret")
    void aClientSecretOpensNoOtherOperationEvenOnItsOwnOrder(Operation operation) {
        Placed placed = placedWithSecret(stock(5), 1);
        Target target = targetOf(placed.id());

        problem(operation.send(Api.as(placed.clientSecret()), target.order, target.sku, target.customer), 401,
                "unauthenticated");

        assertEquals(target.state, state(target));
    }

    static Stream<Operation> operationsTakingAClientSecret() {
        return OPERATIONS.stream().filter(Operation::clientSecret);
    }

    @ParameterizedTest(name = "{0} with another order's or a tampered client secret → 404")
    @MethodSource("operationsTakingAClientSecret")
    void aClientSecretOfAnotherOrderIsNotFoundAndChangesNothing(Operation operation) {
        Placed mine = placedWithSecret(stock(5), 1), other = placedWithSecret(stock(5), 1);
        Target target = targetOf(mine.id()), others = targetOf(other.id());
        String tampered = truncated(mine.clientSecret()) + (mine.clientSecret().endsWith("a") ? "b" : "a");

        for (String secret : List.of(other.clientSecret(), tampered)) {
            problem(operation.send(Api.as(secret), target.order, target.sku, target.customer), 404, "not_found");
        }

        assertEquals(target.state, state(target));
        assertEquals(others.state, state(others));
        // ... and answered exactly as for an id nobody has
        problem(operation.send(Api.as(mine.clientSecret()), "ord_" + unique("none"), target.sku, target.customer),
                404, "not_found");
    }

    // --- helpers ---

    private static String truncated(String secret) {
        return secret.substring(0, secret.length() - 1);
    }

    /** One of merchant A's orders (one unit of a fresh SKU), and what it looked like before the request. */
    private record Target(String order, String sku, String customer, List<Object> state) {
    }

    private Target target(String orderState) {
        return targetOf(saga.orderIn(orderState));
    }

    private Target targetOf(String order) {
        String sku = Api.asPlatform().get("/v1/orders/" + order).then().extract().path("lines[0].sku");
        String customer = unique("cus");
        Target target = new Target(order, sku, customer, null);
        return new Target(order, sku, customer, state(target));
    }

    /** Everything a request on the target could change. */
    private List<Object> state(Target target) {
        Row row = db.preparedQuery("""
                        select o.status, o.payment_in_progress, o.version,
                               (select count(*) from outbox_message m where m.subject = o.id) as messages,
                               i.on_hand, i.reserved,
                               (select count(*) from orders c where c.customer_id = $3) as customers_orders,
                               (select count(*) from inventory s where s.sku = $2) as stock_rows
                          from orders o join inventory i on i.merchant_id = o.merchant_id and i.sku = $2
                         where o.id = $1""")
                .execute(Tuple.of(target.order, target.sku, target.customer)).await().indefinitely().iterator().next();
        return List.of(row.getString(0), String.valueOf(row.getString(1)), row.getLong(2), row.getLong(3),
                row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7));
    }
}
