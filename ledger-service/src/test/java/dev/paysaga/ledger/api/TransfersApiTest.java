package dev.paysaga.ledger.api;

import static dev.paysaga.ledger.support.LedgerClient.balances;
import static dev.paysaga.ledger.support.LedgerClient.batch;
import static dev.paysaga.ledger.support.LedgerClient.freshId;
import static dev.paysaga.ledger.support.LedgerClient.number;
import static dev.paysaga.ledger.support.LedgerClient.openAccount;
import static dev.paysaga.ledger.support.LedgerClient.pending;
import static dev.paysaga.ledger.support.LedgerClient.post;
import static dev.paysaga.ledger.support.LedgerClient.single;
import static dev.paysaga.ledger.support.LedgerClient.transfer;
import static dev.paysaga.ledger.support.LedgerClient.voiding;
import static dev.paysaga.runtime.testing.Api.asPlatform;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.ledger.persistence.Postings;
import dev.paysaga.ledger.support.LedgerInvariants;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The accounts and transfers API against the real database; the ledger's invariants after every test. */
@QuarkusTest
class TransfersApiTest {
    String funding;
    String wallet;
    String merchant;

    @BeforeEach
    void accounts() {
        funding = openAccount("platform_funding", "CNY");
        wallet = openAccount("customer_wallet", "CNY");
        merchant = openAccount("merchant_settlement", "CNY");
    }

    @AfterEach
    void invariantsHold() {
        LedgerInvariants.assertHold();
    }

    @Test
    void aSingleTransferPostsAtOnceAndIsJournaled() {
        String id = freshId("tr");
        transfer(single(id, funding, wallet, 1_000, "CNY")).then().statusCode(201)
                .body("id", equalTo(id)).body("type", equalTo("single")).body("status", equalTo("posted"))
                .body("amount", equalTo(1_000)).body("currency", equalTo("CNY")).body("code", equalTo("test"));
        assertArrayEquals(new long[] {0, 0, 0, 1_000, 1_000}, balances(wallet));
        assertArrayEquals(new long[] {0, 1_000, 0, 0, 1_000}, balances(funding), "debit-normal: available on the debit side");
        asPlatform().get("/v1/accounts/{id}/entries", wallet).then().statusCode(200)
                .body("data", hasSize(1)).body("has_more", equalTo(false))
                .body("data[0].transfer_id", equalTo(id))
                .body("data[0].credits_posted_change", equalTo(1_000)).body("data[0].credits_posted", equalTo(1_000))
                .body("data[0].debits_posted_change", equalTo(0));
        asPlatform().get("/v1/transfers/{id}", id).then().statusCode(200).body("status", equalTo("posted"))
                .body("requested_by", equalTo("platform")).body("reason", nullValue());
    }

    @Test
    void aPendingTransferHoldsThenPostsPartlyAndResolvesOnce() {
        topUp(1_000);
        String hold = freshId("tr");
        transfer(pending(hold, wallet, merchant, 600, "CNY", null)).then().statusCode(201)
                .body("status", equalTo("pending")).body("expires_at", nullValue());
        assertArrayEquals(new long[] {600, 0, 0, 1_000, 400}, balances(wallet));
        assertArrayEquals(new long[] {0, 0, 600, 0, 0}, balances(merchant));

        String postId = freshId("tr");
        transfer(post(postId, hold, 250L)).then().statusCode(201)
                .body("type", equalTo("post_pending")).body("status", equalTo("posted")).body("amount", equalTo(250))
                .body("pending_id", equalTo(hold)).body("debit_account_id", equalTo(wallet));
        asPlatform().get("/v1/transfers/{id}", hold).then().statusCode(200)
                .body("status", equalTo("pending_posted")).body("amount", equalTo(600)).body("amount_posted", equalTo(250));
        assertArrayEquals(new long[] {0, 250, 0, 1_000, 750}, balances(wallet), "the rest of the hold is released");
        assertArrayEquals(new long[] {0, 0, 0, 250, 250}, balances(merchant));

        refused(transfer(post(freshId("tr"), hold, null)), 409, "pending_transfer_already_posted", "pending_id");
        refused(transfer(voiding(freshId("tr"), hold)), 409, "pending_transfer_already_posted", "pending_id");
        transfer(post(postId, hold, 250L)).then().statusCode(200).body("amount", equalTo(250));
        assertArrayEquals(new long[] {0, 250, 0, 1_000, 750}, balances(wallet));
    }

