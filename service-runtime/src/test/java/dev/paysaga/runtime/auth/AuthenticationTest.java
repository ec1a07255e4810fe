package dev.paysaga.runtime.auth;

import static org.hamcrest.Matchers.equalTo;

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
            default -> throw new IllegalArgumentException(caller);
        };
        return spec.get();
    }
}
