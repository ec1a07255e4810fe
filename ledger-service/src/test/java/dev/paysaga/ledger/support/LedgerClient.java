package dev.paysaga.ledger.support;

import static dev.paysaga.runtime.testing.Api.asPlatform;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import dev.paysaga.runtime.testing.TestCredentials;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger's API as the tests call it, with the platform credential (opening accounts and transfers
 * are platform operations); every id is fresh, so runs never see each other's data.
 */
public final class LedgerClient {
    private LedgerClient() {
    }

    public static String freshId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A new account of a new owner; a wallet is one of {@link TestCredentials#MERCHANT_A}'s customers. */
    public static String openAccount(String type, String currency) {
        Map<String, Object> body = new HashMap<>(Map.of("owner_id", freshId("own"), "type", type, "currency", currency));
        if (type.equals("customer_wallet")) {
            body.put("merchant_id", TestCredentials.MERCHANT_A);
        }
        return asPlatform().contentType(ContentType.JSON).body(body)
                .post("/v1/accounts").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> single(String id, String debit, String credit, long amount, String currency) {
        return body(id, "single", debit, credit, amount, currency);
    }

    public static Map<String, Object> pending(String id, String debit, String credit, long amount, String currency,
            Long timeoutSeconds) {
        Map<String, Object> body = body(id, "pending", debit, credit, amount, currency);
        if (timeoutSeconds != null) {
            body.put("timeout_seconds", timeoutSeconds);
        }
        return body;
    }

    public static Map<String, Object> post(String id, String pendingId, Long amount) {
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "type", "post_pending", "pending_id", pendingId));
        if (amount != null) {
            body.put("amount", amount);
        }
        return body;
    }

    public static Map<String, Object> voiding(String id, String pendingId) {
        return new HashMap<>(Map.of("id", id, "type", "void_pending", "pending_id", pendingId));
    }

    public static Response transfer(Object body) {
        return asPlatform().contentType(ContentType.JSON).body(body).post("/v1/transfers");
    }

    public static Response batch(Object... transfers) {
        return asPlatform().contentType(ContentType.JSON).body(Map.of("transfers", transfers))
                .post("/v1/transfers/batch");
    }

    /** {@code merchant}'s CNY settlement account, opened if new: shared across runs, so assert changes, not totals. */
    public static String settlementAccount(String merchant) {
        return asPlatform().contentType(ContentType.JSON)
                .body(Map.of("owner_id", merchant, "type", "merchant_settlement", "currency", "CNY"))
                .post("/v1/accounts").then().statusCode(anyOf(is(200), is(201))).extract().path("id");
    }

    /** Asks {@code caller} to credit {@code customer}'s wallet at {@code merchant}; answers the response. */
    public static Response topUp(RequestSpecification caller, String merchant, String customer, long amount) {
        return caller.contentType(ContentType.JSON)
                .body(Map.of("amount", amount, "currency", "CNY", "merchant_id", merchant, "reason", "test funds"))
                .post("/v1/wallets/{customer}/top_ups", customer);
    }

    public static void topUp(String merchant, String customer, long amount) {
        topUp(asPlatform(), merchant, customer, amount).then().statusCode(201);
    }

    /** What the wallet of {@code customer} at {@code merchant} has available (as the platform reads it); -1: none. */
    public static long available(String merchant, String customer) {
        Response r = asPlatform().queryParam("merchant_id", merchant).queryParam("currency", "CNY")
                .get("/v1/wallets/{customer}", customer);
        if (r.statusCode() == 404) {
            return -1;
        }
        r.then().statusCode(200);
        return number(json(r), "available");
    }

    /** debits_pending, debits_posted, credits_pending, credits_posted, available of an account. */
    public static long[] balances(String accountId) {
        Response r = asPlatform().get("/v1/accounts/{id}", accountId);
        r.then().statusCode(200);
        Map<String, Object> account = json(r);
        return new long[] {number(account, "debits_pending"), number(account, "debits_posted"),
                number(account, "credits_pending"), number(account, "credits_posted"), number(account, "available")};
    }

    /** The body as a map, parsed once (cheaper than a GPath expression per field). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(Response r) {
        return r.as(Map.class);
    }

    /** A JSON integer, whichever Java type the parser chose for its size. */
    public static long number(Map<String, ?> object, String field) {
        return ((Number) object.get(field)).longValue();
    }

    private static Map<String, Object> body(String id, String type, String debit, String credit, long amount,
            String currency) {
        return new HashMap<>(Map.of("id", id, "type", type, "debit_account_id", debit, "credit_account_id", credit,
                "amount", amount, "currency", currency, "code", "test"));
    }
}
