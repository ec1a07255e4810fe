package dev.paysaga.channel.domain;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.paysaga.channel.testing.ChannelGatewaysResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-channel breaker (SmallRye Fault Tolerance, running in Quarkus) with small settings: a
 * rolling window of 4 calls, open at half of them failed, half-open after 300 ms, closed after 2
 * successful trials. Breakers here have their own names, so the service's breakers are untouched.
 */
@QuarkusTest
@QuarkusTestResource(ChannelGatewaysResource.class)
class ChannelBreakersTest {
    static final Duration DELAY = Duration.ofMillis(300);

    // Its own registry: the service's gauges for alipay and wechatpay stay the service's breakers'.
    final MeterRegistry metrics = new SimpleMeterRegistry();
    ChannelBreakers breakers;
    final AtomicInteger calls = new AtomicInteger();

    @Inject
    MeterRegistry serviceMetrics;
    @Inject
    Instance<PaymentChannel> channels;

    @BeforeEach
    void setUp() {
        breakers = new ChannelBreakers("breaker-test-" + UUID.randomUUID() + "-",
                new ChannelBreakers.Settings(4, 0.5, DELAY, 2), metrics);
    }

    enum Answer { CREATED, DECLINED, UNREACHABLE, UNKNOWN }

    /** Calls the channel's create through its breaker; answers the call's result or failure. */
    Object call(String channel, Answer answer) {
        return breakers.create(channel, () -> {
            calls.incrementAndGet();
            return switch (answer) {
                case CREATED -> Uni.createFrom().item(new PaymentChannel.Created(Map.of("type", "qr_code")));
                case DECLINED -> Uni.createFrom().item(new PaymentChannel.Declined("ACQ.ACCESS_FORBIDDEN", "no"));
                case UNREACHABLE -> Uni.createFrom().failure(new ChannelUnreachableException("refused"));
                case UNKNOWN -> Uni.createFrom().failure(new ChannelUnavailableException("timed out"));
            };
        }).map(Object.class::cast).onFailure().recoverWithItem(e -> e).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void theServicePublishesEveryChannelsStateFromStartup() {
        channels.forEach(channel -> assertNotNull(serviceMetrics.find(ChannelBreakers.STATE_GAUGE)
                .tag("channel", channel.name()).gauge(), channel.name()));
    }

    @Test
    void opensAfterTheConfiguredFailuresHalfOpensAfterTheDelayAndClosesOnSuccess() {
        Object[][] steps = {
                // answer of the channel, state after the call
                {Answer.CREATED, CircuitBreakerState.CLOSED},
                {Answer.UNREACHABLE, CircuitBreakerState.CLOSED},
                {Answer.CREATED, CircuitBreakerState.CLOSED},
                {Answer.UNKNOWN, CircuitBreakerState.OPEN}, // 2 of the last 4 failed
        };
        for (Object[] step : steps) {
            call("alipay", (Answer) step[0]);
            assertEquals(step[1], breakers.state("alipay"), "after " + step[0]);
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.state("wechatpay"), "one breaker per channel");
        assertEquals(2, gauge("alipay"), "paysaga_channel_circuit_state: 2 = open");

        int before = calls.get();
        assertInstanceOf(CircuitBreakerOpenException.class, call("alipay", Answer.CREATED));
        assertEquals(before, calls.get(), "an open breaker does not call the channel");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> breakers.state("alipay") == CircuitBreakerState.HALF_OPEN);
        call("alipay", Answer.CREATED);
        assertEquals(CircuitBreakerState.HALF_OPEN, breakers.state("alipay"), "one trial is not enough");
        assertEquals(1, gauge("alipay"), "1 = half-open");
        call("alipay", Answer.CREATED);
        assertEquals(CircuitBreakerState.CLOSED, breakers.state("alipay"));
        assertEquals(0, gauge("alipay"));
        assertInstanceOf(PaymentChannel.Created.class, call("alipay", Answer.CREATED));
    }

    private double gauge(String channel) {
        return metrics.get(ChannelBreakers.STATE_GAUGE).tag("channel", channel).gauge().value();
    }

    @Test
    void aFailedTrialOpensItAgain() {
        for (int i = 0; i < 4; i++) {
            call("wechatpay", Answer.UNREACHABLE);
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.state("wechatpay"));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> breakers.state("wechatpay") == CircuitBreakerState.HALF_OPEN);

        call("wechatpay", Answer.UNKNOWN);

        assertEquals(CircuitBreakerState.OPEN, breakers.state("wechatpay"));
    }

    @Test
    void declinesAreAnswersNotFailures() {
        for (int i = 0; i < 8; i++) {
            assertInstanceOf(PaymentChannel.Declined.class, call("alipay", Answer.DECLINED));
        }

        assertEquals(CircuitBreakerState.CLOSED, breakers.state("alipay"));
    }
}
