package dev.paysaga.sandbox.alipay;

import static dev.paysaga.sandbox.alipay.Sandbox.CLOSE;
import static dev.paysaga.sandbox.alipay.Sandbox.PRECREATE;
import static dev.paysaga.sandbox.alipay.Sandbox.QUERY;
import static dev.paysaga.sandbox.alipay.Sandbox.REFUND;
import static dev.paysaga.sandbox.alipay.Sandbox.precreateBiz;
import static dev.paysaga.sandbox.alipay.Sandbox.tradeBiz;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class AlipayGatewayTest {
    Merchant merchant;

    @BeforeEach
    void setUp() {
        merchant = new Merchant();
        Sandbox.normal();
    }

    @AfterEach
    void tearDown() {
        Sandbox.normal();
    }

    @Test
    void signedPrecreateIsAnsweredWithASignedQrCodeAndIsIdempotent() {
        String outTradeNo = Sandbox.newOutTradeNo();
        Sandbox.behave("{\"silent\":true}");
        String body = Merchant.post(merchant.signed(PRECREATE, precreateBiz(outTradeNo, "30.00"), Map.of()));
        JsonPath first = merchant.verifiedResponse(body, PRECREATE); // the sign covers the exact object text
        assertEquals("10000", first.getString("code"));
        assertEquals("Success", first.getString("msg"));
        assertEquals(outTradeNo, first.getString("out_trade_no"));
        assertTrue(first.getString("qr_code").startsWith("https://qr.alipay.com/"), first.prettify());

        JsonPath again = merchant.call(PRECREATE, precreateBiz(outTradeNo, "30.00"));
        assertEquals("10000", again.getString("code"));
        assertEquals(first.getString("qr_code"), again.getString("qr_code"));

        JsonPath otherAmount = merchant.call(PRECREATE, precreateBiz(outTradeNo, "31.00"));
        assertEquals("40004", otherAmount.getString("code"));
        assertEquals("ACQ.CONTEXT_INCONSISTENT", otherAmount.getString("sub_code"));

        JsonPath query = merchant.call(QUERY, tradeBiz(outTradeNo));
        assertEquals("WAIT_BUYER_PAY", query.getString("trade_status"));
        assertEquals("30.00", query.getString("total_amount"));
        assertEquals(28, query.getString("trade_no").length());
    }

    @Test
    void commonParametersInTheQueryStringAndBizContentInTheBodyAsAlipaysSdkSendsThem() {
        String outTradeNo = Sandbox.newOutTradeNo();
        Map<String, String> params = merchant.signed(PRECREATE, precreateBiz(outTradeNo, "12.34"), Map.of());
        Map<String, String> body = Map.of("biz_content", params.remove("biz_content"));
        String answer = given().urlEncodingEnabled(false) // the query string is already form-encoded
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body(Merchant.form(body))
                .post("/alipay/gateway.do?" + Merchant.form(params))
                .then().statusCode(200).extract().asString();
        assertEquals("10000", merchant.verifiedResponse(answer, PRECREATE).getString("code"));
    }

    /** Rejected before any business: code, sub_code, no sign, and no trade created. */
    @ParameterizedTest(name = "{0} -> {2} {3}")
    @CsvSource({
            "tampered biz_content, alipay_trade_precreate_response, 40002, isv.invalid-signature",
            "sign by another key,          alipay_trade_precreate_response, 40002, isv.invalid-signature",
            "sign not base64,              alipay_trade_precreate_response, 40002, isv.invalid-signature",
            "sign missing,                 alipay_trade_precreate_response, 40001, isv.missing-signature",
            "sign_type excluded from sign, alipay_trade_precreate_response, 40002, isv.invalid-signature",
            "other app_id,                 alipay_trade_precreate_response, 40002, isv.invalid-app-id",
            "app_id missing,               alipay_trade_precreate_response, 40001, isv.missing-app-id",
            "sign_type RSA,                alipay_trade_precreate_response, 40002, isv.invalid-signature-type",
            "charset gbk,                  alipay_trade_precreate_response, 40002, isv.invalid-charset",
            "timestamp not Alipay's,       alipay_trade_precreate_response, 40002, isv.invalid-timestamp",
            "timestamp missing,            alipay_trade_precreate_response, 40001, isv.missing-timestamp",
            "unknown method,               error_response,     40002, isv.invalid-method",
            "method missing,               error_response,     40001, isv.missing-method"})
    void rejectedRequestsChangeNothing(String mutation, String responseKey, String code, String subCode) {
        String outTradeNo = Sandbox.newOutTradeNo();
        Map<String, String> params = mutate(mutation, merchant.signed(PRECREATE, precreateBiz(outTradeNo, "30.00"), Map.of()));
        String body = Merchant.post(params);
        JsonPath answer = new JsonPath(body);
        assertEquals(code, answer.getString(responseKey + ".code"), body);
        assertEquals(subCode, answer.getString(responseKey + ".sub_code"), body);
        assertNull(answer.get("sign"), "a gateway rejection is not signed: " + body);
        given().get("/admin/channels/alipay/trades/" + outTradeNo).then().statusCode(404);
    }

    private Map<String, String> mutate(String mutation, Map<String, String> signed) {
        Map<String, String> params = new LinkedHashMap<>(signed);
        UnaryOperator<Map<String, String>> resign = merchant::resign;
        return switch (mutation) {
            case "tampered biz_content" -> {
                params.put("biz_content", params.get("biz_content").replace("30.00", "0.01"));
                yield params;
            }
            case "sign by another key" -> {
                params.put("sign", signByStranger(Merchant.canonical(params, "sign")));
                yield params;
            }
            case "sign not base64" -> {
                params.put("sign", "%%%not-base64%%%");
                yield params;
            }
            case "sign missing" -> {
                params.remove("sign");
                yield params;
            }
            case "sign_type excluded from sign" -> {
                Map<String, String> withoutType = new LinkedHashMap<>(params);
                withoutType.remove("sign_type");
                params.put("sign", merchant.sign(Merchant.canonical(withoutType, "sign")));
                yield params;
            }
            case "other app_id" -> {
                params.put("app_id", "2021000000000002");
                yield resign.apply(params);
            }
            case "app_id missing" -> {
                params.remove("app_id");
                yield resign.apply(params);
            }
            case "sign_type RSA" -> {
                params.put("sign_type", "RSA");
                yield resign.apply(params);
            }
            case "charset gbk" -> {
                params.put("charset", "GBK");
                yield resign.apply(params);
            }
            case "timestamp not Alipay's" -> {
                params.put("timestamp", "2026-11-23T10:00:00Z");
                yield resign.apply(params);
            }
            case "timestamp missing" -> {
                params.remove("timestamp");
                yield resign.apply(params);
            }
            case "unknown method" -> {
                params.put("method", "alipay.trade.pay.everything");
                yield resign.apply(params);
            }
            case "method missing" -> {
                params.remove("method");
                yield resign.apply(params);
            }
            default -> throw new IllegalArgumentException(mutation);
        };
    }

    private static String signByStranger(String content) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(generator.generateKeyPair().getPrivate());
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Query, close and refund on a 30.00 trade in each state: the answer, then the trade as the sandbox holds it. */
    @ParameterizedTest(name = "{0} on {1} trade {2} -> {3} {4}, then {5} refunded {6}")
    @CsvSource({
            // operation, trade,    refund_amount, code,  sub_code,                        status after,   refunded after
            "query,       unknown,  ,              40004, ACQ.TRADE_NOT_EXIST,             ,               ",
            "query,       waiting,  ,              10000, ,                                WAIT_BUYER_PAY, 0.00",
            "query,       paid,     ,              10000, ,                                TRADE_SUCCESS,  0.00",
            "query,       declined, ,              10000, ,                                TRADE_CLOSED,   0.00",
            "query,       closed,   ,              10000, ,                                TRADE_CLOSED,   0.00",
            "close,       unknown,  ,              40004, ACQ.TRADE_NOT_EXIST,             ,               ",
            "close,       waiting,  ,              10000, ,                                TRADE_CLOSED,   0.00",
            "close,       paid,     ,              40004, ACQ.TRADE_STATUS_ERROR,          TRADE_SUCCESS,  0.00",
            "close,       declined, ,              40004, ACQ.TRADE_STATUS_ERROR,          TRADE_CLOSED,   0.00",
            "close,       closed,   ,              40004, ACQ.TRADE_STATUS_ERROR,          TRADE_CLOSED,   0.00",
            "refund,      unknown,  30.00,         40004, ACQ.TRADE_NOT_EXIST,             ,               ",
            "refund,      waiting,  30.00,         40004, ACQ.TRADE_STATUS_ERROR,          WAIT_BUYER_PAY, 0.00",
            "refund,      declined, 30.00,         40004, ACQ.TRADE_STATUS_ERROR,          TRADE_CLOSED,   0.00",
            "refund,      closed,   30.00,         40004, ACQ.TRADE_STATUS_ERROR,          TRADE_CLOSED,   0.00",
            "refund,      paid,     10.00,         10000, ,                                TRADE_SUCCESS,  10.00",
            "refund,      paid,     30.00,         10000, ,                                TRADE_CLOSED,   30.00",
            "refund,      paid,     30.01,         40004, ACQ.REFUND_AMT_NOT_EQUAL_TOTAL,  TRADE_SUCCESS,  0.00",
            "refund,      paid,     0.00,          40004, ACQ.INVALID_PARAMETER,           TRADE_SUCCESS,  0.00"})
    void tradeOperations(String operation, String trade, String refundAmount, String code, String subCode,
            String statusAfter, String refundedAfter) {
        String outTradeNo = Sandbox.tradeIn(merchant, trade);
        JsonPath answer = switch (operation) {
            case "query" -> merchant.call(QUERY, tradeBiz(outTradeNo));
            case "close" -> merchant.call(CLOSE, tradeBiz(outTradeNo));
            case "refund" -> merchant.call(REFUND, "{\"out_trade_no\":\"" + outTradeNo + "\",\"refund_amount\":\""
                    + refundAmount + "\",\"out_request_no\":\"re_1\"}");
            default -> throw new IllegalArgumentException(operation);
        };
        assertEquals(code, answer.getString("code"), answer.prettify());
        assertEquals(subCode, answer.getString("sub_code"), answer.prettify());
        if (statusAfter == null) {
            given().get("/admin/channels/alipay/trades/" + outTradeNo).then().statusCode(404);
            return;
        }
        JsonPath view = given().get("/admin/channels/alipay/trades/" + outTradeNo).then().statusCode(200).extract().jsonPath();
        assertEquals(statusAfter, view.getString("status"));
        assertEquals(refundedAfter, view.getString("refunded_amount"));
        assertEquals(trade.equals("closed") || operation.equals("close") && trade.equals("waiting"), view.getBoolean("closed_by_merchant"));
        if (operation.equals("query") && code.equals("10000")) {
            assertEquals(statusAfter, answer.getString("trade_status"));
            assertEquals("30.00", answer.getString("total_amount"));
            assertEquals(view.getString("trade_no"), answer.getString("trade_no"));
        }
        if (operation.equals("refund") && code.equals("10000")) {
            assertEquals("Y", answer.getString("fund_change"));
            assertEquals(refundedAfter, answer.getString("refund_fee"));
        }
    }

    @Test
    void refundsAreIdempotentPerOutRequestNoAndNeverExceedThePayment() {
        String outTradeNo = Sandbox.tradeIn(merchant, "paid");
        String[][] steps = {
                // out_request_no, refund_amount, code, sub_code, fund_change, refund_fee (total refunded)
                {"re_1", "10.00", "10000", null, "Y", "10.00"},
                {"re_1", "10.00", "10000", null, "N", "10.00"},
                {"re_1", "5.00", "40004", "ACQ.DISCORDANT_REPEAT_REQUEST", null, null},
                {"re_2", "20.01", "40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", null, null},
                {"re_2", "20.00", "10000", null, "Y", "30.00"},
                {"re_2", "20.00", "10000", null, "N", "30.00"},
                {"re_3", "0.01", "40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", null, null}};
        for (String[] step : steps) {
            JsonPath answer = merchant.call(REFUND, "{\"out_trade_no\":\"" + outTradeNo + "\",\"refund_amount\":\""
                    + step[1] + "\",\"out_request_no\":\"" + step[0] + "\"}");
            String row = String.join(" ", step) + " -> " + answer.prettify();
            assertEquals(step[2], answer.getString("code"), row);
            assertEquals(step[3], answer.getString("sub_code"), row);
            assertEquals(step[4], answer.getString("fund_change"), row);
            assertEquals(step[5], answer.getString("refund_fee"), row);
        }
        given().get("/admin/channels/alipay/trades/" + outTradeNo).then().statusCode(200)
                .body("refunded_amount", equalTo("30.00")).body("status", equalTo("TRADE_CLOSED"));

        JsonPath refunded = merchant.call("alipay.trade.fastpay.refund.query",
                "{\"out_trade_no\":\"" + outTradeNo + "\",\"out_request_no\":\"re_1\"}");
        assertEquals("REFUND_SUCCESS", refunded.getString("refund_status"));
        assertEquals("10.00", refunded.getString("refund_amount"));
        JsonPath never = merchant.call("alipay.trade.fastpay.refund.query",
                "{\"out_trade_no\":\"" + outTradeNo + "\",\"out_request_no\":\"re_3\"}");
        assertEquals("10000", never.getString("code"));
        assertNull(never.getString("refund_status"));
    }

    @Test
    void aFullRefundWithoutOutRequestNoMustBeTheWholeAmount() {
        String outTradeNo = Sandbox.tradeIn(merchant, "paid");
        JsonPath partial = merchant.call(REFUND, "{\"out_trade_no\":\"" + outTradeNo + "\",\"refund_amount\":\"10.00\"}");
        assertEquals("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", partial.getString("sub_code"));
        JsonPath full = merchant.call(REFUND, "{\"out_trade_no\":\"" + outTradeNo + "\",\"refund_amount\":\"30.00\"}");
        assertEquals("Y", full.getString("fund_change"));
        JsonPath again = merchant.call(REFUND, "{\"out_trade_no\":\"" + outTradeNo + "\",\"refund_amount\":\"30.00\"}");
        assertEquals("N", again.getString("fund_change"));
        assertEquals("30.00", again.getString("refund_fee"));
    }

    @Test
    void tradesAreFoundByTradeNoToo() {
        String outTradeNo = Sandbox.tradeIn(merchant, "waiting");
        String tradeNo = merchant.call(QUERY, tradeBiz(outTradeNo)).getString("trade_no");
        JsonPath byTradeNo = merchant.call(QUERY, "{\"trade_no\":\"" + tradeNo + "\"}");
        assertEquals(outTradeNo, byTradeNo.getString("out_trade_no"));
    }

    @ParameterizedTest(name = "precreate {0} -> ACQ.INVALID_PARAMETER")
    @CsvSource(delimiter = '|', value = {
            "{\"total_amount\":\"30.00\",\"subject\":\"s\"}",
            "{\"out_trade_no\":\"o_1\",\"total_amount\":\"30.001\",\"subject\":\"s\"}",
            "{\"out_trade_no\":\"o_1\",\"total_amount\":\"0\",\"subject\":\"s\"}",
            "{\"out_trade_no\":\"o_1\",\"total_amount\":\"30.00\"}",
            "not json"})
    void invalidBusinessParameters(String bizContent) {
        JsonPath answer = merchant.call(PRECREATE, bizContent);
        assertEquals("40004", answer.getString("code"));
        assertEquals("ACQ.INVALID_PARAMETER", answer.getString("sub_code"));
    }

    @Test
    void aNumericTotalAmountIsReadExactly() {
        String outTradeNo = Sandbox.newOutTradeNo();
        Sandbox.behave("{\"silent\":true}");
        merchant.call(PRECREATE, "{\"out_trade_no\":\"" + outTradeNo + "\",\"total_amount\":0.10,\"subject\":\"s\"}");
        assertEquals("0.10", merchant.call(QUERY, tradeBiz(outTradeNo)).getString("total_amount"));
    }

    @Test
    void failureRateAnswersSignedSystemErrorsAndChangesNothing() {
        String outTradeNo = Sandbox.newOutTradeNo();
        Sandbox.behave("{\"failure_rate\":1}");
        JsonPath answer = merchant.call(PRECREATE, precreateBiz(outTradeNo, "30.00"));
        assertEquals("20000", answer.getString("code"));
        assertEquals("Service Currently Unavailable", answer.getString("msg"));
        assertEquals("isp.unknow-error", answer.getString("sub_code"));
        given().get("/admin/channels/alipay/trades/" + outTradeNo).then().statusCode(404);
        Sandbox.normal();
        assertEquals("10000", merchant.call(PRECREATE, precreateBiz(outTradeNo, "30.00")).getString("code"));
    }

    @Test
    void nonAsciiSubjectsAreSignedAsUtf8() {
        String outTradeNo = Sandbox.newOutTradeNo();
        JsonPath answer = merchant.call(PRECREATE, "{\"out_trade_no\":\"" + outTradeNo
                + "\",\"total_amount\":\"8.80\",\"subject\":\"拿铁 ×2 — 早餐\"}");
        assertEquals("10000", answer.getString("code"));
        assertNotEquals("", answer.getString("qr_code"));
        assertFalse(answer.getString("qr_code").contains(" "));
    }
}
