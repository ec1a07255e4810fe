package dev.paysaga.sandbox.statements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.paysaga.sandbox.alipay.ChannelKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin API of statement scripts and paid-after-close: what it stores and answers, and what it refuses. */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class StatementScriptApiTest {
    static final String DAY = "2005-06-0" + (1 + new java.util.Random().nextInt(9));

    @Test
    void aScriptIsStoredAnsweredShownAndRemoved() {
        String payment = TestIds.payment();
        String refund = TestIds.refund();
        given().get("/admin/statements/wechatpay/" + DAY).then().statusCode(404);
        given().contentType(ContentType.JSON).body("""
                {"drop": ["%s", "%s"], "amounts": {"%s": 1234}, "duplicate": ["%s"],
                 "refunds": [{"payment_id": "%s", "amount": 300}], "extra": [{"payment_id": "%s", "amount": 900}]}
                """.formatted(payment, refund, refund, payment, payment, payment))
                .put("/admin/statements/wechatpay/" + DAY).then().statusCode(200)
                .body("drop", equalTo(List.of(payment, refund)))
                .body("amounts." + refund, equalTo(1234))
                .body("duplicate", equalTo(List.of(payment)))
                .body("refunds[0].payment_id", equalTo(payment))
                .body("refunds[0].amount", equalTo(300))
                .body("refunds[0].refund_id", startsWith("re_sandbox_"))
                .body("refunds[0].channel_refund_id", startsWith("5030"))
                .body("extra[0].currency", equalTo("CNY"))
                .body("extra[0].channel_trade_no", startsWith("4200"))
                .body("added_at", equalTo(DAY + "T15:59:59Z"));
        given().get("/admin/statements/wechatpay/" + DAY).then().statusCode(200).body("duplicate", equalTo(List.of(payment)));
        given().contentType(ContentType.JSON).body("{}").put("/admin/statements/wechatpay/" + DAY).then().statusCode(200)
                .body("drop", equalTo(List.of())).body("extra", equalTo(List.of()));
        given().delete("/admin/statements/wechatpay/" + DAY).then().statusCode(204);
        given().get("/admin/statements/wechatpay/" + DAY).then().statusCode(404);
        given().delete("/admin/statements/wechatpay/" + DAY).then().statusCode(204);
    }

    @Test
    void aDayToComeHasItsAddedLinesAtItsFirstSecondInTheChannelsZone() {
        LocalDate future = LocalDate.now().plusYears(1);
        given().contentType(ContentType.JSON).body("{}").put("/admin/statements/alipay/" + future).then().statusCode(200)
                .body("added_at", equalTo(future.minusDays(1) + "T16:00:00Z"));
        given().contentType(ContentType.JSON).body("{}").put("/admin/statements/stripe/" + future).then().statusCode(200)
                .body("added_at", equalTo(future + "T00:00:00Z"));
        given().delete("/admin/statements/alipay/" + future).then().statusCode(204);
        given().delete("/admin/statements/stripe/" + future).then().statusCode(204);
    }

    @Test
    void anUnknownChannelIsNotFound() {
        given().contentType(ContentType.JSON).body("{}").put("/admin/statements/paypal/" + DAY).then().statusCode(404);
        given().get("/admin/statements/paypal/" + DAY).then().statusCode(404);
        given().delete("/admin/statements/paypal/" + DAY).then().statusCode(404);
        given().post("/admin/channels/paypal/payments/" + TestIds.payment() + "/paid-after-close").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2005-13-01", "2005-02-30", "20050601", "2005-6-1", "yesterday"})
    void aMalformedDayIsRefused(String day) {
        given().contentType(ContentType.JSON).body("{}").put("/admin/statements/alipay/" + day).then().statusCode(400);
        given().get("/admin/statements/alipay/" + day).then().statusCode(400);
        given().delete("/admin/statements/alipay/" + day).then().statusCode(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "not json", "[]", "null",
        "{\"dorp\": []}",
        "{\"drop\": \"pay_0A\"}",
        "{\"drop\": [\"ord_0A\"]}",
        "{\"amounts\": {\"pay_0A\": 0}}",
        "{\"amounts\": {\"pay_0A\": 12.5}}",
        "{\"amounts\": {\"pay_0A\": \"12\"}}",
        "{\"amounts\": {\"pay_0A\": null}}",
        "{\"duplicate\": [\"re_0A\"]}",
        "{\"refunds\": [{\"payment_id\": \"pay_0A\"}]}",
        "{\"refunds\": [{\"payment_id\": \"re_0A\", \"amount\": 1}]}",
        "{\"extra\": [{\"payment_id\": \"pay_0A\", \"amount\": 1, \"currency\": \"USD\"}]}",
        "{\"extra\": [{\"payment_id\": \"pay_0A\", \"amount\": 1, \"currency\": \"yuan\"}]}",
        "{\"extra\": [{\"payment_id\": \"pay_0A\", \"amount\": 1}, {\"payment_id\": \"pay_0A\", \"amount\": 2}]}"})
    void aMalformedScriptIsRefusedAndNothingIsStored(String body) {
        given().contentType(ContentType.JSON).body(body).put("/admin/statements/alipay/" + DAY).then().statusCode(400);
        given().get("/admin/statements/alipay/" + DAY).then().statusCode(404);
    }

    @Test
    void aStripeExtraTradeMayBeInAnyCurrencyStripeTakes() {
        given().contentType(ContentType.JSON).body("{\"extra\": [{\"payment_id\": \"pay_0A\", \"amount\": 1, \"currency\": \"usd\"}]}")
                .put("/admin/statements/stripe/" + DAY).then().statusCode(200).body("extra[0].currency", equalTo("USD"));
        given().contentType(ContentType.JSON).body("{\"extra\": [{\"payment_id\": \"pay_0A\", \"amount\": 1, \"currency\": \"XYZ\"}]}")
                .put("/admin/statements/stripe/" + DAY).then().statusCode(400);
        given().delete("/admin/statements/stripe/" + DAY).then().statusCode(204);
    }
}
