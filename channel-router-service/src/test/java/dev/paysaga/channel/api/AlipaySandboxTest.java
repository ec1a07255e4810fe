package dev.paysaga.channel.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.paysaga.channel.alipay.AlipayChannel;
import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.SandboxProcess;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alipay refunds against the real channel-sandbox over HTTP (RSA2 both ways, keys made by
 * GenerateChannelKeys): a paid trade refunded in parts, a repeated refund request moving nothing,
 * the refund query, and a refund above what remains declined by Alipay.
 */
@QuarkusTest
@TestProfile(SandboxProcess.Profile.class)
class AlipaySandboxTest {
    @Inject
    Pool pool;
    @Inject
    AlipayChannel alipay;

    @BeforeEach
    void customerPays() {
        given().contentType(ContentType.JSON).body("{}").put(SandboxProcess.url() + "/admin/channels/alipay")
                .then().statusCode(200);
    }

    @Test
    void aPaidTradeIsRefundedInPartsOnceEachAndNeverPastItsTotal() {
        String pay = Ids.next("pay");
        Api.createAlipay(pay, 3_000).then().statusCode(201);
        Db db = new Db(pool);
        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));

        // The saga's Confirm: Alipay took the money when the customer paid, so there is nothing to capture.
        given().post(Api.TRANSACTIONS + "/" + pay + "/capture").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("captured"));

        ChannelRefund first = new ChannelRefund(pay, Ids.next("re"), 1_000, 3_000, "CNY");
        ChannelRefund.Refunded refunded = assertInstanceOf(ChannelRefund.Refunded.class, outcome(alipay.refund(first)));
        assertEquals(1_000L, refunded.refundedTotalMinor());
        assertEquals(db.transaction(pay).getString("channel_trade_no"), refunded.channelReference());

        // The same request again (a retry after a lost answer): Alipay moves nothing, the query confirms it.
        assertInstanceOf(ChannelRefund.Refunded.class, outcome(alipay.refund(first)));
        assertEquals("10.00", refundedAtAlipay(pay));
        assertInstanceOf(ChannelRefund.Refunded.class, outcome(alipay.queryRefund(first)));
        assertInstanceOf(ChannelRefund.NotFound.class,
                outcome(alipay.queryRefund(new ChannelRefund(pay, Ids.next("re"), 1_000, 3_000, "CNY"))));

        ChannelRefund tooMuch = new ChannelRefund(pay, Ids.next("re"), 2_001, 3_000, "CNY");
        ChannelRefund.Declined declined = assertInstanceOf(ChannelRefund.Declined.class, outcome(alipay.refund(tooMuch)));
        assertEquals("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", declined.channelCode());
        assertEquals("10.00", refundedAtAlipay(pay), "a declined refund moves nothing");

        ChannelRefund rest = new ChannelRefund(pay, Ids.next("re"), 2_000, 3_000, "CNY");
        assertEquals(3_000L, assertInstanceOf(ChannelRefund.Refunded.class, outcome(alipay.refund(rest))).refundedTotalMinor());
        assertEquals("30.00", refundedAtAlipay(pay));
    }

    private static ChannelRefund.Outcome outcome(io.smallrye.mutiny.Uni<ChannelRefund.Outcome> call) {
        return call.await().atMost(Duration.ofSeconds(20));
    }

    private static String refundedAtAlipay(String pay) {
        return given().get(SandboxProcess.url() + "/admin/channels/alipay/trades/" + pay).then().statusCode(200)
                .extract().path("refunded_amount");
    }
}
