package dev.paysaga.channel.unionpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AcpMessagesTest {
    @Test
    void answersKeepRawValuesWithPemTextAndNestedBraces() {
        String pem = "-----BEGIN CERTIFICATE-----\r\nMIIB+g==\r\n-----END CERTIFICATE-----";
        Map<String, String> fields = AcpMessages.parseAnswer(
                "respCode=00&reqReserved={a=1&b=[x&y]}&signPubKeyCert=" + pem + "&respMsg=成功[0000000]&empty=");
        assertEquals("00", fields.get("respCode"));
        assertEquals("{a=1&b=[x&y]}", fields.get("reqReserved"));
        assertEquals(pem, fields.get("signPubKeyCert"));
        assertEquals("成功[0000000]", fields.get("respMsg"));
        assertEquals("", fields.get("empty"));
        assertEquals(5, fields.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "=1", "a=1&a=2", "a=1&&b=2", "novalue", "a={open"})
    void whatIsNoAnswerIsRefused(String text) {
        assertNull(AcpMessages.parseAnswer(text));
    }

    @Test
    void requestsAreUrlEncoded() {
        assertEquals("backUrl=http%3A%2F%2Fh%2Fcb%3Fa%3D1%26b%3D2&signature=a%2Bb%2F%3D",
                AcpMessages.formBody(new java.util.LinkedHashMap<>(Map.of("backUrl", "http://h/cb?a=1&b=2")) {
                    {
                        put("signature", "a+b/=");
                    }
                }));
    }
}
