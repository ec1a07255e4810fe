package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reconciliation of real sandbox statements, every service a process: each channel's day with payments and refunds
 * and one scripted discrepancy of every kind, found exactly; money paid after its payment was cancelled, refunded at
 * the channel once whatever is repeated or killed; an adjustment two operators agree on, posted to the ledger; the
 * operator's page in headless Chromium. Other tests' payments share the day: assertions are about this test's own.
 */
class ReconciliationTest {
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String RUNS = Suite.GATEWAY + "/v1/reconciliation/runs";
    private final List<String> scripted = new ArrayList<>();

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @AfterEach
    void forgetScripts() {
        scripted.forEach(script -> given().delete(script));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"alipay,CNY,Asia/Shanghai", "wechatpay,CNY,Asia/Shanghai", "unionpay,CNY,Asia/Shanghai", "stripe,USD,UTC"})
    void aDayWithOneDiscrepancyOfEachKindIsFoundExactlyAndItsAmountsAddUp(String channel, String currency, String zone) {
        String kept = paid(channel, currency), refundedHere = paid(channel, currency), dropped = paid(channel, currency),
                overcharged = paid(channel, currency), duplicated = paid(channel, currency);
        String droppedRefund = refunded(refundedHere, 1_000);
        refunded(duplicated, 500); // a refund both sides have
        String unknown = Payments.madeUpPaymentId();
        LocalDate day = LocalDate.now(ZoneId.of(zone));
        script(channel, day, """
                {"drop":["%s","%s"],"amounts":{"%s":3200},"duplicate":["%s"],
                 "refunds":[{"payment_id":"%s","amount":300}],
                 "extra":[{"payment_id":"%s","amount":900,"currency":"%s"}]}""".formatted(dropped, droppedRefund, overcharged,
                duplicated, kept, unknown, currency));
        Set<String> ours = Set.of(kept, refundedHere, dropped, overcharged, duplicated, unknown);
        Set<String> expected = new TreeSet<>(Set.of("status_mismatch " + kept, "status_mismatch " + refundedHere,
                "missing_at_channel " + dropped, "amount_mismatch " + overcharged, "duplicate " + duplicated,
                "missing_locally " + unknown));

        // Our books follow the events: the day is reconciled again until they have caught up.
        JsonPath[] run = new JsonPath[1];
        await().atMost(WITHIN).until(() -> {
            run[0] = completedRun(channel, day);
            return found(items(run[0].getString("id")), ours).equals(expected);
        });
        List<Map<String, Object>> items = items(run[0].getString("id"));
        Map<String, Object> mismatch = about(items, overcharged, "amount_mismatch");
        assertEquals(3200, ((Map<?, ?>) mismatch.get("theirs")).get("amount_minor"));
        assertEquals(3000, ((Map<?, ?>) mismatch.get("ours")).get("amount_minor"));
        assertEquals("review", mismatch.get("resolution"));
        assertEquals("review", about(items, unknown, "missing_locally").get("resolution"));
        assertAmountsAddUp(run[0], items, currency);

        JsonPath again = completedRun(channel, day);
        assertEquals(found(items(again.getString("id")), ours), expected, "reconciled again: the same discrepancies");
        assertEquals(run[0].getInt("attempt") + 1, again.getInt("attempt"));
        assertEquals(run[0].getString("id"), again.getString("changes.previous_run"));
        List<Map<String, String>> newOnes = again.getList("changes.new");
        assertTrue(newOnes.stream().noneMatch(change -> ours.stream().anyMatch(id -> change.get("subject").contains(id))),
                "nothing of ours is new the second time: " + newOnes);
    }

    @Test
    void moneyPaidAfterItsPaymentWasCancelledIsRefundedAtTheChannelOnceThoughTheRunIsRepeatedAndKilled() throws Exception {
        String channel = "alipay";
        String cancelled = cancelledThenPaidAtTheChannel(channel);
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        startRun(channel, day);
        Suite.kill9("reconciliation-service"); // mid-run, or just after: either way the run is finished by the restart
        Suite.start("reconciliation-service", Map.of());
        startRun(channel, day);
        await().atMost(WITHIN).until(() -> {
            JsonPath run = completedRun(channel, day);
            Map<String, Object> item = about(items(run.getString("id")), cancelled, "missing_locally");
            return item != null && "refund".equals(item.get("resolution")) && "done".equals(item.get("resolution_status"));
        });
        JsonPath trade = given().get(Suite.url("channel-sandbox") + "/admin/channels/alipay/trades/" + cancelled)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("30.00", trade.getString("refunded_amount"), "the whole payment went back, once");

        // Our books learn of the refund from its channel.refund.succeeded event: then the channel's refund line matches.
        await().atMost(WITHIN).until(() -> {
            List<Map<String, Object>> items = items(completedRun(channel, day).getString("id"));
            return "done".equals(about(items, cancelled, "missing_locally").get("resolution_status"))
                    && items.stream().noneMatch(i -> cancelled.equals(i.get("payment_id")) && "status_mismatch".equals(i.get("kind")));
        });
        assertEquals("30.00", given().get(Suite.url("channel-sandbox") + "/admin/channels/alipay/trades/" + cancelled)
                .then().extract().path("refunded_amount"), "runs after the refund refund nothing more");
        assertEquals(1, refundsAtTheRouter(cancelled), "one refund asked of the channel, whatever was repeated");
    }

    private static long refundsAtTheRouter(String paymentId) throws Exception {
        try (var db = Suite.database("channel-router-service");
                var query = db.prepareStatement("select count(*) from channel_refund where payment_id = ?")) {
            query.setString(1, paymentId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void anAdjustmentTheProposerCannotApproveIsPostedToTheLedgerWhenASecondOperatorApproves() throws Exception {
        String overcharged = paid("alipay", "CNY");
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        script("alipay", day, "{\"amounts\":{\"" + overcharged + "\":3200}}");
        JsonPath run = runThatFinds("alipay", day, overcharged, "amount_mismatch");
        int seq = (Integer) about(items(run.getString("id")), overcharged, "amount_mismatch").get("seq");
        Payments.topUp(Payments.customer(), 1); // the platform's funding account in CNY exists from here on
        String clearing = accountId("CHANNEL_CLEARING", "alipay"), funding = accountId("PLATFORM_FUNDING", "platform");
        long clearingBefore = balance(clearing);

        String adjustment = Callers.as(Callers.operatorKey("alice")).contentType(ContentType.JSON).body("""
                {"run_id":"%s","item":%d,"debit_account_id":"%s","credit_account_id":"%s","amount":200,"currency":"CNY",
                 "reason":"Alipay settled 200 more than the order; kept as platform funding"}"""
                .formatted(run.getString("id"), seq, clearing, funding))
                .post(Suite.GATEWAY + "/v1/reconciliation/adjustments").then().statusCode(201)
                .body("status", equalTo("proposed")).extract().path("id");
        Callers.as(Callers.operatorKey("alice")).post(Suite.GATEWAY + "/v1/reconciliation/adjustments/" + adjustment + "/approve")
                .then().statusCode(403).body("code", equalTo("approver_is_proposer"));
        assertEquals(clearingBefore, balance(clearing), "nothing posted by the proposer");

        Callers.as(Callers.operatorKey("bob")).post(Suite.GATEWAY + "/v1/reconciliation/adjustments/" + adjustment + "/approve")
                .then().statusCode(200).body("status", equalTo("posted")).body("decided_by", equalTo("bob"))
                .body("transfer_id", equalTo(adjustment)).body("audit.action", equalTo(List.of("proposed", "posted")));
        Callers.as(Callers.operatorKey("bob")).post(Suite.GATEWAY + "/v1/reconciliation/adjustments/" + adjustment + "/approve")
                .then().statusCode(409);

        assertEquals(clearingBefore + 200, balance(clearing), "one balanced transfer, once");
        Callers.asPlatform().get(Suite.GATEWAY + "/v1/transfers/" + adjustment).then().statusCode(200)
                .body("amount", equalTo(200)).body("debit_account_id", equalTo(clearing))
                .body("credit_account_id", equalTo(funding)).body("code", equalTo("reconciliation_adjustment"))
                .body("requested_by", equalTo("operator:bob"));
    }

    @Test
    void anOperatorReadsARunOnItsPageAndDownloadsItsItemsAsCsv() throws Exception {
        String dropped = paid("wechatpay", "CNY");
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        script("wechatpay", day, "{\"drop\":[\"" + dropped + "\"]}");
        String id = runThatFinds("wechatpay", day, dropped, "missing_at_channel").getString("id");

        String csv = Callers.asPlatform().get(RUNS + "/" + id + "/items.csv").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertTrue(csv.startsWith("seq,kind,subject,payment_id"), csv);
        assertTrue(csv.lines().anyMatch(line -> line.contains(",missing_at_channel," + dropped + ",")), csv);

        try (Browser browser = Browser.headlessChromium()) {
            browser.open(Suite.GATEWAY + "/console/reconciliation.html?run=" + id);
            browser.type("#key", Callers.operatorKey("alice"));
            browser.click("#show");
            await().atMost(Duration.ofSeconds(20)).until(() -> browser.count("#items tbody tr") > 0);
            assertEquals("completed", browser.text("#status"));
            assertTrue(browser.text("#items").contains(dropped), "the dropped payment is listed");
            assertTrue(browser.text("tr[data-total='missing_at_channel']").contains("missing at channel"));
            Path shot = browser.screenshot(Suite.ROOT.resolve("e2e-tests/target/screenshots/reconciliation-run.png"));
            assertTrue(shot.toFile().length() > 10_000, "a page was drawn");
        }
    }

    @Test
    void badRunRequestsAreRefusedWithAStableCodeThroughTheGateway() {
        Callers.asPlatform().contentType(ContentType.JSON).body("{\"channel\":\"paypal\",\"date\":\"2026-12-01\"}").post(RUNS)
                .then().statusCode(400).contentType("application/problem+json").body("param", equalTo("channel"));
        Callers.asPlatform().contentType(ContentType.JSON)
                .body("{\"channel\":\"alipay\",\"date\":\"" + LocalDate.now().plusDays(2) + "\"}").post(RUNS)
                .then().statusCode(400).body("param", equalTo("date"));
        given().contentType(ContentType.JSON).body("{\"channel\":\"alipay\",\"date\":\"2026-12-01\"}").post(RUNS)
                .then().statusCode(403).body("code", equalTo("permission_denied"));
    }

    // --- the day's money ---

    /** An order of 2 × 1,500 paid through {@code channel} by the sandbox's customer, its saga completed. */
    private static String paid(String channel, String currency) {
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 2, currency);
        JsonPath started = given().contentType(ContentType.JSON).body("{\"method\":\"" + channel + "\",\"terminal\":\"web\"}")
                .post(Suite.GATEWAY + "/v1/orders/" + orderId + "/pay").then().statusCode(202).extract().jsonPath();
        await().atMost(WITHIN).until(() -> Payments.sagaStatus(started.getString("saga_id")).equals("completed"));
        return started.getString("payment_id");
    }

    private static String refunded(String paymentId, long amount) {
        JsonPath refund = Payments.refund(paymentId, amount, null).then().statusCode(202).extract().jsonPath();
        await().atMost(WITHIN).until(() -> Payments.sagaStatus(refund.getString("saga_id")).equals("completed"));
        return refund.getString("id");
    }

    /**
     * A payment whose customer did not pay in time (its saga cancelled, the router closed the trade), and who then paid
     * the stale QR code at the channel after all.
     */
    private String cancelledThenPaidAtTheChannel(String channel) {
        behave(channel, "{\"silent\":true}");
        try {
            String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 2);
            JsonPath started = given().contentType(ContentType.JSON).body("{\"method\":\"" + channel + "\",\"terminal\":\"web\"}")
                    .post(Suite.GATEWAY + "/v1/orders/" + orderId + "/pay").then().statusCode(202).extract().jsonPath();
            await().atMost(WITHIN).until(() -> Payments.sagaStatus(started.getString("saga_id")).equals("cancelled"));
            String paymentId = started.getString("payment_id");
            given().post(Suite.url("channel-sandbox") + "/admin/channels/" + channel + "/payments/" + paymentId
                    + "/paid-after-close").then().statusCode(200);
            return paymentId;
        } finally {
            behave(channel, "{}");
        }
    }

    private static void behave(String channel, String behaviour) {
        given().contentType(ContentType.JSON).body(behaviour).put(Suite.url("channel-sandbox") + "/admin/channels/" + channel)
                .then().statusCode(200);
    }

    private void script(String channel, LocalDate day, String script) {
        String url = Suite.url("channel-sandbox") + "/admin/statements/" + channel + "/" + day;
        given().contentType(ContentType.JSON).body(script).put(url).then().statusCode(200);
        scripted.add(url);
    }

    // --- runs ---

    private static String startRun(String channel, LocalDate day) {
        return Callers.asPlatform().contentType(ContentType.JSON)
                .body("{\"channel\":\"" + channel + "\",\"date\":\"" + day + "\"}").post(RUNS)
                .then().statusCode(202).body("status", equalTo("running")).extract().path("id");
    }

    private static JsonPath completedRun(String channel, LocalDate day) {
        String id = startRun(channel, day);
        JsonPath[] run = new JsonPath[1];
        await().atMost(WITHIN).until(() -> {
            run[0] = Callers.asPlatform().get(RUNS + "/" + id).then().statusCode(200).extract().jsonPath();
            return !"running".equals(run[0].getString("status"));
        });
        assertEquals("completed", run[0].getString("status"), run[0].prettify());
        return run[0];
    }

    /** A completed run of the day with a {@code kind} item about the payment: the day is reconciled again until our books have caught up. */
    private static JsonPath runThatFinds(String channel, LocalDate day, String paymentId, String kind) {
        JsonPath[] run = new JsonPath[1];
        await().atMost(WITHIN).until(() -> {
            run[0] = completedRun(channel, day);
            return about(items(run[0].getString("id")), paymentId, kind) != null;
        });
        return run[0];
    }

    /** Every item of the run, page after page. */
    private static List<Map<String, Object>> items(String runId) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        JsonPath page;
        do {
            page = Callers.asPlatform().get(RUNS + "/" + runId + "/items?limit=100" + (after == null ? "" : "&starting_after=" + after))
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> data = page.getList("data");
            all.addAll(data);
            after = data.isEmpty() ? after : String.valueOf(data.get(data.size() - 1).get("seq"));
        } while (page.getBoolean("has_more"));
        return all;
    }

    /** "kind payment" of each item about one of {@code ours}. */
    private static Set<String> found(List<Map<String, Object>> items, Set<String> ours) {
        Set<String> found = new TreeSet<>();
        for (Map<String, Object> item : items) {
            if (item.get("payment_id") != null && ours.contains(item.get("payment_id"))) {
                found.add(item.get("kind") + " " + item.get("payment_id"));
            }
        }
        return found;
    }

    private static Map<String, Object> about(List<Map<String, Object>> items, String paymentId, String kind) {
        return items.stream().filter(i -> paymentId.equals(i.get("payment_id")) && kind.equals(i.get("kind"))).findFirst()
                .orElse(null);
    }

    /** The statement's amount is what matched plus every discrepancy that has a line of the channel's; counts too. */
    private static void assertAmountsAddUp(JsonPath run, List<Map<String, Object>> items, String currency) {
        Map<String, Long> withLines = new HashMap<>();
        long counted = 0;
        for (Map<String, Object> item : items) {
            if (item.get("theirs") != null) {
                withLines.merge((String) item.get("currency"), ((Number) item.get("amount")).longValue(), Long::sum);
                counted++;
            }
        }
        long statement = run.getLong("totals.statement.amounts." + currency);
        long matched = run.getLong("totals.matched.amounts." + currency);
        assertEquals(statement, matched + withLines.getOrDefault(currency, 0L), run.prettify());
        assertEquals(run.getLong("totals.statement.count"), run.getLong("totals.matched.count") + counted, run.prettify());
        long byKind = 0;
        for (String kind : List.of("missing_at_channel", "missing_locally", "amount_mismatch", "status_mismatch", "duplicate",
                "carried")) {
            byKind += run.getLong("totals.unmatched." + kind + ".count");
        }
        assertEquals(items.size(), byKind, "every item is counted under its kind");
        assertNotNull(run.getString("zone"));
    }

    // --- the ledger ---

    private static String accountId(String type, String owner) throws Exception {
        try (var db = Suite.database("ledger-service");
                var query = db.prepareStatement("select id from account where type = ? and owner_id = ? and currency = 'CNY'")) {
            query.setString(1, type);
            query.setString(2, owner);
            try (var rows = query.executeQuery()) {
                assertTrue(rows.next(), type + " of " + owner + " in CNY");
                return rows.getString(1);
            }
        }
    }

    private static long balance(String accountId) throws Exception {
        try (var db = Suite.database("ledger-service");
                var query = db.prepareStatement("select debits_posted - credits_posted from account where id = ?")) {
            query.setString(1, accountId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
