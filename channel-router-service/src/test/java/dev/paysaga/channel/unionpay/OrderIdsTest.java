package dev.paysaga.channel.unionpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.runtime.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderIdsTest {
    @Test
    void aPaymentIdBecomesA29CharacterAlphanumericOrderIdAndBack() {
        String paymentId = Ids.next("pay");
        String orderId = OrderIds.orderId(paymentId);
        assertTrue(orderId.matches("[0-9A-Za-z]{8,40}"), orderId);
        assertEquals(29, orderId.length());
        assertEquals(paymentId, OrderIds.paymentId(orderId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ord01KB6Z8Y3M0000000000000000", "pay", "pay01KB6Z8Y3M00000000000000001", "20261201000001"})
    void otherOrderIdsAreNoPayment(String orderId) {
        assertNull(OrderIds.paymentId(orderId));
    }

    @Test
    void aRefundIdNamesItsOwnOrderAndTxnTimeEveryTime() {
        Instant before = Instant.now().minusMillis(1);
        String refundId = Ids.next("re");
        String orderId = OrderIds.refundOrderId(refundId);
        assertTrue(orderId.matches("re[0-9A-Za-z]{26}"), orderId);
        assertEquals(orderId, OrderIds.refundOrderId(refundId));
        String txnTime = OrderIds.txnTimeOf(refundId);
        assertEquals(txnTime, OrderIds.txnTimeOf(refundId), "a retry later names the same txnTime");
        assertTrue(txnTime.compareTo(OrderIds.format(before)) >= 0 && txnTime.compareTo(OrderIds.format(Instant.now())) <= 0,
                txnTime);
        assertThrows(IllegalArgumentException.class, () -> OrderIds.refundOrderId(Ids.next("pay")));
    }

    @Test
    void onlyPaymentIdsMap() {
        assertThrows(IllegalArgumentException.class, () -> OrderIds.orderId("ord_01KB6Z8Y3M0000000000000000"));
    }

    @Test
    void txnTimeIsThePaymentIdsCreationInBeijingTime() {
        Instant before = Instant.now().minusMillis(1);
        String paymentId = Ids.next("pay");
        Instant created = OrderIds.createdAt(paymentId);
        assertTrue(!created.isBefore(before) && created.isBefore(Instant.now().plus(Duration.ofSeconds(1))), created.toString());
        assertEquals(OrderIds.format(created), OrderIds.txnTime(paymentId));
        // 2026-12-01T09:00:00Z is 17:00:00 in Beijing (UTC+8, no daylight saving).
        assertEquals("20261201170000", OrderIds.format(Instant.parse("2026-12-01T09:00:00Z")));
    }
}
