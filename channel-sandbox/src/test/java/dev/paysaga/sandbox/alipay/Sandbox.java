package dev.paysaga.sandbox.alipay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Scripting the sandbox and making trades in a given state, through its own APIs only. */
final class Sandbox {
    static final String PRECREATE = "alipay.trade.precreate";
    static final String QUERY = "alipay.trade.query";
    static final String CLOSE = "alipay.trade.close";
    static final String REFUND = "alipay.trade.refund";

    private Sandbox() {
    }

    static void behave(String behaviourJson) {
        given().contentType(ContentType.JSON).body(behaviourJson).put("/admin/channels/alipay").then().statusCode(200);
    }

    static void normal() {
        behave("{}");
    }

    static String newOutTradeNo() {
        return "ord_" + UUID.randomUUID().toString().replace("-", "");
    }

    static String precreateBiz(String outTradeNo, String amount) {
        return "{\"out_trade_no\":\"" + outTradeNo + "\",\"total_amount\":\"" + amount + "\",\"subject\":\"2 × latte\"}";
    }

    static String tradeBiz(String outTradeNo) {
        return "{\"out_trade_no\":\"" + outTradeNo + "\"}";
    }

    static String status(Merchant merchant, String outTradeNo) {
        return merchant.call(QUERY, tradeBiz(outTradeNo)).getString("trade_status");
    }

    /** A 30.00 trade in one of: unknown, waiting, paid, declined, closed (by the merchant). */
    static String tradeIn(Merchant merchant, String state) {
        String outTradeNo = newOutTradeNo();
        switch (state) {
            case "unknown" -> {
                return outTradeNo;
            }
            case "waiting", "closed" -> behave("{\"silent\":true}");
            case "paid" -> normal();
            case "declined" -> behave("{\"decline_rate\":1}");
            default -> throw new IllegalArgumentException(state);
        }
        merchant.call(PRECREATE, precreateBiz(outTradeNo, "30.00"), Map.of());
        normal();
        switch (state) {
            case "paid" -> await().atMost(Duration.ofSeconds(10)).until(() -> status(merchant, outTradeNo).equals("TRADE_SUCCESS"));
            case "declined" -> await().atMost(Duration.ofSeconds(10)).until(() -> status(merchant, outTradeNo).equals("TRADE_CLOSED"));
            case "closed" -> merchant.call(CLOSE, tradeBiz(outTradeNo));
            default -> {
            }
        }
        return outTradeNo;
    }
}
