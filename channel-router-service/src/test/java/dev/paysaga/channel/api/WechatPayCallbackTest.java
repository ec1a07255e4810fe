package dev.paysaga.channel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.LogCapture;
import dev.paysaga.channel.testing.FakeWechatPayGateway;
import dev.paysaga.channel.testing.FakeWechatPayGateway.Delivery;
import dev.paysaga.channel.testing.TestKeys;
import dev.paysaga.runtime.ids.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /callbacks/wechatpay} against the real PostgreSQL, Redis and outbox: notifications
 * encrypted with the APIv3 key and signed with the platform key the service trusts, made at test time.
 */
@QuarkusTest
class WechatPayCallbackTest {
    @Inject
    Pool pool;
    @Inject
    MeterRegistry metrics;
    Db db;
    FakeWechatPayGateway gateway;

    final LogCapture logs = new LogCapture();

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        gateway = ChannelGatewaysResource.wechatpay();
        logs.start();
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        logs.stop();
    }

    private String pendingPayment(long amount) {
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, amount).then().statusCode(201);
        return pay;
    }

    @Test
    void aGenuineSuccessResolvesTheTransactionAndWritesOneEventWithIt() {
        String pay = pendingPayment(3000);

        Response answer = Api.notifyWechatPay(gateway.notification(pay, "SUCCESS", 3000));

        answer.then().statusCode(204);
        var tx = db.transaction(pay);
        assertEquals("SUCCEEDED", tx.getString("status"));
        assertEquals(gateway.transactionId(pay), tx.getString("channel_trade_no"));
        var events = db.events(pay);
        assertEquals(1, events.size());
        assertEquals("channel.transaction.succeeded", events.get(0).getString("type"));
        var data = events.get(0).getJsonObject("payload");
        assertEquals("wechatpay", data.getString("channel"));
        assertEquals(3000L, data.getLong("amount"));
        assertEquals("CNY", data.getString("currency"));
    }

    @Test
    void aResendOfTheSameNotificationIsAcknowledgedAndAnnouncedOnce() {
        String pay = pendingPayment(1);
        Delivery first = gateway.notification(pay, "SUCCESS", 1);
        double duplicates = count("paysaga.channel.notifications.replayed", null);

        Api.notifyWechatPay(first).then().statusCode(204);
        Api.notifyWechatPay(gateway.resend(first)).then().statusCode(204); // same id, a fresh signature and nonce

        assertEquals(1, db.events(pay).size());
        assertEquals(duplicates + 1, count("paysaga.channel.notifications.replayed", null));
    }

    @Test
    void aReplayedDeliveryIsRefusedAndChangesNothing() {
        String pay = pendingPayment(1);
        Delivery captured = gateway.notification(pay, "SUCCESS", 1);
        Api.notifyWechatPay(captured).then().statusCode(204);
        double refused = count("paysaga.channel.notifications.refused", "replayed");

        Response replay = Api.notifyWechatPay(captured); // the very same signed request again, inside the window

        replay.then().statusCode(400).contentType("application/json");
        assertEquals("FAIL", replay.jsonPath().getString("code"));
        assertEquals("replayed", replay.jsonPath().getString("message"));
        assertEquals(1, db.events(pay).size());
        assertEquals(refused + 1, count("paysaga.channel.notifications.refused", "replayed"));
    }

    record Forgery(String name, String reason, BiFunction<FakeWechatPayGateway, String, Delivery> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Forgery> forgeries() {
        var stranger = TestKeys.rsa2048().getPrivate();
        long now = Instant.now().getEpochSecond();
        return List.of(
                new Forgery("signed with another key", "bad_signature", (g, pay) -> g.notification(
                        g.transaction(FakeWechatPayGateway.MCHID, pay, "SUCCESS", 1), g.apiV3Key(), stranger, now, "n1-" + pay)),
                new Forgery("body changed after signing", "bad_signature", (g, pay) -> {
                    Delivery d = g.notification(pay, "SUCCESS", 1);
                    return new Delivery(d.headers(), d.body().replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESS "));
                }),
                new Forgery("signed six minutes ago", "expired", (g, pay) -> g.notification(
                        g.transaction(FakeWechatPayGateway.MCHID, pay, "SUCCESS", 1), g.apiV3Key(),
                        g.platformPrivateKey(), now - 360, "n2-" + pay)),
                new Forgery("another platform serial", "unknown_serial", (g, pay) -> {
                    Delivery d = g.notification(pay, "SUCCESS", 1);
                    Map<String, String> headers = new LinkedHashMap<>(d.headers());
                    headers.put("Wechatpay-Serial", "PUB_KEY_ID_SOMEONE_ELSE");
                    return new Delivery(headers, d.body());
                }),
                new Forgery("no signature headers", "unsigned",
                        (g, pay) -> new Delivery(Map.of(), g.notification(pay, "SUCCESS", 1).body())),
                new Forgery("encrypted with another APIv3 key, genuinely signed", "undecryptable", (g, pay) -> g.notification(
                        g.transaction(FakeWechatPayGateway.MCHID, pay, "SUCCESS", 1), TestKeys.apiV3Key(),
                        g.platformPrivateKey(), now, "n3-" + pay)),
                new Forgery("another merchant, genuinely signed", "unknown_merchant", (g, pay) -> g.notification(
                        g.transaction("1900000999", pay, "SUCCESS", 1), g.apiV3Key(), g.platformPrivateKey(), now,
                        "n4-" + pay)),
                new Forgery("another amount, genuinely signed", "amount_mismatch",
                        (g, pay) -> g.notification(pay, "SUCCESS", 2)),
                new Forgery("unknown trade_state, genuinely signed", "malformed",
                        (g, pay) -> g.notification(pay, "PAID_MAYBE", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void anUntrustedNotificationIsRefusedWithFailAndChangesNothing(Forgery forgery) {
        String pay = pendingPayment(1);
        double refused = count("paysaga.channel.notifications.refused", forgery.reason());

        Delivery forged = forgery.make().apply(gateway, pay);
        Response answer = Api.notifyWechatPay(forged);

        answer.then().statusCode(400).contentType("application/json");
        assertEquals("FAIL", answer.jsonPath().getString("code"));
        assertEquals(forgery.reason(), answer.jsonPath().getString("message"));
        assertEquals("PENDING", db.transaction(pay).getString("status"));
        assertEquals(0, db.events(pay).size());
        assertEquals(refused + 1, count("paysaga.channel.notifications.refused", forgery.reason()));
        String signature = forged.headers().get("Wechatpay-Signature");
        assertFalse(logs.lines().isEmpty(), "the refusal was logged (and is checked below)");
        for (String line : logs.lines()) {
            assertFalse(line.contains(gateway.apiV3Key()), "the APIv3 key reached the log: " + line);
            assertFalse(signature != null && line.contains(signature.substring(0, 16)), "a signature reached the log: " + line);
        }

        // The genuine one still goes through afterwards.
        Api.notifyWechatPay(gateway.notification(pay, "SUCCESS", 1)).then().statusCode(204);
        assertEquals("SUCCEEDED", db.transaction(pay).getString("status"));
    }

    @Test
    void aNotificationForAnUnknownTradeIsRefused() {
        String unknown = Ids.next("pay");

        Api.notifyWechatPay(gateway.notification(unknown, "SUCCESS", 100)).then().statusCode(400);

        assertNull(db.transaction(unknown));
        assertEquals(0, db.events(unknown).size());
    }

    private double count(String name, String reason) {
        var search = metrics.find(name).tag("channel", "wechatpay");
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /** A paid payment with a refund the router asked WeChat Pay for and that is still processing. */
    private String[] processingRefund(long paid, long refunded) {
        String pay = pendingPayment(paid);
        Api.notifyWechatPay(gateway.notification(pay, "SUCCESS", paid)).then().statusCode(204);
        String re = Ids.next("re");
        pool.preparedQuery("""
                insert into channel_refund (refund_id, payment_id, channel, amount, currency, status, next_query_at,
                    created_at, updated_at) values ($1, $2, 'wechatpay', $3, 'CNY', 'PENDING', now() + interval '1 day', now(), now())""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(re, pay, refunded)).await().indefinitely();
        return new String[] {pay, re};
    }

    private String refundStatus(String re) {
        return pool.preparedQuery("select status from channel_refund where refund_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(re)).await().indefinitely().iterator().next().getString(0);
    }

    @Test
    void aRefundSuccessNotificationSettlesTheRefundOnceWithItsEvent() {
        String[] ids = processingRefund(3000, 1200);
        String pay = ids[0], re = ids[1];

        Delivery success = gateway.refundNotification(pay, re, 1200, 3000, "SUCCESS");
        Api.notifyWechatPay(success).then().statusCode(204);
        Api.notifyWechatPay(gateway.resend(success)).then().statusCode(204);

        assertEquals("SUCCEEDED", refundStatus(re));
        List<String> types = db.events(pay).stream().map(row -> row.getString("type")).toList();
        assertEquals(List.of("channel.transaction.succeeded", "channel.refund.succeeded"), types);
        assertEquals(re, db.events(pay).get(1).getJsonObject("payload").getString("refund_id"));
    }

    @Test
    void aRefundNotificationWithAnotherAmountOrAboutNoRefundOfOursChangesNothing() {
        String[] ids = processingRefund(3000, 1200);
        String pay = ids[0], re = ids[1];

        Api.notifyWechatPay(gateway.refundNotification(pay, re, 1300, 3000, "SUCCESS")).then().statusCode(400);
        Api.notifyWechatPay(gateway.refundNotification(pay, Ids.next("re"), 1200, 3000, "SUCCESS")).then().statusCode(400);
        Api.notifyWechatPay(gateway.refundNotification(pendingPayment(500), re, 1200, 500, "SUCCESS")).then().statusCode(400);

        assertEquals("PENDING", refundStatus(re));
        assertEquals(1, db.events(pay).size(), "only the payment's own event");
    }

    @Test
    void aClosedRefundFailsAsDeclined() {
        String[] ids = processingRefund(2000, 2000);
        Api.notifyWechatPay(gateway.refundNotification(ids[0], ids[1], 2000, 2000, "CLOSED")).then().statusCode(204);
        assertEquals("FAILED", refundStatus(ids[1]));
        assertEquals("channel.refund.failed", db.events(ids[0]).get(1).getString("type"));
    }
}
