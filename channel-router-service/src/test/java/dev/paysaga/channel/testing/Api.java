package dev.paysaga.channel.testing;

import static dev.paysaga.runtime.testing.Api.anonymous;
import static dev.paysaga.runtime.testing.Api.asService;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;

/**
 * The service's endpoints as the tests call them: the internal API as a PaySaga service (the service
 * credential), the channels' callbacks without any credential, as the channels post them.
 */
public final class Api {
    public static final String TRANSACTIONS = "/internal/v1/channel_transactions";

    private Api() {
    }

    public static Response createAlipay(String paymentId, long amount) {
        return asService().contentType(ContentType.JSON).body("""
                {"payment_id":"%s","merchant_id":"mer_demo","amount":%d,"currency":"CNY","method":"alipay","terminal":"web"}"""
                .formatted(paymentId, amount)).post(TRANSACTIONS);
    }

    public static Response createWechatPay(String paymentId, long amount) {
        return asService().contentType(ContentType.JSON).body("""
                {"payment_id":"%s","merchant_id":"mer_demo","amount":%d,"currency":"CNY","method":"wechatpay","terminal":"mobile"}"""
                .formatted(paymentId, amount)).post(TRANSACTIONS);
    }

    public static Response createStripe(String paymentId, long amount, String currency) {
        return asService().contentType(ContentType.JSON).body("""
                {"payment_id":"%s","merchant_id":"mer_demo","amount":%d,"currency":"%s","method":"stripe","terminal":"web"}"""
                .formatted(paymentId, amount, currency)).post(TRANSACTIONS);
    }

    /** A webhook as Stripe posts it: Stripe-Signature, JSON body. */
    public static Response notifyStripe(FakeStripeGateway.Delivery delivery) {
        return anonymous().headers(delivery.headers()).contentType("application/json; charset=utf-8").body(delivery.body())
                .post("/callbacks/stripe");
    }

    /** A payment the router routes ({@code method: auto}). */
    public static Response createRouted(String paymentId, String merchantId, long amount, String currency,
            String terminal) {
        return asService().contentType(ContentType.JSON).body("""
                {"payment_id":"%s","merchant_id":"%s","amount":%d,"currency":"%s","method":"auto","terminal":"%s"}"""
                .formatted(paymentId, merchantId, amount, currency, terminal)).post(TRANSACTIONS);
    }

    public static Response createUnionPay(String paymentId, long amount) {
        return asService().contentType(ContentType.JSON).body("""
                {"payment_id":"%s","merchant_id":"mer_demo","amount":%d,"currency":"CNY","method":"unionpay","terminal":"mobile"}"""
                .formatted(paymentId, amount)).post(TRANSACTIONS);
    }

    /** A back notification as UnionPay posts it: UTF-8 form. */
    public static Response notifyUnionPay(Map<String, String> form) {
        return anonymous().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(FakeAlipayGateway.formBody(form)).post("/callbacks/unionpay");
    }

    /** A notification as WeChat Pay posts it: signed headers, JSON body. */
    public static Response notifyWechatPay(FakeWechatPayGateway.Delivery delivery) {
        return anonymous().headers(delivery.headers()).contentType("application/json; charset=utf-8").body(delivery.body())
                .post("/callbacks/wechatpay");
    }

    /** A notification as Alipay posts it: UTF-8 form. */
    public static Response notify(Map<String, String> form) {
        return anonymous().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body(FakeAlipayGateway.formBody(form)).post("/callbacks/alipay");
    }
}
