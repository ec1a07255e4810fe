package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.asService;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.alipay.AlipayChannel;
import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.ChannelUnavailableException;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alipay refunds and trade bills against the real channel-sandbox over HTTP (RSA2 both ways, keys made by
 * GenerateChannelKeys): a paid trade refunded in parts, a repeated refund request moving nothing,
 * the refund query, and a refund above what remains declined by Alipay; the day's bill downloaded and read.
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
        asService().post(Api.TRANSACTIONS + "/" + pay + "/capture").then().statusCode(200)
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

    @Test
    void theTradeBillListsTheDaysPaymentAndRefund() {
        String pay = Ids.next("pay");
        Api.createAlipay(pay, 3_000).then().statusCode(201);
        Db db = new Db(pool);
        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        ChannelRefund refund = new ChannelRefund(pay, Ids.next("re"), 1_250, 3_000, "CNY");
        assertInstanceOf(ChannelRefund.Refunded.class, outcome(alipay.refund(refund)));

        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        List<ChannelStatement.Line> ours = statement(today).lines().stream()
                .filter(line -> line.paymentId().equals(pay)).toList();
        String tradeNo = db.transaction(pay).getString("channel_trade_no");
        assertEquals(2, ours.size(), ours.toString());
        assertEquals(ChannelStatement.Kind.PAYMENT, ours.get(0).kind());
        assertEquals(3_000, ours.get(0).amountMinor());
        assertEquals(tradeNo, ours.get(0).channelTradeNo());
        assertNull(ours.get(0).refundId());
        assertEquals(ChannelStatement.Kind.REFUND, ours.get(1).kind());
        assertEquals(refund.refundId(), ours.get(1).refundId());
        assertEquals(1_250, ours.get(1).amountMinor(), "the file's -12.50 is a refund of 12.50");
        assertEquals(tradeNo, ours.get(1).channelTradeNo());
        assertEquals("CNY", ours.get(1).currency());
        assertEquals(today, ours.get(1).at().atZone(ZoneOffset.ofHours(8)).toLocalDate());

        ChannelStatement longAgo = statement(today.minusYears(10));
        assertTrue(longAgo.lines().isEmpty(), "isp.bill_not_exist: a day without a bill is an empty statement");
        assertEquals(today.minusYears(10), longAgo.day());
    }

    @Test
    void aBillDownloadUrlOnAnotherHostIsNeverFetched() {
        String pay = Ids.next("pay");
        Api.createAlipay(pay, 1_000).then().statusCode(201);
        Db db = new Db(pool);
        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        // The same sandbox under another name: reachable, so fetching it would have succeeded.
        String elsewhere = SandboxProcess.url().replace("127.0.0.1", "localhost");
        given().contentType(ContentType.JSON).body("{\"download_base_url\":\"" + elsewhere + "\"}")
                .put(SandboxProcess.url() + "/admin/channels/alipay/bills").then().statusCode(204);
        try {
            LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
            Throwable refused = assertThrows(ChannelUnavailableException.class,
                    () -> alipay.statement(today).await().atMost(Duration.ofSeconds(20)));
            assertTrue(refused.getMessage().contains("not on the configured bill host"), refused.getMessage());
        } finally {
            given().contentType(ContentType.JSON).body("{}").put(SandboxProcess.url() + "/admin/channels/alipay/bills")
                    .then().statusCode(204);
        }
    }

    private ChannelStatement statement(LocalDate day) {
        return alipay.statement(day).await().atMost(Duration.ofSeconds(20));
    }

    private static ChannelRefund.Outcome outcome(io.smallrye.mutiny.Uni<ChannelRefund.Outcome> call) {
        return call.await().atMost(Duration.ofSeconds(20));
    }

    private static String refundedAtAlipay(String pay) {
        return given().get(SandboxProcess.url() + "/admin/channels/alipay/trades/" + pay).then().statusCode(200)
                .extract().path("refunded_amount");
    }
}
