package dev.paysaga.channel.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlipayResponsesTest {
    private static final String NODE = "alipay_trade_precreate_response";

    /** Alipay's documented precreate response, as pretty-printed on its page: the value's text, whitespace and all. */
    @Test
    void cutsTheExactTextOfAlipaysDocumentedPrecreateResponse() {
        String inner = """
                {
                    "code": "10000",
                    "msg": "处理成功",
                    "out_trade_no": "6823789339978248",
                    "qr_code": "https://qr.alipay.com/bavh4wjlxf12tper3a"
                  }""";
        String body = "{\n  \"" + NODE + "\": " + inner + ",\n  \"sign\": \"jfAz0Yi0OUvAPqYTzA0DLysx0ri++yf7o/lkHOHaG1Z=\"\n}";

        assertEquals(Optional.of(inner), AlipayResponses.topLevelValue(body, NODE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            sign first                          | {"sign":"abc","alipay_trade_precreate_response":{"code":"10000"}}                            | {"code":"10000"}
            escaped slashes kept as sent        | {"alipay_trade_precreate_response":{"qr_code":"https:\\/\\/qr.alipay.com\\/x"},"sign":"s"}  | {"qr_code":"https:\\/\\/qr.alipay.com\\/x"}
            braces and quotes inside strings    | {"alipay_trade_precreate_response":{"msg":"a } \\" { ] ["},"sign":"s"}                       | {"msg":"a } \\" { ] ["}
            nested objects and arrays           | {"alipay_trade_precreate_response":{"a":{"b":[1,{"c":null}]},"d":true},"sign":"s"}         | {"a":{"b":[1,{"c":null}]},"d":true}
            name inside another value ignored   | {"other":"\\"alipay_trade_precreate_response\\":{}","alipay_trade_precreate_response":{"x":1}} | {"x":1}
            nested member of that name ignored  | {"wrap":{"alipay_trade_precreate_response":{"x":2}},"alipay_trade_precreate_response":{"x":1}} | {"x":1}
            cert sn after the node              | {"alipay_trade_precreate_response":{"x":1},"alipay_cert_sn":"abc","sign":"s"}               | {"x":1}
            """)
    void cutsTheValueOfTheTopLevelMemberOnly(String name, String body, String expected) {
        assertEquals(Optional.of(expected), AlipayResponses.topLevelValue(body, NODE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            absent                | {"error_response":{"code":"40002"},"sign":"s"}
            not an object         | [1,2]
            empty object          | {}
            truncated             | {"alipay_trade_precreate_response":{"code":"10000"
            html error page       | <html>502 Bad Gateway</html>
            empty                 | ``
            """)
    void answersNothingWhenThereIsNoSuchMember(String name, String body) {
        assertTrue(AlipayResponses.topLevelValue(body, NODE).isEmpty());
    }

    @Test
    void theNodeNameFollowsTheMethod() {
        assertEquals("alipay_trade_query_response", AlipayResponses.nodeName("alipay.trade.query"));
    }
}
