package dev.paysaga.sandbox.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.sandbox.alipay.TradeStatus.Event;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol's pure rules: what is signed, amounts, the trade state table. No Quarkus. */
class AlipayProtocolTest {

    static Map<String, String> request() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("timestamp", "2026-11-23 10:00:00");
        params.put("method", "alipay.trade.query");
        params.put("app_id", "2021000000000001");
        params.put("sign_type", "RSA2");
        params.put("sign", "c2lnbg==");
        params.put("charset", "utf-8");
        params.put("version", "1.0");
        params.put("notify_url", "");
        params.put("biz_content", "{\"out_trade_no\":\"ord 1&2\"}");
        return params;
    }

    @Test
    void requestContentIsSortedNonEmptyParamsWithSignTypeWithoutSignValuesRaw() {
        assertEquals("app_id=2021000000000001&biz_content={\"out_trade_no\":\"ord 1&2\"}&charset=utf-8"
                + "&method=alipay.trade.query&sign_type=RSA2&timestamp=2026-11-23 10:00:00&version=1.0",
                AlipaySignatures.requestContent(request()));
    }

    @Test
    void notificationContentLeavesOutSignAndSignType() {
        assertEquals("app_id=2021000000000001&biz_content={\"out_trade_no\":\"ord 1&2\"}&charset=utf-8"
                + "&method=alipay.trade.query&timestamp=2026-11-23 10:00:00&version=1.0",
                AlipaySignatures.notificationContent(request()));
    }

    @Test
    void signaturesVerifyOnlyWithTheMatchingKeyAndContent() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair alipay = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();
        String sign = AlipaySignatures.sign("a=1&b=2", alipay.getPrivate());
        assertTrue(AlipaySignatures.verify("a=1&b=2", sign, alipay.getPublic()));
        assertFalse(AlipaySignatures.verify("a=1&b=3", sign, alipay.getPublic()));
        assertFalse(AlipaySignatures.verify("a=1&b=2", sign, other.getPublic()));
        assertFalse(AlipaySignatures.verify("a=1&b=2", "not base64!", alipay.getPublic()));
        assertFalse(AlipaySignatures.verify("a=1&b=2", "", alipay.getPublic()));
        assertFalse(AlipaySignatures.verify("a=1&b=2", null, alipay.getPublic()));
    }

    @ParameterizedTest(name = "{0} yuan = {1} cents")
    @CsvSource({"30.00, 3000", "30, 3000", "30.5, 3050", "0.01, 1", "100000000.00, 10000000000", "007.10, 710"})
    void amountsAreReadAsCents(String yuan, long cents) {
        assertEquals(cents, AlipayAmount.parseCents(yuan));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"0", "0.00", "-1.00", "30.001", "1e3", "30.", ".5", "abc", "100000000.01", " 30.00", "NaN"})
    void invalidAmountsAreRefused(String yuan) {
        assertThrows(IllegalArgumentException.class, () -> AlipayAmount.parseCents(yuan));
    }

    @Test
    void amountsAreWrittenWithTwoDecimals() {
        assertEquals("30.00", AlipayAmount.format(3000));
        assertEquals("0.01", AlipayAmount.format(1));
        assertEquals("0.00", AlipayAmount.format(0));
        assertThrows(IllegalArgumentException.class, () -> AlipayAmount.format(-1));
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "WAIT_BUYER_PAY, BUYER_PAYS,      TRADE_SUCCESS",
            "WAIT_BUYER_PAY, BUYER_DECLINES,  TRADE_CLOSED",
            "WAIT_BUYER_PAY, MERCHANT_CLOSES, TRADE_CLOSED",
            "WAIT_BUYER_PAY, FULLY_REFUNDED,  ",
            "TRADE_SUCCESS,  BUYER_PAYS,      ",
            "TRADE_SUCCESS,  BUYER_DECLINES,  ",
            "TRADE_SUCCESS,  MERCHANT_CLOSES, ",
            "TRADE_SUCCESS,  FULLY_REFUNDED,  TRADE_CLOSED",
            "TRADE_CLOSED,   BUYER_PAYS,      ",
            "TRADE_CLOSED,   BUYER_DECLINES,  ",
            "TRADE_CLOSED,   MERCHANT_CLOSES, ",
            "TRADE_CLOSED,   FULLY_REFUNDED,  "})
    void tradeTransitions(TradeStatus from, Event event, TradeStatus to) {
        assertEquals(to, from.on(event));
    }

    @Test
    void aRefusedTransitionChangesNothing() {
        Trade trade = new Trade("o1", "t1", 3000, "latte", null, "https://qr.alipay.com/x", "2026-11-23 10:00:00");
        assertEquals(TradeStatus.TRADE_CLOSED, trade.apply(Event.MERCHANT_CLOSES, "2026-11-23 10:01:00").status());
        assertNull(trade.apply(Event.BUYER_PAYS, "2026-11-23 10:02:00"));
        Trade.Snapshot after = trade.snapshot();
        assertEquals(TradeStatus.TRADE_CLOSED, after.status());
        assertNull(after.gmtPayment());
        assertTrue(after.closedByMerchant());
    }

    @Test
    void refundsNeverExceedThePayment() {
        Trade trade = new Trade("o2", "t2", 3000, "latte", null, "https://qr.alipay.com/x", "2026-11-23 10:00:00");
        assertEquals(Trade.RefundOutcome.NOT_PAID, trade.refund("r0", 100, "now"));
        trade.apply(Event.BUYER_PAYS, "now");
        assertEquals(Trade.RefundOutcome.REFUNDED, trade.refund("r1", 1000, "now"));
        assertEquals(Trade.RefundOutcome.REPEATED, trade.refund("r1", 1000, "now"));
        assertEquals(Trade.RefundOutcome.REQUEST_NO_REUSED, trade.refund("r1", 999, "now"));
        assertEquals(Trade.RefundOutcome.EXCEEDS_REMAINING, trade.refund("r2", 2001, "now"));
        assertEquals(Trade.RefundOutcome.REFUNDED, trade.refund("r2", 2000, "now"));
        assertEquals(Trade.RefundOutcome.EXCEEDS_REMAINING, trade.refund("r3", 1, "now"));
        assertEquals(3000, trade.snapshot().refundedCents());
        assertEquals(TradeStatus.TRADE_CLOSED, trade.snapshot().status());
    }
}
