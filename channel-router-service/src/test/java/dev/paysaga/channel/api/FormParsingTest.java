package dev.paysaga.channel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParsingTest {
    @Test
    void decodesUtf8AndPlusAsSpace() {
        assertEquals(Map.of("subject", "支付 1", "a", "x=y", "empty", ""),
                CallbackResource.parseForm("subject=%E6%94%AF%E4%BB%98+1&a=x%3Dy&empty="));
    }

    @Test
    void aNameTwiceOrBadEscapesIsNotAForm() {
        assertNull(CallbackResource.parseForm("sign=a&sign=b"));
        assertNull(CallbackResource.parseForm("a=%ZZ"));
    }
}
