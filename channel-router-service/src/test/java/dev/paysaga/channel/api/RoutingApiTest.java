package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.asService;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.alipay.AlipayChannel;
import dev.paysaga.channel.domain.ChannelBreakers;
import dev.paysaga.channel.domain.ChannelRouter;
import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.domain.ChannelUnreachableException;
import dev.paysaga.channel.domain.PaymentChannel;
import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.FakeAlipayGateway;
import dev.paysaga.channel.testing.FakeWechatPayGateway;
import dev.paysaga.runtime.ids.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Routed payments ({@code method: auto}) through the real service, PostgreSQL and the protocol-faithful
 * fake gateways: the default table, failover when Alipay cannot be reached or its breaker is open, and
 * no failover when Alipay's answer is unknown. Every attempt is recorded and returned.
 */
@QuarkusTest
@QuarkusTestResource(ChannelGatewaysResource.class)
class RoutingApiTest {
    @Inject
    Pool pool;
    @Inject
    ChannelBreakers breakers;
    @Inject
    MeterRegistry metrics;
    @Inject
    AlipayChannel alipayChannel;
    @Inject
    ChannelRouter router;
    Db db;
    FakeAlipayGateway alipay;
    FakeWechatPayGateway wechatpay;
    boolean alipayDown;

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        alipay = ChannelGatewaysResource.alipay();
        wechatpay = ChannelGatewaysResource.wechatpay();
    }

    @AfterEach
    void restore() throws IOException {
        if (alipayDown) {
            alipay.up();
        }
        breakers.reset("alipay");
        breakers.reset("wechatpay");
    }

    @ParameterizedTest(name = "CNY {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # terminal | channel   | rule       | qr code
            mobile     | wechatpay | cny-mobile | weixin://
            web        | alipay    | cny        | https://qr.alipay.com/
            pos        | alipay    | cny        | https://qr.alipay.com/
            """)
    void routedCnyPaymentsFollowTheDefaultTable(String terminal, String channel, String rule, String qr) {
        String pay = Ids.next("pay");

        Api.createRouted(pay, "mer_demo", 3000, "CNY", terminal).then().statusCode(201)
                .body("channel", equalTo(channel))
                .body("next_action.qr_code", startsWith(qr))
                .body("reason", startsWith("method auto in CNY/" + terminal + ": rule " + rule))
                .body("attempts", hasSize(1))
                .body("attempts[0].channel", equalTo(channel))
                .body("attempts[0].outcome", equalTo("created"));

        assertEquals(channel, db.transaction(pay).getString("channel"));
        asService().get(Api.TRANSACTIONS + "/" + pay).then().statusCode(200).body("attempts", hasSize(1));
    }

    @Test
    void aRoutedNonCnyPaymentGoesToStripeAndOneNoEligibleChannelTakesIsRefusedAndStoresNothing() {
        String pay = Ids.next("pay");
        Api.createRouted(pay, "mer_demo", 3000, "USD", "web").then().statusCode(201)
                .body("channel", equalTo("stripe")).body("next_action.type", equalTo("client_secret"));

        String refused = Ids.next("pay");
        // The only non-CNY channel is not enabled for this merchant.
        Api.createRouted(refused, "mer_wechat_only", 3000, "USD", "web").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request")).body("param", equalTo("method"))
                .body("detail", containsString("stripe (not enabled for the merchant)"));
        assertNull(db.transaction(refused));
    }

    @Test
    void theMerchantsConfigurationLimitsItsChannels() {
        String pay = Ids.next("pay");

        Api.createRouted(pay, "mer_wechat_only", 3000, "CNY", "web").then().statusCode(201)
                .body("channel", equalTo("wechatpay"))
                .body("reason", containsString("alipay (not enabled for the merchant)"));
    }

    @Test
    void aMerchantsWeightsDecideTheTraffic() {
        for (int i = 0; i < 3; i++) {
            Api.createRouted(Ids.next("pay"), "mer_weighted", 100, "CNY", "web").then().statusCode(201)
                    .body("channel", equalTo("wechatpay"))
                    .body("reason", containsString("strategy weighted alipay=0, wechatpay=1"));
        }
    }

    @Test
    void aMerchantOnSuccessRateIsRoutedAwayFromAFailingChannel() {
        String pay = Ids.next("pay");
        // What 200 failed creates record (more than the other tests' Alipay successes in this window).
        for (int i = 0; i < 200; i++) {
            router.health().record("alipay", false, 2_000);
        }

        Api.createRouted(pay, "mer_success_rate", 100, "CNY", "web").then().statusCode(201)
                .body("channel", equalTo("wechatpay"))
                .body("reason", containsString("strategy success_rate alipay 0."))
                .body("reason", containsString("healthy (>= best-0.05): [wechatpay]"));
        Api.createRouted(Ids.next("pay"), "mer_demo", 100, "CNY", "web").then().statusCode(201)
                .body("channel", equalTo("alipay")); // the platform default (priority) ignores health
    }

    @Test
    void withAlipayUnreachableARoutedWebPaymentFailsOverToWechatPay() {
        String pay = Ids.next("pay");
        double unreachableBefore = routed("alipay", "unreachable");
        double createdBefore = routed("wechatpay", "created");
        takeAlipayDown();

        JsonPath answer = Api.createRouted(pay, "mer_qr", 4200, "CNY", "web").then().statusCode(201)
                .body("channel", equalTo("wechatpay"))
                .body("next_action.qr_code", startsWith("weixin://"))
                .extract().jsonPath();

        assertEquals(List.of("alipay", "wechatpay"), answer.getList("attempts.channel"));
        assertEquals(List.of("unreachable", "created"), answer.getList("attempts.outcome"));
        assertTrue(answer.getString("attempts[0].reason").endsWith("choice 1 of 2: alipay"));
        assertTrue(answer.getString("attempts[1].reason").endsWith("choice 2 of 2: wechatpay; after alipay unreachable"));
        assertEquals(1, wechatpay.calls(pay).size());
        List<Row> rows = attempts(pay);
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).getString("detail").contains("could not connect"), rows.get(0).getString("detail"));
        assertEquals(unreachableBefore + 1, routed("alipay", "unreachable"));
        assertEquals(createdBefore + 1, routed("wechatpay", "created"));

        // The close goes where the payment is.
        asService().post(Api.TRANSACTIONS + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"))
                .body("attempts", hasSize(2));
    }

    @Test
    void withAlipaysBreakerOpenARoutedPaymentGoesToWechatPayWithoutCallingAlipay() {
        tripBreaker("alipay");
        String pay = Ids.next("pay");

        JsonPath answer = Api.createRouted(pay, "mer_demo", 4300, "CNY", "web").then().statusCode(201)
                .body("channel", equalTo("wechatpay")).extract().jsonPath();

        assertEquals(List.of("alipay", "wechatpay"), answer.getList("attempts.channel"));
        assertEquals(List.of("circuit_open", "created"), answer.getList("attempts.outcome"));
        assertEquals(0, alipay.calls(pay, "alipay.trade.precreate").size());
    }

    @Test
    void anExplicitMethodGoesThroughTheBreakerToo() {
        tripBreaker("alipay");
        String pay = Ids.next("pay");

        Api.createAlipay(pay, 100).then().statusCode(503).body("code", equalTo("channel_unavailable"));

        assertEquals(0, alipay.calls(pay, "alipay.trade.precreate").size());
        assertEquals(List.of("CIRCUIT_OPEN"), attempts(pay).stream().map(r -> r.getString("outcome")).toList());
        assertEquals(0, wechatpay.calls(pay).size());
    }

    @Test
    void aPaymentNoChannelEverReceivedClosesWithoutCallingAnyChannel() {
        tripBreaker("wechatpay");
        takeAlipayDown();
        String pay = Ids.next("pay");

        Api.createRouted(pay, "mer_qr", 100, "CNY", "web").then().statusCode(503)
                .body("code", equalTo("channel_unavailable"));
        asService().get(Api.TRANSACTIONS + "/" + pay).then().statusCode(200).body("status", equalTo("pending"))
                .body("attempts.outcome", equalTo(List.of("unreachable", "circuit_open")));

        asService().post(Api.TRANSACTIONS + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"));

        assertEquals(0, wechatpay.calls(pay).size());
        assertEquals("CLOSED", db.transaction(pay).getString("status"));
        assertEquals(0, db.events(pay).size());
        Api.createRouted(pay, "mer_qr", 100, "CNY", "web").then().statusCode(200).body("status", equalTo("closed"));
        assertEquals(2, attempts(pay).size(), "a closed payment is never opened again");
    }

    @Test
    void anUnknownOutcomeAtAlipayNeverFailsOverAndTheRetryAsksAlipayAgain() throws IOException {
        String pay = Ids.next("pay");
        alipay.mode(pay, FakeAlipayGateway.Mode.HTTP_500);

        Api.createRouted(pay, "mer_demo", 4400, "CNY", "web").then().statusCode(503)
                .body("code", equalTo("channel_unavailable"));
        assertEquals(0, wechatpay.calls(pay).size(), "Alipay may hold the payment: no second channel");

        takeAlipayDown();
        Api.createRouted(pay, "mer_demo", 4400, "CNY", "web").then().statusCode(503);
        assertEquals(0, wechatpay.calls(pay).size(), "even unreachable now, Alipay may hold it from before");

        alipay.up();
        alipayDown = false;
        alipay.mode(pay, FakeAlipayGateway.Mode.NORMAL);
        JsonPath answer = Api.createRouted(pay, "mer_demo", 4400, "CNY", "web").then().statusCode(200)
                .body("channel", equalTo("alipay")).body("next_action.type", equalTo("qr_code"))
                .extract().jsonPath();

        assertEquals(List.of("unknown", "unreachable", "created"), answer.getList("attempts.outcome"));
        assertEquals(List.of("alipay", "alipay", "alipay"), answer.getList("attempts.channel"));
        assertTrue(answer.getString("attempts[1].reason").startsWith("retry at alipay: attempt 1 ended unknown"));
        assertEquals(0, wechatpay.calls(pay).size());
    }

    @Test
    void aNotificationFromAChannelThatDoesNotHoldThePaymentIsRefused() {
        String pay = Ids.next("pay");
        Api.createAlipay(pay, 500).then().statusCode(201);

        Api.notifyWechatPay(wechatpay.notification(pay, "SUCCESS", 500)).then().statusCode(400)
                .body("message", equalTo("unknown_transaction"));

        assertEquals("PENDING", db.transaction(pay).getString("status"));
        assertEquals(0, db.events(pay).size());
    }

    /**
     * Alipay's gateway stops listening. Connections the client had pooled may still be picked before the
     * client sees them closed, and a request on one fails "closed" (rightly an unknown outcome); once a
     * call has been refused at connect, the pool holds none, and none can be made while it is down.
     */
    private void takeAlipayDown() {
        alipay.down();
        alipayDown = true;
        await().atMost(Duration.ofSeconds(10)).until(this::alipayRefusesConnections);
    }

    private boolean alipayRefusesConnections() {
        try {
            alipayChannel.query(new PaymentChannel.ChannelPayment(Ids.next("pay"), "mer_demo", 1, "CNY", "web"))
                    .await().atMost(Duration.ofSeconds(5));
            return false;
        } catch (ChannelUnreachableException refused) {
            return true;
        } catch (ChannelUnavailableException stale) {
            return false;
        }
    }

    /** {@code paysaga_channel_routed_total} for the default table's {@code cny} rule and the platform strategy. */
    private double routed(String channel, String outcome) {
        Counter counter = metrics.find("paysaga.channel.routed").tags("channel", channel, "rule", "cny",
                "strategy", "priority", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Half of the last 20 calls failed: the breaker opens (the production settings). */
    private void tripBreaker(String channel) {
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            breakers.create(channel, () -> Uni.createFrom().<PaymentChannel.CreateResult>failure(
                            new ChannelUnreachableException("test: " + channel + " down")))
                    .onFailure().recoverWithItem(e -> {
                        failures.add(e);
                        return null;
                    }).await().indefinitely();
        }
        assertEquals(20, failures.size());
        assertEquals(CircuitBreakerState.OPEN, breakers.state(channel));
    }

    private List<Row> attempts(String paymentId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select * from channel_attempt where payment_id = $1 order by attempt")
                .execute(Tuple.of(paymentId)).await().indefinitely().forEach(rows::add);
        return rows;
    }
}
