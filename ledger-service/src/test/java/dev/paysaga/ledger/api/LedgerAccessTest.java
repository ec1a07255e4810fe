package dev.paysaga.ledger.api;

import static dev.paysaga.ledger.support.LedgerClient.available;
import static dev.paysaga.ledger.support.LedgerClient.balances;
import static dev.paysaga.ledger.support.LedgerClient.freshId;
import static dev.paysaga.ledger.support.LedgerClient.openAccount;
import static dev.paysaga.ledger.support.LedgerClient.settlementAccount;
import static dev.paysaga.ledger.support.LedgerClient.single;
import static dev.paysaga.ledger.support.LedgerClient.topUp;
import static dev.paysaga.ledger.support.LedgerClient.transfer;
import static dev.paysaga.runtime.testing.Api.anonymous;
import static dev.paysaga.runtime.testing.Api.as;
import static dev.paysaga.runtime.testing.Api.asMerchantB;
import static dev.paysaga.runtime.testing.Api.asPlatform;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.ledger.support.LedgerInvariants;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.testing.OpenApiOperations;
import dev.paysaga.runtime.testing.TestCredentials;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Who may call what, as tables over every operation the service documents: no credential → 401; the
 * ledger's writes outside sagas (accounts, transfers, top-ups) and transfer reads are the platform's
 * (merchant key → 403, nothing changed); a merchant reads its own settlement account and its own
 * customers' wallets (another merchant's → 404, as an unknown id), with the scope the operation names.
 */
@QuarkusTest
class LedgerAccessTest {
    /** The operations a merchant key may call, with the scope each needs; every other one is the platform's. */
    static final Map<String, String> MERCHANT_OPERATIONS = Map.of(
            "GET /v1/accounts/{id}", Scopes.ACCOUNTS_READ,
            "GET /v1/accounts/{id}/entries", Scopes.ACCOUNTS_READ,
            "GET /v1/wallets/{customer_id}", Scopes.WALLETS_READ);

    String settlement;
    String funding;
    String customer;
    String wallet;
    String fundingTransfer;
    String newOwner = freshId("mer");
    String moveId = freshId("tr");

    /** Merchant A's objects: its settlement account (with money in it) and a funded customer's wallet. */
    @BeforeEach
    void merchantAObjects() {
        settlement = settlementAccount(TestCredentials.MERCHANT_A);
        funding = openAccount("platform_funding", "CNY");
        fundingTransfer = freshId("tr");
        transfer(single(fundingTransfer, funding, settlement, 500, "CNY")).then().statusCode(201);
        customer = freshId("cus");
        topUp(TestCredentials.MERCHANT_A, customer, 1_000);
        wallet = asPlatform().queryParam("merchant_id", TestCredentials.MERCHANT_A)
                .get("/v1/wallets/{customer}?currency=CNY", customer).then().statusCode(200).extract().path("account_id");
    }

    @AfterEach
    void invariantsHold() {
        LedgerInvariants.assertHold();
    }

    /** Each merchant operation on merchant A's objects, as a concrete request path. */
    Map<String, String> merchantRequests() {
        return Map.of(
                "GET /v1/accounts/{id}", "/v1/accounts/" + settlement,
                "GET /v1/accounts/{id}/entries", "/v1/accounts/" + settlement + "/entries",
                "GET /v1/wallets/{customer_id}", "/v1/wallets/" + customer + "?currency=CNY");
    }

    /** Each platform operation as a request that would change or reveal merchant A's money if it were let through. */
    record PlatformRequest(String operation, String method, String path, String body) {
    }

    List<PlatformRequest> platformRequests() {
        String move = """
                {"id":"%s","type":"single","debit_account_id":"%s","credit_account_id":"%s","amount":100,"currency":"CNY","code":"t"}"""
                .formatted(moveId, settlement, wallet);
        return List.of(
                new PlatformRequest("POST /v1/accounts", "POST", "/v1/accounts", """
                        {"owner_id":"%s","type":"merchant_settlement","currency":"CNY"}""".formatted(newOwner)),
                new PlatformRequest("POST /v1/accounts/{id}/close", "POST", "/v1/accounts/" + settlement + "/close", null),
                new PlatformRequest("POST /v1/transfers", "POST", "/v1/transfers", move),
                new PlatformRequest("POST /v1/transfers/batch", "POST", "/v1/transfers/batch",
                        "{\"transfers\":[" + move + "]}"),
                new PlatformRequest("GET /v1/transfers/{id}", "GET", "/v1/transfers/" + fundingTransfer, null),
                new PlatformRequest("POST /v1/wallets/{customer_id}/top_ups", "POST", "/v1/wallets/" + customer + "/top_ups",
                        """
                        {"amount":10000000000,"currency":"CNY","merchant_id":"%s","reason":"free money"}"""
                                .formatted(TestCredentials.MERCHANT_A)));
    }

    @Test
    void everyDocumentedOperationIsInTheseTables() {
        Set<String> classified = new TreeSet<>(MERCHANT_OPERATIONS.keySet());
        platformRequests().forEach(r -> classified.add(r.operation()));
        assertEquals(classified, OpenApiOperations.all(),
                "a new operation needs a row: a merchant scope, or a platform request");
    }

