package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A linked batch of transfers under SIGKILL of the ledger: after the restart each batch is either
 * wholly applied or not at all, and sending it again applies it exactly once.
 */
class LedgerBatchCrashTest {
    static final String LEDGER = "ledger-service";
    static final int BATCH = 1_000;
    static final int WALLETS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @AfterEach
    void ledgerBack() {
        Suite.start(LEDGER, Map.of()); // leaves a running ledger as it is
    }

    /**
     * The kill lands while the batch is half written: a transaction of the test's own holds an
     * uncommitted transfer with the batch's last id, so the ledger's insert of the batch, 999 rows
     * in, waits on it inside the ledger's open transaction — and the ledger dies there.
     */
    @Test
    void killedHalfwayThroughWritingABatchNothingOfItRemainsAndResendingAppliesItOnce() throws Exception {
        Accounts accounts = Accounts.open();
        List<Map<String, Object>> batch = accounts.batch("half");
        String lastId = (String) batch.get(BATCH - 1).get("id");

        CompletableFuture<HttpResponse<String>> answer;
        try (Connection blocker = Suite.database(LEDGER)) {
            blocker.setAutoCommit(false);
            try (PreparedStatement claim = blocker.prepareStatement("""
                    insert into transfer (id, kind, status, debit_account_id, credit_account_id, amount, currency, code)
                    values (?, 'SINGLE', 'POSTED', ?, ?, 1, 'CNY', 'crash_test_blocker')""")) {
                claim.setString(1, lastId);
                claim.setString(2, accounts.funding());
                claim.setString(3, accounts.wallets().get(0));
                claim.executeUpdate();
            }
            answer = post(batch);
            await().atMost(Duration.ofSeconds(60)).until(() -> insertsWaiting() == 1);
            Suite.kill9(LEDGER);
            blocker.rollback(); // the dead ledger's transaction may now go on, and has no one to commit it
        }
        await().atMost(Duration.ofSeconds(30)).until(answer::isDone);
        assertThrows(ExecutionException.class, answer::get, "the client never got an answer");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerSessionsOpen() == 0);

        assertEquals(0, stored(batch), "not one transfer of the batch survived the crash");
        assertEquals(0, journalled(batch), "nor one journal entry");
        assertEquals(0, accounts.creditsPosted(0), "the first wallet's balance is untouched");
        assertLedgerBalances();