    @Test
    void aVoidReleasesTheWholeHold() {
        topUp(1_000);
        String hold = freshId("tr");
        transfer(pending(hold, wallet, merchant, 600, "CNY", 3_600L)).then().statusCode(201)
                .body("timeout_seconds", equalTo(3_600));
        refused(transfer(post(freshId("tr"), hold, 601L)), 422, "exceeds_pending_amount", "amount");
        transfer(voiding(freshId("tr"), hold)).then().statusCode(201).body("status", equalTo("voided"))
                .body("amount", equalTo(600));
        asPlatform().get("/v1/transfers/{id}", hold).then().body("status", equalTo("pending_voided"))
                .body("amount_posted", nullValue());
        assertArrayEquals(new long[] {0, 0, 0, 1_000, 1_000}, balances(wallet));
        refused(transfer(voiding(freshId("tr"), hold)), 409, "pending_transfer_already_voided", "pending_id");
    }

    @Test
    void aPendingTransferPastItsTimeoutIsReleasedByTheSweep() {
        topUp(1_000);
        String hold = freshId("tr");
        transfer(pending(hold, wallet, merchant, 700, "CNY", 1L)).then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                asPlatform().get("/v1/transfers/{id}", hold).then().body("status", equalTo("pending_expired")));
        assertArrayEquals(new long[] {0, 0, 0, 1_000, 1_000}, balances(wallet));
        assertArrayEquals(new long[] {0, 0, 0, 0, 0}, balances(merchant));
        refused(transfer(post(freshId("tr"), hold, null)), 409, "pending_transfer_already_expired", "pending_id");
    }

    @Test
    void aTransferIdIsIdempotent() {
        String id = freshId("tr");
        Response first = transfer(single(id, funding, wallet, 500, "CNY"));
        first.then().statusCode(201);
        transfer(single(id, funding, wallet, 500, "CNY")).then().statusCode(200)
                .body("created_at", equalTo(first.path("created_at")));
        refused(transfer(single(id, funding, wallet, 501, "CNY")), 409, "exists_with_different_amount", "amount");
        refused(transfer(single(id, merchant, wallet, 500, "CNY")), 409, "exists_with_different_debit_account_id",
                "debit_account_id");
        refused(transfer(single(id, funding, merchant, 500, "CNY")), 409, "exists_with_different_credit_account_id",
                "credit_account_id");
        refused(transfer(pending(id, funding, wallet, 500, "CNY", null)), 409, "exists_with_different_type", "type");
        assertArrayEquals(new long[] {0, 0, 0, 500, 500}, balances(wallet), "applied once");
    }

    /** Each row: what is wrong, the JSON body ({D} debit, {C} credit, {ID} a fresh id) and the answer. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zero amount          | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":0,"currency":"CNY","code":"t"}                    | 400 | amount_invalid       | amount
            negative amount      | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":-5,"currency":"CNY","code":"t"}                   | 400 | amount_invalid       | amount
            amount past long     | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":9223372036854775808,"currency":"CNY","code":"t"}  | 400 | amount_invalid       | amount
            fractional amount    | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":15.99,"currency":"CNY","code":"t"}                | 400 | amount_invalid       | amount
            amount as a string   | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":"100","currency":"CNY","code":"t"}                | 400 | amount_invalid       | amount
            unknown currency     | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":100,"currency":"XXX","code":"t"}                  | 400 | currency_unsupported | currency
            other currency       | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":100,"currency":"EUR","code":"t"}                  | 422 | currency_mismatch    | currency
            unknown debit        | {"id":"{ID}","type":"single","debit_account_id":"acc_none","credit_account_id":"{C}","amount":100,"currency":"CNY","code":"t"}             | 422 | account_not_found    | debit_account_id
            unknown credit       | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"acc_none","amount":100,"currency":"CNY","code":"t"}             | 422 | account_not_found    | credit_account_id
            closed debit         | {"id":"{ID}","type":"single","debit_account_id":"{X}","credit_account_id":"{C}","amount":100,"currency":"CNY","code":"t"}                  | 422 | account_closed       | debit_account_id
            closed credit        | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{X}","amount":100,"currency":"CNY","code":"t"}                  | 422 | account_closed       | credit_account_id
            one account twice    | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{D}","amount":100,"currency":"CNY","code":"t"}                  | 422 | accounts_must_be_different | credit_account_id
            more than available  | {"id":"{ID}","type":"single","debit_account_id":"{C}","credit_account_id":"{D}","amount":101,"currency":"CNY","code":"t"}                  | 402 | insufficient_funds   | amount
            pending too large    | {"id":"{ID}","type":"pending","debit_account_id":"{C}","credit_account_id":"{D}","amount":101,"currency":"CNY","code":"t"}                 | 402 | insufficient_funds   | amount
            no id                | {"type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":100,"currency":"CNY","code":"t"}                              | 400 | invalid_request      | id
            unknown type         | {"id":"{ID}","type":"refund","debit_account_id":"{D}","credit_account_id":"{C}","amount":100,"currency":"CNY","code":"t"}                  | 400 | invalid_request      | type
            no code              | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":100,"currency":"CNY"}                             | 400 | invalid_request      | code
            zero timeout         | {"id":"{ID}","type":"pending","debit_account_id":"{D}","credit_account_id":"{C}","amount":100,"currency":"CNY","code":"t","timeout_seconds":0} | 400 | invalid_request | timeout_seconds
            timeout on single    | {"id":"{ID}","type":"single","debit_account_id":"{D}","credit_account_id":"{C}","amount":100,"currency":"CNY","code":"t","timeout_seconds":5} | 400 | invalid_request | timeout_seconds
            post unknown pending | {"id":"{ID}","type":"post_pending","pending_id":"tr_none"}                                                                                     | 422 | pending_transfer_not_found | pending_id
            void with an amount  | {"id":"{ID}","type":"void_pending","pending_id":"tr_none","amount":5}                                                                         | 400 | invalid_request      | amount
            """)
    void badInputIsRefusedAndChangesNothing(String name, String json, int status, String code, String param) {
        topUp(100);
        long[] walletBefore = balances(wallet);
        long[] fundingBefore = balances(funding);
        String body = json.replace("{ID}", freshId("tr")).replace("{D}", funding).replace("{C}", wallet)
                .replace("{X}", closedAccount());
        refused(asPlatform().contentType(ContentType.JSON).body(body).post("/v1/transfers"), status, code, param);
        assertArrayEquals(walletBefore, balances(wallet));
        assertArrayEquals(fundingBefore, balances(funding));
    }

    @Test
    void aBalancePastLongIsRefused() {
        String source = openAccount("platform_funding", "KWD");
        String target = openAccount("customer_wallet", "KWD");
        transfer(single(freshId("tr"), source, target, Long.MAX_VALUE, "KWD")).then().statusCode(201);
        refused(transfer(single(freshId("tr"), source, target, 1, "KWD")), 422, "overflows_balance", "amount");
        assertEquals(Long.MAX_VALUE, balances(target)[3]);
    }

    @Test
    void aBatchIsAllOrNothing() {
        String topUp = freshId("tr");
        String pay = freshId("tr");
        String tooMuch = freshId("tr");
        refused(batch(single(topUp, funding, wallet, 500, "CNY"), single(pay, wallet, merchant, 300, "CNY"),
                single(tooMuch, wallet, merchant, 300, "CNY")), 402, "insufficient_funds", "transfers[2].amount");
        for (String id : List.of(topUp, pay, tooMuch)) {
            asPlatform().get("/v1/transfers/{id}", id).then().statusCode(404);
        }
        assertArrayEquals(new long[] {0, 0, 0, 0, 0}, balances(wallet), "nothing of the batch applied");

        String hold = freshId("tr");
        batch(single(topUp, funding, wallet, 500, "CNY"), pending(hold, wallet, merchant, 300, "CNY", null),
                post(freshId("tr"), hold, 100L)).then().statusCode(201)
                .body("data", hasSize(3)).body("data[1].status", equalTo("pending_posted"))
                .body("data[1].amount_posted", equalTo(100)).body("data[2].status", equalTo("posted"));
        assertArrayEquals(new long[] {0, 100, 0, 500, 400}, balances(wallet));
        refused(batch(single(freshId("tr"), funding, wallet, 1, "CNY"), single(topUp, funding, wallet, 499, "CNY")),
                409, "exists_with_different_amount", "transfers[1].amount");
        batch(single(topUp, funding, wallet, 500, "CNY")).then().statusCode(200).body("data[0].id", equalTo(topUp));
        assertArrayEquals(new long[] {0, 100, 0, 500, 400}, balances(wallet), "a repeated batch applies nothing");
    }

    @Test
    void aClosedAccountTakesNoTransferAndStaysClosed() {
        String hold = freshId("tr");
        topUp(1_000);
        transfer(pending(hold, wallet, merchant, 300, "CNY", null)).then().statusCode(201);
        refused(asPlatform().post("/v1/accounts/{id}/close", wallet), 409, "account_has_pending_transfers", null);
        assertEquals(false, asPlatform().get("/v1/accounts/{id}", wallet).path("closed"), "still open");

        transfer(voiding(freshId("tr"), hold)).then().statusCode(201);
        String closedAt = asPlatform().post("/v1/accounts/{id}/close", wallet).then().statusCode(200)
                .body("closed", equalTo(true)).extract().path("closed_at");
        asPlatform().post("/v1/accounts/{id}/close", wallet).then().statusCode(200).body("closed_at", equalTo(closedAt));
        refused(transfer(single(freshId("tr"), funding, wallet, 1, "CNY")), 422, "account_closed", "credit_account_id");
        refused(transfer(single(freshId("tr"), wallet, merchant, 1, "CNY")), 422, "account_closed", "debit_account_id");
        assertArrayEquals(new long[] {0, 0, 0, 1_000, 1_000}, balances(wallet), "the history and balance stay");
        asPlatform().post("/v1/accounts/{id}/close", "acc_none").then().statusCode(404).body("code", equalTo("not_found"));

        // Below the service, the database refuses to move a closed account's balance or to reopen it.
        for (String sql : List.of("update account set credits_posted = credits_posted + 1 where id = ?1",
                "update account set closed_at = null where id = ?1")) {
            IllegalStateException refusal = assertThrows(IllegalStateException.class,
                    () -> LedgerInvariants.onVertx(() -> Panache.withTransaction(() -> Panache.getSession()
                            .chain(session -> session.createNativeQuery(sql).setParameter(1, wallet).executeUpdate()))));
            assertTrue(String.valueOf(refusal.getCause()).contains("is closed"), sql + ": " + refusal.getCause());
        }
        assertArrayEquals(new long[] {0, 0, 0, 1_000, 1_000}, balances(wallet));
    }

    private static String closedAccount() {
        String account = openAccount("customer_wallet", "CNY");
        asPlatform().post("/v1/accounts/{id}/close", account).then().statusCode(200);
        return account;
    }

    @Test
    void aBatchHoldsUpToAThousandTransfers() {
        String other = openAccount("customer_wallet", "CNY");
        List<Map<String, Object>> transfers = new ArrayList<>();
        transfers.add(single(freshId("tr"), funding, wallet, 1_000, "CNY"));
        for (int i = 1; i < Postings.MAX_BATCH_SIZE; i++) { // 999 moves of 1 back and forth, each seeing the last
            transfers.add(i % 2 == 1 ? single(freshId("tr"), wallet, other, 1, "CNY") : single(freshId("tr"), other, wallet, 1, "CNY"));
        }
        List<Map<String, Object>> tooMany = new ArrayList<>(transfers);
        tooMany.add(single(freshId("tr"), funding, wallet, 1, "CNY"));
        refused(batch(tooMany.toArray()), 400, "invalid_request", "transfers");
        assertArrayEquals(new long[] {0, 0, 0, 0, 0}, balances(wallet), "nothing of a refused batch applied");

        batch(transfers.toArray()).then().statusCode(201).body("data", hasSize(Postings.MAX_BATCH_SIZE));
        // 500 moves out, 499 back: the wallet ends one short of its top-up, the other account one up.
        assertArrayEquals(new long[] {0, 500, 0, 1_499, 999}, balances(wallet));
        assertArrayEquals(new long[] {0, 499, 0, 500, 1}, balances(other));
        List<Map<String, Object>> entries = asPlatform().queryParam("limit", 100).get("/v1/accounts/{id}/entries", other)
                .then().statusCode(200).extract().jsonPath().getList("data");
        for (int i = 0; i < entries.size(); i++) { // the journal walks the batch in order: +1, -1, +1, …
            assertEquals(i % 2 == 0 ? 1 : 0, number(entries.get(i), "credits_posted") - number(entries.get(i), "debits_posted"),
                    "entry " + i);
        }
    }

    @Test
    void entriesPageOldestFirst() {
        List<String> transfers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = freshId("tr");
            transfers.add(id);
            transfer(single(id, funding, wallet, i, "CNY")).then().statusCode(201);
        }
        List<String> walked = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 5; page++) {
            var request = asPlatform().queryParam("limit", 2);
            if (after != null) {
                request.queryParam("starting_after", after);
            }
            Response r = request.get("/v1/accounts/{id}/entries", wallet);
            r.then().statusCode(200);
            List<String> ids = r.path("data.transfer_id");
            walked.addAll(ids);
            if (!r.<Boolean>path("has_more")) {
                break;
            }
            after = r.path("data[-1].id");
        }
        assertEquals(transfers, walked);
        asPlatform().queryParam("starting_after", "nope").get("/v1/accounts/{id}/entries", wallet).then().statusCode(400)
                .body("code", equalTo("invalid_request")).body("param", equalTo("starting_after"));
        asPlatform().queryParam("limit", 101).get("/v1/accounts/{id}/entries", wallet).then().statusCode(400)
                .body("param", equalTo("limit"));
    }

    @Test
    void accountsOpenOncePerOwnerTypeAndCurrency() {
        String owner = freshId("mer");
        Map<String, String> body = Map.of("owner_id", owner, "type", "merchant_settlement", "currency", "USD");
        String id = asPlatform().contentType(ContentType.JSON).body(body).post("/v1/accounts").then().statusCode(201)
                .body("type", equalTo("merchant_settlement")).body("debits_must_not_exceed_credits", equalTo(true))
                .body("credits_must_not_exceed_debits", equalTo(false)).body("available", equalTo(0))
                .extract().path("id");
        asPlatform().contentType(ContentType.JSON).body(body).post("/v1/accounts").then().statusCode(200).body("id", equalTo(id));
        asPlatform().contentType(ContentType.JSON).body(Map.of("owner_id", owner, "type", "savings", "currency", "USD"))
                .post("/v1/accounts").then().statusCode(400).body("param", equalTo("type"));
        // A wallet is a merchant's customer's; no other account names a merchant.
        asPlatform().contentType(ContentType.JSON).body(Map.of("owner_id", owner, "type", "customer_wallet", "currency", "USD"))
                .post("/v1/accounts").then().statusCode(400).body("param", equalTo("merchant_id"));
        asPlatform().contentType(ContentType.JSON).body(Map.of("owner_id", owner, "type", "fees", "currency", "USD",
                "merchant_id", "mer_x")).post("/v1/accounts").then().statusCode(400).body("param", equalTo("merchant_id"));
        asPlatform().contentType(ContentType.JSON).body(Map.of("owner_id", owner, "type", "customer_wallet", "currency", "USD",
                "merchant_id", "mer_x")).post("/v1/accounts").then().statusCode(201).body("merchant_id", equalTo("mer_x"))
                .body("owner_id", equalTo(owner));
        asPlatform().get("/v1/accounts/{id}", "acc_none").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("not_found"));
        asPlatform().get("/v1/transfers/{id}", "tr_none").then().statusCode(404).body("code", equalTo("not_found"));
    }

    private void topUp(long amount) {
        transfer(single(freshId("tr"), funding, wallet, amount, "CNY")).then().statusCode(201);
    }

    static void refused(Response response, int status, String code, String param) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code)).body("param", equalTo(param))
                .body("type", equalTo("https://paysaga.dev/errors/" + code));
    }
}
