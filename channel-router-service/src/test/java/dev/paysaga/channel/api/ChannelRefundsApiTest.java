package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.asService;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.SandboxProcess;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refund saga's side of the router, against the real channel-sandbox: a paid payment refunded at its
 * channel once however often it is asked, never past what it took; a refund the channel finishes later
 * settled by the refund query; each outcome published once; a pending refund abandoned only when the
 * channel does not have it.
 */
@QuarkusTest
@TestProfile(SandboxProcess.Profile.class)
class ChannelRefundsApiTest {
    @Inject
    Pool pool;
    Db db;

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        db.putOffEarlierPendingQueries();
        for (String channel : List.of("alipay", "wechatpay")) {
            given().contentType(ContentType.JSON).body("{}").put(SandboxProcess.url() + "/admin/channels/" + channel)
                    .then().statusCode(200);
        }
    }

    private static String refunds(String pay) {
        return Api.TRANSACTIONS + "/" + pay + "/refunds";
    }

    private static Response refund(String pay, String refundId, long amount) {
        return asService().contentType(ContentType.JSON)
                .body("{\"refund_id\":\"%s\",\"amount\":%d,\"currency\":\"CNY\",\"reason\":\"returned\"}"
                        .formatted(refundId, amount))
                .post(refunds(pay));
    }

    private void awaitPaid(String pay) {
        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
    }

    private List<String> eventTypes(String pay) {
        return db.events(pay).stream().map(row -> row.getString("type")).toList();
    }

    private static String refundedAtAlipay(String pay) {
        return given().get(SandboxProcess.url() + "/admin/channels/alipay/trades/" + pay).then().statusCode(200)
                .extract().path("refunded_amount");
    }

    @Test
    void anAlipayPaymentIsRefundedOnceAndNeverPastWhatItTook() {
        String pay = Ids.next("pay");
        Api.createAlipay(pay, 3000).then().statusCode(201);
        awaitPaid(pay);
        String first = Ids.next("re");

        refund(pay, first, 1000).then().statusCode(201).body("status", equalTo("succeeded"))
                .body("channel", equalTo("alipay")).body("amount", equalTo(1000));
        // The saga's retried Try: the same refund, not a second one.
        refund(pay, first, 1000).then().statusCode(200).body("status", equalTo("succeeded"));
        assertEquals("10.00", refundedAtAlipay(pay));

        refund(pay, first, 1500).then().statusCode(422).body("code", equalTo("idempotency_key_reused"));
        refund(pay, Ids.next("re"), 2001).then().statusCode(422).body("code", equalTo("refund_exceeds_remaining"));
        refund(pay, Ids.next("re"), 2000).then().statusCode(201).body("status", equalTo("succeeded"));
        assertEquals("30.00", refundedAtAlipay(pay));
        refund(pay, Ids.next("re"), 1).then().statusCode(422).body("code", equalTo("refund_exceeds_remaining"));

        asService().get(refunds(pay) + "/" + first).then().statusCode(200).body("status", equalTo("succeeded"));
        assertEquals(List.of("channel.transaction.succeeded", "channel.refund.succeeded", "channel.refund.succeeded"),
                eventTypes(pay));
    }

    @Test
    void aWechatPayRefundTheChannelFinishesLaterIsSettledByTheRefundQuery() {
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 2500).then().statusCode(201);
        awaitPaid(pay);
        String re = Ids.next("re");

        refund(pay, re, 2500).then().statusCode(201).body("status", equalTo("pending"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "succeeded".equals(
                asService().get(refunds(pay) + "/" + re).then().statusCode(200).extract().path("status")));
        assertEquals(List.of("channel.transaction.succeeded", "channel.refund.succeeded"), eventTypes(pay));
        Row event = db.events(pay).get(1);
        assertEquals(re, event.getJsonObject("payload").getString("refund_id"));
        assertEquals(2500L, event.getJsonObject("payload").getLong("amount"));
    }

    @Test
    void aPendingRefundIsAbandonedOnlyWhenTheChannelDoesNotHaveIt() {
        String pay = Ids.next("pay");
        Api.createAlipay(pay, 3000).then().statusCode(201);
        awaitPaid(pay);
        String refunded = Ids.next("re");
        refund(pay, refunded, 1000).then().statusCode(201).body("status", equalTo("succeeded"));
        // A refund whose request never reached Alipay (the router stopped before the call).
        String lost = Ids.next("re");
        pool.preparedQuery("""
                insert into channel_refund (refund_id, payment_id, channel, amount, currency, status, next_query_at,
                    created_at, updated_at) values ($1, $2, 'alipay', 500, 'CNY', 'PENDING', now() + interval '1 day', now(), now())""")
                .execute(Tuple.of(lost, pay)).await().indefinitely();

        asService().post(refunds(pay) + "/" + lost + "/abandon").then().statusCode(200)
                .body("status", equalTo("failed")).body("failure_code", equalTo("abandoned"));
        asService().post(refunds(pay) + "/" + lost + "/abandon").then().statusCode(200).body("status", equalTo("failed"));
        asService().post(refunds(pay) + "/" + refunded + "/abandon").then().statusCode(409)
                .body("code", equalTo("refund_not_abandonable"));
        asService().post(refunds(pay) + "/" + Ids.next("re") + "/abandon").then().statusCode(404);

        assertEquals("10.00", refundedAtAlipay(pay), "abandoning moved nothing");
        assertEquals(List.of("channel.transaction.succeeded", "channel.refund.succeeded", "channel.refund.failed"),
                eventTypes(pay));
        // What an abandoned refund held is free again.
        refund(pay, Ids.next("re"), 2000).then().statusCode(201).body("status", equalTo("succeeded"));
    }

    @Test
    void onlyAPaidPaymentCanBeRefundedAndBadInputChangesNothing() {
        refund(Ids.next("pay"), Ids.next("re"), 100).then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"silent\":true}").put(SandboxProcess.url() + "/admin/channels/alipay")
                .then().statusCode(200);
        String unpaid = Ids.next("pay");
        Api.createAlipay(unpaid, 3000).then().statusCode(201);
        refund(unpaid, Ids.next("re"), 100).then().statusCode(409).body("code", equalTo("invalid_state_transition"));
        given().contentType(ContentType.JSON).body("{}").put(SandboxProcess.url() + "/admin/channels/alipay")
                .then().statusCode(200);

        String pay = Ids.next("pay");
        Api.createAlipay(pay, 3000).then().statusCode(201);
        awaitPaid(pay);
        asService().contentType(ContentType.JSON).body("{\"refund_id\":\"nope\",\"amount\":100,\"currency\":\"CNY\"}")
                .post(refunds(pay)).then().statusCode(400).body("param", equalTo("refund_id"));
        asService().contentType(ContentType.JSON).body("{\"refund_id\":\"%s\",\"amount\":0,\"currency\":\"CNY\"}"
                        .formatted(Ids.next("re")))
                .post(refunds(pay)).then().statusCode(400).body("param", equalTo("amount"));
        asService().contentType(ContentType.JSON).body("{\"refund_id\":\"%s\",\"amount\":100,\"currency\":\"USD\"}"
                        .formatted(Ids.next("re")))
                .post(refunds(pay)).then().statusCode(400).body("param", equalTo("currency"));
        assertEquals(0L, pool.preparedQuery("select count(*) from channel_refund where payment_id = $1")
                .execute(Tuple.of(pay)).await().indefinitely().iterator().next().getLong(0));
        assertEquals("0.00", refundedAtAlipay(pay));
    }
}
