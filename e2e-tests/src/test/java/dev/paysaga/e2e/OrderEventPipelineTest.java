package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One event through the pipeline: HTTP → order-service (state + outbox) → Kafka → notification-service (inbox). */
class OrderEventPipelineTest {
    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @Test
    void aPlacedOrderReachesTheMerchantEventLogOnceWithItsTraceContext() {
        String traceId = java.util.UUID.randomUUID().toString().replace("-", "");
        String orderId = Orders.place(Orders.stockedSku(5), "00-" + traceId + "-00f067aa0ba902b7-01");

        await().atMost(Duration.ofSeconds(20)).until(() -> Orders.eventsAbout(orderId).size() == 1);
        List<Map<String, Object>> events = Orders.eventsAbout(orderId);
        assertEquals("order.created", events.get(0).get("type"));
        assertEquals(traceId, events.get(0).get("trace_id"), "trace context lost between HTTP, outbox and Kafka");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) events.get(0).get("data");
        assertEquals(1200, data.get("amount"));
        assertEquals("mer_e2e", events.get(0).get("merchant_id"));
    }
}