    @Test
    void everyOperationWithoutAValidCredentialIs401() {
        Map<String, Supplier<RequestSpecification>> callers = Map.of(
                "no credential", () -> anonymous(),
                "a key of the other mode", () -> as(TestCredentials.A_LIVE_MODE),
                "a malformed key", () -> as("sk_test_nope"),
                "a wrong platform credential", () -> as("opk_" + "0".repeat(64)));
        List<Executable> checks = new ArrayList<>();
        for (String operation : OpenApiOperations.all()) {
            callers.forEach((who, caller) -> checks.add(() -> {
                Response r = caller.get().contentType(ContentType.JSON).body("{}")
                        .request(OpenApiOperations.method(operation), OpenApiOperations.path(operation, "x"));
                assertProblem(r, 401, "unauthenticated", null, operation + " with " + who);
            }));
        }
        assertAll(checks);
    }

    @Test
    void platformOperationsWithAMerchantKeyAre403AndChangeNothing() {
        long[] settlementBefore = balances(settlement);
        long[] walletBefore = balances(wallet);
        List<Executable> checks = new ArrayList<>();
        for (PlatformRequest request : platformRequests()) {
            for (var caller : Map.<String, Supplier<RequestSpecification>>of("merchant A (the owner)", () -> given(),
                    "merchant B", () -> asMerchantB()).entrySet()) {
                checks.add(() -> {
                    RequestSpecification spec = caller.getValue().get().contentType(ContentType.JSON);
                    if (request.body() != null) {
                        spec.body(request.body());
                    }
                    assertProblem(spec.request(request.method(), request.path()), 403, "permission_denied", null,
                            request.operation() + " by " + caller.getKey());
                });
            }
        }
        assertAll(checks);
        assertArrayEquals(settlementBefore, balances(settlement), "nothing moved out of the settlement account");
        assertArrayEquals(walletBefore, balances(wallet), "nothing credited to the wallet");
        asPlatform().get("/v1/accounts/{id}", settlement).then().body("closed", equalTo(false));
        assertEquals(List.of("0"), LedgerInvariants.strings("select count(*)::text from account where owner_id = ?1",
                newOwner), "no account opened");
        asPlatform().get("/v1/transfers/{id}", moveId).then().statusCode(404);
    }

    @Test
    void aKeyWithoutTheScopeIs403NamingIt() {
        List<Executable> checks = new ArrayList<>();
        merchantRequests().forEach((operation, path) -> checks.add(() -> assertProblem(
                as(TestCredentials.A_ORDERS_READ).get(path), 403, "permission_denied",
                MERCHANT_OPERATIONS.get(operation), operation)));
        assertAll(checks);
    }

    @Test
    void merchantAReadsItsOwnObjectsAndMerchantBGets404() {
        List<Executable> checks = new ArrayList<>();
        merchantRequests().forEach((operation, path) -> {
            checks.add(() -> assertEquals(200, given().get(path).statusCode(), operation + " by merchant A"));
            checks.add(() -> assertProblem(asMerchantB().get(path), 404, "not_found", null, operation + " by merchant B"));
        });
        // Naming merchant A does not help B, and a merchant reads no account but its settlement account.
        checks.add(() -> assertProblem(asMerchantB().queryParam("merchant_id", TestCredentials.MERCHANT_A)
                .get("/v1/wallets/{c}?currency=CNY", customer), 404, "not_found", null, "B naming merchant A"));
        for (String other : List.of(wallet, funding)) {
            checks.add(() -> assertProblem(given().get("/v1/accounts/{id}", other), 404, "not_found", null,
                    "merchant A reading account " + other));
            checks.add(() -> assertProblem(given().get("/v1/accounts/{id}/entries", other), 404, "not_found", null,
                    "merchant A reading the entries of " + other));
        }
        assertAll(checks);
        assertEquals(1_000, available(TestCredentials.MERCHANT_A, customer), "nothing changed");
    }

    @Test
    void merchantAReadsItsSettlementAccountAndItsJournal() {
        given().get("/v1/accounts/{id}", settlement).then().statusCode(200)
                .body("owner_id", equalTo(TestCredentials.MERCHANT_A)).body("type", equalTo("merchant_settlement"))
                .body("merchant_id", equalTo(null));
        Response entries = given().queryParam("limit", 100).get("/v1/accounts/{id}/entries", settlement);
        entries.then().statusCode(200);
        // Shared across runs: page to the end, where this run's funding transfer is.
        while (entries.<Boolean>path("has_more")) {
            entries = given().queryParam("limit", 100).queryParam("starting_after", entries.<String>path("data[-1].id"))
                    .get("/v1/accounts/{id}/entries", settlement);
        }
        entries.then().body("data.transfer_id", hasItem(fundingTransfer));
        String settlementB = settlementAccount(TestCredentials.MERCHANT_B);
        asMerchantB().get("/v1/accounts/{id}", settlementB).then().statusCode(200);
        assertProblem(given().get("/v1/accounts/{id}", settlementB), 404, "not_found", null, "A reading B's");
    }

    static void assertProblem(Response r, int status, String code, String param, String what) {
        assertEquals(status, r.statusCode(), what + ": " + r.asString());
        assertEquals("application/problem+json", r.contentType().split(";")[0], what);
        assertEquals(code, r.path("code"), what);
        if (param != null) {
            assertEquals(param, r.path("param"), what);
        }
    }
}
