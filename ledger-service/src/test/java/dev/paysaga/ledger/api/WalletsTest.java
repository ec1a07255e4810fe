package dev.paysaga.ledger.api;

import static dev.paysaga.ledger.api.LedgerAccessTest.assertProblem;
import static dev.paysaga.ledger.support.LedgerClient.available;
import static dev.paysaga.ledger.support.LedgerClient.freshId;
import static dev.paysaga.ledger.support.LedgerClient.topUp;
import static dev.paysaga.runtime.testing.Api.asMerchantB;
import static dev.paysaga.runtime.testing.Api.asPlatform;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.ledger.support.LedgerInvariants;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wallets belong to a merchant's customer, and only the platform creates money in them: a merchant
 * key's top-up is refused with nothing credited; the platform's is credited once per Idempotency-Key
 * and says on its transfer who asked and why.
 */
@QuarkusTest
class WalletsTest {
    static final String A = TestCredentials.MERCHANT_A;
    static final String B = TestCredentials.MERCHANT_B;
    final String customer = freshId("cus");

    @AfterEach
    void invariantsHold() {
        LedgerInvariants.assertHold();
    }

    @Test
    void aMerchantKeyCannotTopUpAndNothingIsCredited() {
        topUp(A, customer, 1_000);
        assertProblem(topUp(given(), A, customer, 100_000_000_00L), 403, "permission_denied", null, "merchant A");
        assertProblem(topUp(asMerchantB(), B, customer, 100_000_000_00L), 403, "permission_denied", null, "merchant B");
        assertEquals(1_000, available(A, customer), "A's customer's wallet unchanged");
        assertEquals(-1, available(B, customer), "B's customer has no wallet: none was opened");
    }

    @Test
    void thePlatformsTopUpIsCreditedOnceAndSaysWhoAndWhy() {
        String key = UUID.randomUUID().toString();
        Response first = topUpWithKey(key, "refund of order ord_42 paid outside PaySaga");
        first.then().statusCode(201).body("wallet.merchant_id", equalTo(A)).body("wallet.customer_id", equalTo(customer))
                .body("wallet.available", equalTo(2_500));
        Response replay = topUpWithKey(key, "refund of order ord_42 paid outside PaySaga");
        replay.then().statusCode(201).body("transfer_id", equalTo(first.path("transfer_id")));
        assertEquals(2_500, available(A, customer), "credited once");

        asPlatform().get("/v1/transfers/{id}", first.<String>path("transfer_id")).then().statusCode(200)
                .body("code", equalTo("top_up")).body("amount", equalTo(2_500))
                .body("credit_account_id", equalTo(first.path("wallet.account_id")))
                .body("requested_by", equalTo("platform"))
                .body("reason", equalTo("refund of order ord_42 paid outside PaySaga"));
        assertProblem(given().get("/v1/transfers/{id}", first.<String>path("transfer_id")), 403, "permission_denied",
                null, "a merchant reading the top-up transfer");
    }

    /** Each row: what is wrong with the platform's top-up body, and the field named. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no merchant     | {"amount":100,"currency":"CNY","reason":"r"}                      | merchant_id
            blank merchant  | {"amount":100,"currency":"CNY","merchant_id":" ","reason":"r"}    | merchant_id
            no reason       | {"amount":100,"currency":"CNY","merchant_id":"{A}"}               | reason
            blank reason    | {"amount":100,"currency":"CNY","merchant_id":"{A}","reason":"  "} | reason
            """)
    void aTopUpNamesItsMerchantAndReason(String name, String body, String param) {
        asPlatform().contentType(ContentType.JSON).body(body.replace("{A}", A))
                .post("/v1/wallets/{customer}/top_ups", customer).then().statusCode(400)
                .body("code", equalTo("invalid_request")).body("param", equalTo(param));
        assertEquals(-1, available(A, customer), "no wallet opened, nothing credited");
    }

    @Test
    void theSameCustomerIdAtTwoMerchantsIsTwoWallets() {
        topUp(A, customer, 700);
        topUp(B, customer, 300);
        topUp(A, customer, 200);
        given().get("/v1/wallets/{customer}?currency=CNY", customer).then().statusCode(200)
                .body("merchant_id", equalTo(A)).body("available", equalTo(900));
        asMerchantB().get("/v1/wallets/{customer}?currency=CNY", customer).then().statusCode(200)
                .body("merchant_id", equalTo(B)).body("available", equalTo(300));
        assertEquals(900, available(A, customer));
        assertEquals(300, available(B, customer), "B's customer's wallet unchanged by A's top-up");
        assertProblem(asPlatform().get("/v1/wallets/{customer}?currency=CNY", customer), 400, "invalid_request",
                "merchant_id", "the platform names the merchant");
    }

    private Response topUpWithKey(String idempotencyKey, String reason) {
        return asPlatform().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body("""
                        {"amount":2500,"currency":"CNY","merchant_id":"%s","reason":"%s"}""".formatted(A, reason))
                .post("/v1/wallets/{customer}/top_ups", customer);
    }
}
