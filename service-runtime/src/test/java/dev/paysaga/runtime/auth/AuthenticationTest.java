package dev.paysaga.runtime.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The credential rules every service enforces, as a table: who calls which kind of operation, and
 * what answers. {@code -} in the code column means the call goes through (200).
 */
@QuarkusTest
class AuthenticationTest {

    @ParameterizedTest(name = "{0} {1} {2} → {3} {4}")
    @CsvSource(textBlock = """
            # caller,      method, path,               status, code
            none,          GET,  /v1/probe/orders,     401, unauthenticated
            none,          POST, /v1/probe/platform,   401, unauthenticated
            none,          POST, /internal/v1/probe,   401, unauthenticated
            none,          POST, /callbacks/probe,     200, -
            garbage,       GET,  /v1/probe/orders,     401, unauthenticated
            basic,         GET,  /v1/probe/orders,     401, unauthenticated
            unknown-key,   GET,  /v1/probe/orders,     401, unauthenticated
            live-key,      GET,  /v1/probe/orders,     401, unauthenticated
            merchant-a,    GET,  /v1/probe/orders,     200, -
            merchant-a,    POST, /v1/probe/orders,     200, -
            merchant-a,    POST, /v1/probe/platform,   403, permission_denied
            merchant-a,    POST, /internal/v1/probe,   401, unauthenticated
            orders-read,   GET,  /v1/probe/orders,     200, -
            orders-read,   POST, /v1/probe/orders,     403, permission_denied
            platform,      GET,  /v1/probe/orders,     200, -
            platform,      POST, /v1/probe/platform,   200, -
            platform,      POST, /internal/v1/probe,   401, unauthenticated
            wrong-platform, POST, /v1/probe/platform,  401, unauthenticated
            service,       POST, /internal/v1/probe,   200, -
            service,       GET,  /v1/probe/orders,     401, unauthenticated
            client-secret, GET,  /v1/probe/buyer,      200, -
            client-secret, POST, /v1/probe/keyed,      200, -
            client-secret, GET,  /v1/probe/orders,     401, unauthenticated
            client-secret, POST, /v1/probe/orders,     401, unauthenticated
            client-secret, POST, /v1/probe/platform,   401, unauthenticated
            client-secret, POST, /internal/v1/probe,   401, unauthenticated
            client-secret, POST, /callbacks/probe,     200, -
            bad-secret,    GET,  /v1/probe/buyer,      401, unauthenticated
            none,          GET,  /v1/probe/buyer,      401, unauthenticated
            merchant-a,    GET,  /v1/probe/buyer,      200, -
            orders-read,   GET,  /v1/probe/buyer,      200, -
            merchant-b,    GET,  /v1/probe/buyer,      200, -
            platform,      GET,  /v1/probe/buyer,      200, -
            service,       GET,  /v1/probe/buyer,      401, unauthenticated
            """)
    void whoMayCallWhat(String caller, String method, String path, int status, String code) {
        var response = request(caller).when().request(method, path).then().statusCode(status);
        if (!"-".equals(code)) {
            response.contentType("application/problem+json").body("code", equalTo(code));
        }
    }

    @ParameterizedTest
    @CsvSource({ "merchant-a, merchant, mer_test_a, key_test_a", "platform, platform, -, platform",
            "service, service, -, service" })
    void theResourceSeesWhoCalled(String caller, String kind, String merchant, String credential) {
        String path = "service".equals(caller) ? "/internal/v1/probe" : "/v1/probe/orders";
        request(caller).when().request("service".equals(caller) ? "POST" : "GET", path).then().statusCode(200)
                .body("kind", equalTo(kind)).body("merchant", equalTo(merchant)).body("credential", equalTo(credential));
    }

    @org.junit.jupiter.api.Test
    void aClientSecretProvesACustomerKnownByTheSecretsHashOnly() {
        String secret = ClientSecrets.generate(Ids.next("ord"));

        String answer = Api.as(secret).get("/v1/probe/buyer").then().statusCode(200)
                .body("kind", equalTo("customer")).body("merchant", equalTo("-"))
                .body("credential", equalTo("client_secret:" + ClientSecrets.hash(secret))).extract().asString();

        assertFalse(answer.contains(secret));
    }

