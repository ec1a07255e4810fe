package dev.paysaga.ledger.api;

import static dev.paysaga.ledger.support.LedgerClient.balances;
import static dev.paysaga.ledger.support.LedgerClient.freshId;
import static dev.paysaga.ledger.support.LedgerClient.json;
import static dev.paysaga.ledger.support.LedgerClient.number;
import static dev.paysaga.ledger.support.LedgerClient.openAccount;
import static dev.paysaga.ledger.support.LedgerClient.single;
import static dev.paysaga.ledger.support.LedgerClient.transfer;
import static dev.paysaga.runtime.testing.Api.asPlatform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.ledger.support.LedgerInvariants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One wallet, 1,000 transfers in and out of it at once through the API: every answer is either
 * applied or a clean {@code insufficient_funds}, the final balance is exactly what the applied
 * ones add up to (no lost update), and the journal shows the wallet never below zero.
 */
@QuarkusTest
class HotAccountTest {
    static final int TRANSFERS = 1_000;
    static final int THREADS = 16;
    static final long AMOUNT = 100;

    @Test
    void aHotWalletStaysExactAndNeverGoesBelowZero() throws Exception {
        String funding = openAccount("platform_funding", "CNY");
        String wallet = openAccount("customer_wallet", "CNY");
        String merchant = openAccount("merchant_settlement", "CNY");
        List<Boolean> incoming = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            incoming.add(i % 2 == 0);
        }
        Collections.shuffle(incoming, new Random(42));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (boolean in : incoming) {
                Map<String, Object> body = in ? single(freshId("tr"), funding, wallet, AMOUNT, "CNY")
                        : single(freshId("tr"), wallet, merchant, AMOUNT, "CNY");
                answers.add(pool.submit(() -> {
                    Response r = transfer(body);
                    assertTrue(r.statusCode() == 201 || (r.statusCode() == 402
                            && "insufficient_funds".equals(r.path("code"))), () -> "unexpected answer " + r.asString());
                    return r.statusCode();
                }));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "transfers finished");
        } finally {
            pool.shutdownNow();
        }
        long inApplied = 0;
        long outApplied = 0;
        for (int i = 0; i < TRANSFERS; i++) {
            if (answers.get(i).get() == 201) {
                if (incoming.get(i)) {
                    inApplied++;
                } else {
                    outApplied++;
                }
            }
        }
        assertEquals(TRANSFERS / 2, inApplied, "a top-up is never refused");
        long expected = (inApplied - outApplied) * AMOUNT;
        assertArrayEquals(new long[] {0, outApplied * AMOUNT, 0, inApplied * AMOUNT, expected}, balances(wallet));
        assertEquals(outApplied * AMOUNT, balances(merchant)[3]);

        // The journal replays to the balance, one entry per applied transfer, never below zero.
        long available = 0;
        int entries = 0;
        String after = null;
        for (int page = 0; page < TRANSFERS / 100 + 1; page++) {
            var request = asPlatform().queryParam("limit", 100);
            if (after != null) {
                request.queryParam("starting_after", after);
            }
            Map<String, Object> body = json(request.get("/v1/accounts/{id}/entries", wallet));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> data = (List<Map<String, Object>>) body.get("data");
            for (Map<String, Object> entry : data) {
                available += number(entry, "credits_posted_change") - number(entry, "debits_posted_change");
                assertEquals(available, number(entry, "credits_posted") - number(entry, "debits_posted"),
                        "each entry's balances follow from the one before");
                assertTrue(available >= 0, "the wallet never went below zero");
                entries++;
            }
            if (!(Boolean) body.get("has_more")) {
                break;
            }
            after = (String) data.get(data.size() - 1).get("id");
        }
        assertEquals(inApplied + outApplied, entries);
        assertEquals(expected, available);
        LedgerInvariants.assertHold();
    }
}