        Suite.start(LEDGER, Map.of());
        assertEquals(201, post(batch).get().statusCode(), "the batch sent again is applied");
        assertEquals(200, post(batch).get().statusCode(), "and a third time answers what exists");
        assertEquals(BATCH, stored(batch));
        assertEquals(2 * BATCH, journalled(batch), "two entries per transfer, written once");
        for (int w = 0; w < WALLETS; w++) {
            assertEquals(accounts.expectedCredits(w, 1), accounts.creditsPosted(w), "wallet " + w);
        }
        assertLedgerBalances();
    }

    /** Batches in flight from several clients when the ledger dies at an arbitrary moment. */
    @Test
    void batchesInFlightWhenTheLedgerDiesAreEachWholeOrAbsent() throws Exception {
        Accounts accounts = Accounts.open();
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            batches.add(accounts.batch("flight" + b));
            answers.add(post(batches.get(b)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> answers.stream().anyMatch(LedgerBatchCrashTest::applied));
        Suite.kill9(LEDGER);
        await().atMost(Duration.ofSeconds(60)).until(() -> answers.stream().allMatch(CompletableFuture::isDone));
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerSessionsOpen() == 0);

        int whole = 0;
        for (int b = 0; b < batches.size(); b++) {
            long stored = stored(batches.get(b));
            assertTrue(stored == 0 || stored == BATCH, "batch " + b + " is whole or absent, not " + stored);
            if (applied(answers.get(b))) {
                assertEquals(BATCH, stored, "batch " + b + " was answered 201, so it is there");
            }
            whole += stored == BATCH ? 1 : 0;
        }
        assertTrue(whole >= 1 && whole < batches.size(), "the kill fell among the batches: " + whole + " applied");
        for (int w = 0; w < WALLETS; w++) {
            assertEquals(accounts.expectedCredits(w, whole), accounts.creditsPosted(w), "wallet " + w);
        }
        assertLedgerBalances();
    }

    /** A funding account and ten wallets; a batch pays each wallet 1 … 10 per round, a hundred rounds. */
    private record Accounts(String funding, List<String> wallets) {
        static Accounts open() {
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> wallets = new ArrayList<>();
            for (int w = 0; w < WALLETS; w++) {
                wallets.add(account("cus_crash_" + run + "_" + w, "customer_wallet"));
            }
            return new Accounts(account("fund_crash_" + run, "platform_funding"), wallets);
        }

        List<Map<String, Object>> batch(String name) {
            String prefix = "tr_" + name + "_" + UUID.randomUUID().toString().substring(0, 8) + "_";
            List<Map<String, Object>> transfers = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                Map<String, Object> t = new HashMap<>();
                t.put("id", prefix + i);
                t.put("type", "single");
                t.put("debit_account_id", funding);
                t.put("credit_account_id", wallets.get(i % WALLETS));
                t.put("amount", 1 + i % WALLETS);
                t.put("currency", "CNY");
                t.put("code", "crash_test");
                transfers.add(t);
            }
            return transfers;
        }

        /** What wallet {@code w} holds after {@code batches} whole batches: (w + 1) per round. */
        long expectedCredits(int w, int batches) {
            return (long) batches * (BATCH / WALLETS) * (w + 1);
        }

        /** From the ledger's database: the service may be dead. */
        long creditsPosted(int w) throws SQLException {
            return count("select credits_posted from account where id = any(?)", List.of(wallets.get(w)));
        }

        private static String account(String owner, String type) {
            Map<String, String> body = "customer_wallet".equals(type)
                    ? Map.of("owner_id", owner, "type", type, "currency", "CNY", "merchant_id", Callers.MERCHANT)
                    : Map.of("owner_id", owner, "type", type, "currency", "CNY");
            return Callers.asPlatform().contentType(ContentType.JSON).body(body)
                    .post(Suite.url(LEDGER) + "/v1/accounts").then().statusCode(201).extract().path("id");
        }
    }

    private static CompletableFuture<HttpResponse<String>> post(List<Map<String, Object>> batch) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Suite.url(LEDGER) + "/v1/transfers/batch"))
                .timeout(Duration.ofSeconds(120)).header("content-type", "application/json")
                .header("Authorization", "Bearer " + Callers.platformKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("transfers", batch)))).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean applied(CompletableFuture<HttpResponse<String>> answer) {
        return answer.isDone() && !answer.isCompletedExceptionally() && answer.join().statusCode() == 201;
    }

    /** Ledger sessions blocked inside the bulk insert of transfers. */
    private static long insertsWaiting() throws SQLException {
        return count("""
                select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                   and wait_event_type = 'Lock' and query like 'insert into transfer%'""", List.of());
    }

    /** Sessions of ledger processes still inside a transaction (a dead one's ends when PostgreSQL notices). */
    private static long ledgerSessionsOpen() throws SQLException {
        return count("""
                select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                   and xact_start is not null""", List.of());
    }

    private static long stored(List<Map<String, Object>> batch) throws SQLException {
        return count("select count(*) from transfer where id = any(?)", ids(batch));
    }

    private static long journalled(List<Map<String, Object>> batch) throws SQLException {
        return count("select count(*) from entry where transfer_id = any(?)", ids(batch));
    }

    private static List<String> ids(List<Map<String, Object>> batch) {
        return batch.stream().map(t -> (String) t.get("id")).toList();
    }

    private static void assertLedgerBalances() throws SQLException {
        assertEquals(0, count("""
                select count(*) from (select currency from account group by currency
                having sum(debits_posted) <> sum(credits_posted) or sum(debits_pending) <> sum(credits_pending)) unbalanced""",
                List.of()), "every currency balances");
        assertEquals(0, count("""
                select count(*) from account a
                  join lateral (select * from entry e where e.account_id = a.id order by e.id desc limit 1) last on true
                 where (last.debits_pending, last.debits_posted, last.credits_pending, last.credits_posted)
                       <> (a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted)""", List.of()),
                "every account equals its last journal entry");
    }

    /** The first column of the one row. */
    private static long count(String sql, List<String> ids) throws SQLException {
        try (Connection db = Suite.database(LEDGER); PreparedStatement query = db.prepareStatement(sql)) {
            if (!ids.isEmpty()) {
                query.setArray(1, db.createArrayOf("text", ids.toArray()));
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
