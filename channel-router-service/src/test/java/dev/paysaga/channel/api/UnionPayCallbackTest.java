package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.anonymous;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.LogCapture;
import dev.paysaga.channel.testing.FakeUnionPayGateway;
import dev.paysaga.channel.testing.TestKeys;
import dev.paysaga.channel.testing.TestPki;
import dev.paysaga.channel.unionpay.OrderIds;
import dev.paysaga.runtime.ids.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
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
 * {@code POST /callbacks/unionpay} against the real PostgreSQL, Redis and outbox: back notifications signed at test
 * time by the test PKI's UnionPay signing certificate, which chains to the root the service trusts.
 */
@QuarkusTest
class UnionPayCallbackTest {
    @Inject
    Pool pool;
    @Inject
    MeterRegistry metrics;
    Db db;
    FakeUnionPayGateway gateway;
    final LogCapture logs = new LogCapture();

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        gateway = ChannelGatewaysResource.unionpay();
        logs.start();
    }

    @AfterEach
    void tearDown() {
        logs.stop();
    }

    private String pendingPayment(long fen) {
        String pay = Ids.next("pay");
        Api.createUnionPay(pay, fen).then().statusCode(201);
        return pay;
    }

    private Map<String, String> paidNotification(String pay, long fen) {
        return gateway.notification(OrderIds.orderId(pay), OrderIds.txnTime(pay), fen, "00");
    }

    @Test
    void aGenuineNotificationResolvesThePaymentAndWritesOneEventWithIt() {
        String pay = pendingPayment(3000);

        Response answer = Api.notifyUnionPay(paidNotification(pay, 3000));

        answer.then().statusCode(200);
        assertEquals("SUCCEEDED", db.transaction(pay).getString("status"));
        assertEquals(gateway.queryId(OrderIds.orderId(pay)), db.transaction(pay).getString("channel_trade_no"));
        var events = db.events(pay);
        assertEquals(1, events.size());
        assertEquals("channel.transaction.succeeded", events.get(0).getString("type"));
        var data = events.get(0).getJsonObject("payload");
        assertEquals("unionpay", data.getString("channel"));
        assertEquals(3000L, data.getLong("amount"));
        assertEquals(gateway.queryId(OrderIds.orderId(pay)), data.getString("channel_transaction_id"));
    }

    @Test
    void theSameNotificationAgainIsAcknowledgedAndAnnouncedOnce() {
        String pay = pendingPayment(1);
        Map<String, String> notification = paidNotification(pay, 1);
        double duplicates = count("paysaga.channel.notifications.replayed", null);

        Api.notifyUnionPay(notification).then().statusCode(200);
        Api.notifyUnionPay(notification).then().statusCode(200);

        assertEquals(1, db.events(pay).size());
        assertEquals(duplicates + 1, count("paysaga.channel.notifications.replayed", null));
    }

    @Test
    void aFailureNotificationFailsThePayment() {
        String pay = pendingPayment(500);
        Api.notifyUnionPay(gateway.notification(OrderIds.orderId(pay), OrderIds.txnTime(pay), 500, "01")).then().statusCode(200);
        assertEquals("FAILED", db.transaction(pay).getString("status"));
        assertEquals("channel.transaction.failed", db.events(pay).get(0).getString("type"));
    }

    record Forgery(String name, String reason, UnaryOperator<Map<String, String>> forge) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Forgery> forgeries() {
        var stranger = TestKeys.rsa2048().getPrivate();
        TestPki other = new TestPki();
        return List.of(
                new Forgery("signed with another key, UnionPay's certificate attached", "bad_signature",
                        n -> FakeUnionPayGateway.signedWith(n, n.get("signPubKeyCert"), stranger)),
                new Forgery("signed by a look-alike PKI", "untrusted_certificate",
                        n -> FakeUnionPayGateway.signed(n, other.signer)),
                new Forgery("signed by a self-signed impostor", "untrusted_certificate",
                        n -> FakeUnionPayGateway.signed(n, TestPki.issue(TestPki.SIGNER_CN, null, false, Instant.now(),
                                Duration.ofDays(1)))),
                new Forgery("signed by the merchant's own certificate (same CA)", "wrong_signer",
                        n -> FakeUnionPayGateway.signed(n, ChannelGatewaysResource.unionpay().pki().merchant)),
                new Forgery("amount raised after signing", "bad_signature", n -> with(n, "txnAmt", "2")),
                new Forgery("respCode changed after signing", "bad_signature", n -> with(n, "respCode", "00")),
                new Forgery("a field added after signing", "bad_signature", n -> with(n, "reqReserved", "1")),
                new Forgery("signature removed", "unsigned", n -> without(n, "signature")),
                new Forgery("certificate removed", "unsigned", n -> without(n, "signPubKeyCert")),
                new Forgery("another merchant, genuinely signed", "unknown_merchant",
                        n -> FakeUnionPayGateway.signed(with(n, "merId", "777290058110049"),
                                ChannelGatewaysResource.unionpay().pki().signer)),
                new Forgery("another amount, genuinely signed", "amount_mismatch",
                        n -> FakeUnionPayGateway.signed(with(n, "txnAmt", "2"), ChannelGatewaysResource.unionpay().pki().signer)),
                new Forgery("an old order, genuinely signed: a replay past the resend window", "expired",
                        n -> FakeUnionPayGateway.signed(with(n, "txnTime", OrderIds.format(Instant.now().minus(Duration.ofDays(2)))),
                                ChannelGatewaysResource.unionpay().pki().signer)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void anUntrustedNotificationIsRefusedAndChangesNothing(Forgery forgery) {
        String pay = pendingPayment(1);
        Map<String, String> genuine = gateway.notification(OrderIds.orderId(pay), OrderIds.txnTime(pay), 1, "01");
        Map<String, String> forged = forgery.forge().apply(genuine);
        double refused = count("paysaga.channel.notifications.refused", forgery.reason());

        Response answer = Api.notifyUnionPay(forged);

        answer.then().statusCode(400);
        assertEquals("fail", answer.asString());
        assertEquals("PENDING", db.transaction(pay).getString("status"));
        assertEquals(0, db.events(pay).size());
        assertEquals(refused + 1, count("paysaga.channel.notifications.refused", forgery.reason()));
        assertNoSecretLogged(forged.get("signature"), genuine.get("signature"), certificateBody(forged.get("signPubKeyCert")));

        // The genuine one still goes through afterwards: a refusal does not burn its key.
        Api.notifyUnionPay(genuine).then().statusCode(200);
        assertEquals("FAILED", db.transaction(pay).getString("status"));
    }

    @Test
    void aNotificationForAnUnknownPaymentIsRefused() {
        String unknown = Ids.next("pay");
        double refused = count("paysaga.channel.notifications.refused", "unknown_transaction");
        Api.notifyUnionPay(paidNotification(unknown, 100)).then().statusCode(400);
        assertNull(db.transaction(unknown));
        assertEquals(refused + 1, count("paysaga.channel.notifications.refused", "unknown_transaction"));
    }

    @Test
    void aBodyThatIsNotAFormIsRefused() {
        anonymous().contentType("application/x-www-form-urlencoded").body("signature=a&signature=b").post("/callbacks/unionpay")
                .then().statusCode(400);
    }

    private static String certificateBody(String pem) {
        return pem == null ? null : pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private void assertNoSecretLogged(String... secrets) {
        assertFalse(logs.lines().isEmpty(), "the refusal was logged (and is checked below)");
        for (String line : logs.lines()) {
            for (String secret : secrets) {
                if (secret != null && secret.length() > 16) {
                    assertFalse(line.contains(secret.substring(0, 16)), "a signature or certificate reached the log: " + line);
                }
            }
        }
    }

    private double count(String name, String reason) {
        var search = metrics.find(name).tag("channel", "unionpay");
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> copy = new TreeMap<>(form);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> form, String name) {
        Map<String, String> copy = new TreeMap<>(form);
        copy.remove(name);
        return copy;
    }
}
