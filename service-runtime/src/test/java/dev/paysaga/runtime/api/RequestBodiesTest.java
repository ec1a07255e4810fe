package dev.paysaga.runtime.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One strict reading of requests in every service: each bad input a 400 naming its field, never a 500. */
@QuarkusTest
class RequestBodiesTest {

    @Test
    void aWellFormedBodyIsRead() {
        service().contentType("application/json").body("""
                {"amount":100,"currency":"CNY","metadata":{"k":"v"}}""")
                .post("/internal/v1/probe/bodies").then().statusCode(200)
                .body("amount", equalTo(100)).body("metadata.k", equalTo("v"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a misspelt field                  | {"amount":100,"currency":"CNY","currencyy":"CNY"}   | currencyy
            an unknown field in an object     | {"amount":100,"currency":"CNY","extra":{"a":1}}     | extra
            a key given twice                 | {"amount":1,"currency":"CNY","amount":1}           | amount
            a number for a text field         | {"amount":100,"currency":978}                      | currency
            a boolean for a text field        | {"amount":100,"currency":true}                     | currency
            a number for a metadata value     | {"amount":100,"currency":"CNY","metadata":{"k":1}} | metadata.k
            a null metadata value             | {"amount":100,"currency":"CNY","metadata":{"k":null}} | metadata.k
            """)
    void aBodyBeyondTheApiIsRefusedNamingTheField(String name, String body, String param) {
        service().contentType("application/json").body(body).post("/internal/v1/probe/bodies").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid_request"))
                .body("param", equalTo(param));
    }

    /** docs/api.md: whatever check finds it, an amount that is no positive integer is amount_invalid. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a text for an amount              | {"amount":"100","currency":"CNY"}
            a fraction for whole minor units  | {"amount":15.99,"currency":"CNY"}
            an amount past a long             | {"amount":9223372036854775808,"currency":"CNY"}
            """)
    void anAmountThatIsNoWholeNumberIsAmountInvalid(String name, String body) {
        service().contentType("application/json").body(body).post("/internal/v1/probe/bodies").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("amount_invalid"))
                .body("param", equalTo("amount"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL in a text field               | {"amount":100,"currency":"CN\\u0000Y"}
            NUL in a metadata key             | {"amount":100,"currency":"CNY","metadata":{"\\u0000":"v"}}
            JSON after the body               | {"amount":100,"currency":"CNY"} {"amount":1}
            not JSON                          | {"amount":
            """)
    void anUnreadableBodyIsRefused(String name, String body) {
        String answer = service().contentType("application/json").body(body).post("/internal/v1/probe/bodies").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_request"))
                .extract().asString();
        assertFalse(answer.contains("CN"), "the input is not echoed: " + answer);
    }

    /** The gateway lets request lines of up to 8 KB through: the service reads them rather than answer a bare 414. */
    @Test
    void aLongUrlTheGatewayLetsThroughReachesTheApplication() {
        String id = "ord_" + "a".repeat(7_000);
        service().get("/internal/v1/probe/bodies/" + id).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void anEscapedBackslashBeforeU0000IsText() {
        service().contentType("application/json").body("""
                {"amount":100,"currency":"CNY","metadata":{"path":"C:\\\\u0000"}}""")
                .post("/internal/v1/probe/bodies").then().statusCode(200).body("metadata.path", equalTo("C:\\u0000"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL in a path id                  | /internal/v1/probe/bodies/ord_%00x
            a newline in a path id            | /internal/v1/probe/bodies/ord_%0Ax
            NUL in a query                    | /internal/v1/probe/bodies/ord_1?starting_after=ord_%00
            DEL in a query                    | /internal/v1/probe/bodies/ord_1?starting_after=%7f
            """)
    void aControlCharacterInTheUrlIsRefused(String name, String url) {
        service().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .defaultContentCharset(StandardCharsets.UTF_8)))
                .urlEncodingEnabled(false).get(url).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request")).body("param", nullValue());
    }

    @Test
    void anOrdinaryUrlIsServed() {
        service().urlEncodingEnabled(false).get("/internal/v1/probe/bodies/ord_1?starting_after=ord_%2B0").then()
                .statusCode(200).body("id", equalTo("ord_1")).body("starting_after", not(nullValue()));
    }

    @Test
    void nulDetectionCountsBackslashes() {
        assertTrue(NulRefusal.escapesNul(bytes("\"a\\u0000\"")));
        assertTrue(NulRefusal.escapesNul(bytes("\"\\\\\\u0000\"")));
        assertFalse(NulRefusal.escapesNul(bytes("\"\\\\u0000\"")));
        assertFalse(NulRefusal.escapesNul(bytes("\"u0000\\u0001\"")));
    }

    private static io.restassured.specification.RequestSpecification service() {
        return Api.as(TestCredentials.SERVICE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