    @org.junit.jupiter.api.Test
    void aClientSecretOnAnOperationThatTakesNoneIsRefusedLikeAnUnknownKey() {
        String secret = ClientSecrets.generate(Ids.next("ord"));
        Api.as(secret).get("/v1/probe/orders").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(secret)));
    }

    @org.junit.jupiter.api.Test
    void aMissingScopeIsNamed() {
        Api.as(TestCredentials.A_ORDERS_READ).when().post("/v1/probe/orders").then().statusCode(403)
                .body("code", equalTo("permission_denied")).body("param", equalTo(Scopes.ORDERS_WRITE));
    }

    @org.junit.jupiter.api.Test
    void idempotencyKeysAreEachMerchantsOwn() {
        String key = "k-" + java.util.UUID.randomUUID();
        String first = Api.given().header("Idempotency-Key", key).post("/v1/probe/keyed").then().statusCode(200)
                .body("merchant", equalTo(TestCredentials.MERCHANT_A)).extract().path("run");
        Api.asMerchantB().header("Idempotency-Key", key).post("/v1/probe/keyed").then().statusCode(200)
                .body("merchant", equalTo(TestCredentials.MERCHANT_B))
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        Api.given().header("Idempotency-Key", key).post("/v1/probe/keyed").then().statusCode(200)
                .body("merchant", equalTo(TestCredentials.MERCHANT_A)).body("run", equalTo(first))
                .header("Idempotent-Replayed", "true");
    }

    /** Each client secret is a caller of its own: neither another secret nor the merchant meets its keys. */
    @org.junit.jupiter.api.Test
    void idempotencyKeysAreEachClientSecretsOwn() {
        String key = "k-" + java.util.UUID.randomUUID();
        String mine = ClientSecrets.generate(Ids.next("ord")), other = ClientSecrets.generate(Ids.next("ord"));
        String first = keyed(Api.as(mine), key).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .body("credential", equalTo("client_secret:" + ClientSecrets.hash(mine))).extract().path("run");

        keyed(Api.as(other), key).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .body("credential", equalTo("client_secret:" + ClientSecrets.hash(other)));
        keyed(Api.given(), key).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .body("merchant", equalTo(TestCredentials.MERCHANT_A));
        keyed(Api.as(mine), key).header("Idempotent-Replayed", "true").body("run", equalTo(first));
    }

    private static io.restassured.response.ValidatableResponse keyed(RequestSpecification caller, String key) {
        return caller.header("Idempotency-Key", key).post("/v1/probe/keyed").then().statusCode(200);
    }

    private static RequestSpecification request(String caller) {
        Supplier<RequestSpecification> spec = switch (caller) {
            case "none" -> Api::anonymous;
            case "garbage" -> () -> Api.as("not-a-key");
            case "basic" -> () -> Api.anonymous().header("Authorization", "Basic " + TestCredentials.A_SECRET);
            case "unknown-key" -> () -> Api.as(ApiKeys.generate(ApiKeys.Kind.SECRET, "test"));
            case "live-key" -> () -> Api.as(TestCredentials.A_LIVE_MODE);
            case "merchant-a" -> Api::given;
            case "orders-read" -> () -> Api.as(TestCredentials.A_ORDERS_READ);
            case "platform" -> Api::asPlatform;
            case "wrong-platform" -> () -> Api.as(PlatformCredential.generate());
            case "service" -> Api::asService;
            case "merchant-b" -> Api::asMerchantB;
            case "client-secret" -> () -> Api.as(ClientSecrets.generate(Ids.next("ord")));
            // The shape of a client secret around a malformed id: not a client secret, nor anything else.
            case "bad-secret" -> () -> Api.as("ord_91JD3ZQ4V5X6Y7Z8A9B0C1D2E3_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu");
            default -> throw new IllegalArgumentException(caller);
        };
        return spec.get();
    }
}
