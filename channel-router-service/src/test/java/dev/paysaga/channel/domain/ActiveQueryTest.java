package dev.paysaga.channel.domain;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.FakeAlipayGateway;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep resolves payments whose notification never came (tests run with a 0.3 s first query and 1 s cap). */
@QuarkusTest
class ActiveQueryTest {
    @Inject
    Pool pool;
    Db db;
    FakeAlipayGateway gateway;

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        db.putOffEarlierPendingQueries();
        gateway = ChannelGatewaysResource.alipay();
    }

    private String pendingPayment(long amount) {
        String pay = Ids.next("pay");
        Api.createAlipay(pay, amount).then().statusCode(201);
        return pay;
    }

    @Test
    void aPaidTradeWhoseNotificationWasLostSucceedsThroughTheQuery() {
        String pay = pendingPayment(3000);
        gateway.scan(pay);
        gateway.pay(pay);

        await().atMost(Duration.ofSeconds(20)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));

        var events = db.events(pay);
        assertEquals(1, events.size());
        assertEquals("channel.transaction.succeeded", events.get(0).getString("type"));
        assertEquals(gateway.tradeNo(pay), events.get(0).getJsonObject("payload").getString("channel_transaction_id"));
        int queries = gateway.calls(pay, "alipay.trade.query").size();
        assertTrue(gateway.calls(pay, "alipay.trade.query").stream().allMatch(FakeAlipayGateway.Call::signatureValid));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> gateway.calls(pay, "alipay.trade.query").size() == queries);
    }

    @Test
    void aTradeAlipayClosedFailsThroughTheQuery() {
        String pay = pendingPayment(100);
        gateway.scan(pay);
        gateway.closeByAlipay(pay);

        await().atMost(Duration.ofSeconds(20)).until(() -> db.transaction(pay).getString("status").equals("FAILED"));

        var events = db.events(pay);
        assertEquals(1, events.size());
        assertEquals("channel.transaction.failed", events.get(0).getString("type"));
        assertEquals("channel_declined", events.get(0).getJsonObject("payload").getString("failure_code"));
    }

    @Test
    void anUnpaidTradeIsQueriedAgainLaterAndStaysPending() {
        String pay = pendingPayment(100);

        await().atMost(Duration.ofSeconds(20)).until(() -> db.transaction(pay).getInteger("query_attempts") >= 3);

        var tx = db.transaction(pay);
        assertEquals("PENDING", tx.getString("status"));
        assertTrue(tx.getOffsetDateTime("next_query_at").isAfter(OffsetDateTime.now().minusSeconds(5)));
        assertEquals(0, db.events(pay).size());
        gateway.scan(pay);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.transaction(pay).getInteger("query_attempts") >= 4);
        assertEquals("PENDING", db.transaction(pay).getString("status"), "WAIT_BUYER_PAY: query later");
        gateway.pay(pay);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
    }

    @Test
    void aNotificationAndTheQueryRacingStillAnnounceOnce() {
        String pay = pendingPayment(700);
        gateway.scan(pay);
        gateway.pay(pay);

        Api.notify(gateway.notification(pay, "TRADE_SUCCESS", "7.00")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> db.transaction(pay).getInteger("query_attempts") >= 1
                || db.transaction(pay).getString("status").equals("SUCCEEDED"));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> db.events(pay).size() == 1);
    }

    @Test
    void aTransactionPendingPastTheGiveUpTimeIsClosedAtItsChannelAndNoLongerQueried() {
        String pay = pendingPayment(400);
        gateway.scan(pay);
        // As if it had waited for three hours (give-up-after is 2 h): no saga ever closed it.
        pool.preparedQuery("update channel_transaction set created_at = now() - interval '3 hours' where payment_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(pay)).await().indefinitely();

        await().atMost(Duration.ofSeconds(20)).until(() -> db.transaction(pay).getString("status").equals("CLOSED"));
        assertEquals(1, gateway.calls(pay, "alipay.trade.close").size(), "closed at Alipay, once");
        assertEquals(0, db.events(pay).size(), "a close we made announces nothing");
        int queries = gateway.calls(pay, "alipay.trade.query").size();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> gateway.calls(pay, "alipay.trade.query").size() == queries);
    }
}
