package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.anonymous;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.LogCapture;
import dev.paysaga.channel.testing.FakeAlipayGateway;
import dev.paysaga.channel.testing.TestKeys;
import dev.paysaga.runtime.ids.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /callbacks/alipay} against the real PostgreSQL, Redis and outbox: notifications signed
 * at test time with the platform key the service was configured to trust.
 */
@QuarkusTest
class AlipayCallbackTest {
    @Inject
    Pool pool;
    @Inject
    MeterRegistry metrics;
    Db db;
    FakeAlipayGateway gateway;
    final LogCapture logs = new LogCapture();

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        gateway = ChannelGatewaysResource.alipay();
        logs.start();
    }

    @AfterEach
    void tearDown() {
        logs.stop();
    }

    static Response post(Map<String, String> form) {
        return Api.notify(form);
    }

    private String pendingPayment(long amount) {
        String pay = Ids.next("pay");
        Api.createAlipay(pay, amount).then().statusCode(201);
        return pay;
    }

    @Test
    void aGenuineTradeSuccessResolvesTheTransactionAndWritesOneEventWithIt() {
        String pay = pendingPayment(3000);

        Response answer = post(gateway.notification(pay, "TRADE_SUCCESS", "30.00"));

        answer.then().statusCode(200);
        assertEquals("success", answer.asString(), "Alipay stops resending only on exactly 'success'");
        var tx = db.transaction(pay);
        assertEquals("SUCCEEDED", tx.getString("status"));
        assertNull(tx.getValue("next_query_at"), "nothing left to query");
        var events = db.events(pay);
        assertEquals(1, events.size());
        assertEquals("channel.transaction.succeeded", events.get(0).getString("type"));
        var data = events.get(0).getJsonObject("payload");
        assertEquals(pay, data.getString("payment_id"));
        assertEquals("alipay", data.getString("channel"));
        assertEquals(3000L, data.getLong("amount"));
        assertEquals("CNY", data.getString("currency"));
        assertEquals("succeeded", data.getString("status"));
        assertEquals(gateway.tradeNo(pay), data.getString("channel_transaction_id"));
    }

    @Test
    void theSameNotificationTwiceIsAcknowledgedTwiceAndAnnouncedOnce() {
        String pay = pendingPayment(1);
        Map<String, String> notification = gateway.notification(pay, "TRADE_SUCCESS", "0.01");
        double replays = count("paysaga.channel.notifications.replayed", null);

        assertEquals("success", post(notification).asString());
        assertEquals("success", post(notification).asString());

        assertEquals(1, db.events(pay).size());
        assertEquals(replays + 1, count("paysaga.channel.notifications.replayed", null));
    }

    @Test
    void aSecondNotificationOfTheSameOutcomeWithItsOwnIdChangesNothing() {
        String pay = pendingPayment(1);
        post(gateway.notification(pay, "TRADE_SUCCESS", "0.01")).then().statusCode(200);

        assertEquals("success", post(gateway.notification(pay, "TRADE_FINISHED", "0.01")).asString());

        assertEquals(1, db.events(pay).size());
    }

    @Test
    void tradeClosedFailsTheTransactionWithChannelDeclined() {
        String pay = pendingPayment(500);

        assertEquals("success", post(gateway.notification(pay, "TRADE_CLOSED", "5.00")).asString());

        assertEquals("FAILED", db.transaction(pay).getString("status"));
        var events = db.events(pay);
        assertEquals(1, events.size());
        assertEquals("channel.transaction.failed", events.get(0).getString("type"));
        assertEquals("channel_declined", events.get(0).getJsonObject("payload").getString("failure_code"));
    }

    @Test
    void aConflictingLaterOutcomeChangesNothingAndIsCounted() {
        String pay = pendingPayment(500);
        post(gateway.notification(pay, "TRADE_SUCCESS", "5.00")).then().statusCode(200);
        double conflicts = count("paysaga.channel.outcome.conflicts", null);

        assertEquals("success", post(gateway.notification(pay, "TRADE_CLOSED", "5.00")).asString());

        assertEquals("SUCCEEDED", db.transaction(pay).getString("status"));
        assertEquals(1, db.events(pay).size());
        assertEquals(conflicts + 1, count("paysaga.channel.outcome.conflicts", null));
    }

    @Test
    void waitBuyerPayIsAcknowledgedAndChangesNothing() {
        String pay = pendingPayment(500);

        assertEquals("success", post(gateway.notification(pay, "WAIT_BUYER_PAY", "5.00")).asString());

        assertEquals("PENDING", db.transaction(pay).getString("status"));
        assertEquals(0, db.events(pay).size());
    }

    record Forgery(String name, String reason, UnaryOperator<Map<String, String>> forge) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Forgery> forgeries() {
        var stranger = TestKeys.rsa2048().getPrivate();
        return List.of(
                new Forgery("signed with another key", "bad_signature",
                        n -> FakeAlipayGateway.signNotification(n, stranger)),
                new Forgery("amount raised after signing", "bad_signature", n -> with(n, "total_amount", "0.02")),
                new Forgery("status changed after signing", "bad_signature", n -> with(n, "trade_status", "TRADE_SUCCESS")),
                new Forgery("a parameter added after signing", "bad_signature", n -> with(n, "extra", "1")),
                new Forgery("signature removed", "unsigned", n -> without(n, "sign")),
                new Forgery("signature garbled", "bad_signature", n -> with(n, "sign", "AAAA" + n.get("sign").substring(4))),
                new Forgery("RSA1 sign_type", "unsupported_sign_type", n -> with(n, "sign_type", "RSA")),
                new Forgery("another app, genuinely signed", "unknown_app",
                        n -> FakeAlipayGateway.signNotification(with(n, "app_id", "2021999999999999"),
                                ChannelGatewaysResource.alipay().platformPrivateKey())),
                new Forgery("another amount, genuinely signed", "amount_mismatch",
                        n -> FakeAlipayGateway.signNotification(with(n, "total_amount", "0.02"),
                                ChannelGatewaysResource.alipay().platformPrivateKey())),
                new Forgery("unreadable amount, genuinely signed", "malformed",
                        n -> FakeAlipayGateway.signNotification(with(n, "total_amount", "1e2"),
                                ChannelGatewaysResource.alipay().platformPrivateKey())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void anUntrustedNotificationIsRefusedWithFailAndChangesNothing(Forgery forgery) {
        String pay = pendingPayment(1);
        Map<String, String> genuine = gateway.notification(pay, "TRADE_CLOSED", "0.01");
        Map<String, String> forged = forgery.forge().apply(genuine);
        double refused = count("paysaga.channel.notifications.refused", forgery.reason());

        Response answer = post(forged);

        answer.then().statusCode(400);
        assertEquals("fail", answer.asString());
        assertEquals("PENDING", db.transaction(pay).getString("status"));
        assertEquals(0, db.events(pay).size());
        assertEquals(refused + 1, count("paysaga.channel.notifications.refused", forgery.reason()));
        assertNoSecretLogged(forged.get("sign"), genuine.get("sign"));

        // The genuine one still goes through afterwards: a refusal does not burn its notify_id.
        assertEquals("success", post(with(genuine, "x", null)).asString());
        assertEquals("FAILED", db.transaction(pay).getString("status"));
    }

    @Test
    void aNotificationForAnUnknownTradeIsRefused() {
        String unknown = Ids.next("pay");
        double refused = count("paysaga.channel.notifications.refused", "unknown_transaction");

        Response answer = post(gateway.notification(unknown, "TRADE_SUCCESS", "30.00"));

        answer.then().statusCode(400);
        assertEquals("fail", answer.asString());
        assertNull(db.transaction(unknown));
        assertEquals(0, db.events(unknown).size());
        assertEquals(refused + 1, count("paysaga.channel.notifications.refused", "unknown_transaction"));
    }

    @Test
    void aBodyThatIsNotAFormIsRefused() {
        anonymous().contentType("application/x-www-form-urlencoded").body("sign=a&sign=b").post("/callbacks/alipay")
                .then().statusCode(400);
        anonymous().contentType("application/x-www-form-urlencoded").body("a=b").post("/callbacks/nowhere")
                .then().statusCode(404);
    }

    private void assertNoSecretLogged(String... signatures) {
        assertFalse(logs.lines().isEmpty(), "the refusal was logged (and is checked below)");
        for (String line : logs.lines()) {
            for (String sign : signatures) {
                if (sign != null && sign.length() > 16) {
                    assertFalse(line.contains(sign.substring(0, 16)), "a signature reached the log: " + line);
                }
            }
        }
    }

    private double count(String name, String reason) {
        var search = metrics.find(name);
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> copy = new TreeMap<>(form);
        if (value != null) {
            copy.put(name, value);
        }
        return copy;
    }

    private static Map<String, String> without(Map<String, String> form, String name) {
        Map<String, String> copy = new HashMap<>(form);
        copy.remove(name);
        return copy;
    }
}
