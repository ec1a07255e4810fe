package dev.paysaga.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysTest {
    @Test
    void generatedKeysParseWithTheirKindModeAndLastFour() {
        String secret = ApiKeys.generate(ApiKeys.Kind.SECRET, "test");
        String restricted = ApiKeys.generate(ApiKeys.Kind.RESTRICTED, "live");

        assertTrue(secret.startsWith("sk_test_"));
        assertEquals(new ApiKeys.Parsed(ApiKeys.Kind.SECRET, "test", secret.substring(secret.length() - 4)),
                ApiKeys.parse(secret).orElseThrow());
        assertEquals(new ApiKeys.Parsed(ApiKeys.Kind.RESTRICTED, "live", restricted.substring(restricted.length() - 4)),
                ApiKeys.parse(restricted).orElseThrow());
    }

    @Test
    void everyKeyIsNew() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(keys.add(ApiKeys.generate(ApiKeys.Kind.SECRET, "test")));
        }
    }

    @Test
    void aSingleChangedCharacterBreaksTheChecksum() {
        String key = ApiKeys.generate(ApiKeys.Kind.SECRET, "test");
        for (int i = 8; i < key.length(); i++) {
            char c = key.charAt(i);
            String changed = key.substring(0, i) + (c == 'a' ? 'b' : 'a') + key.substring(i + 1);
            assertFalse(ApiKeys.parse(changed).isPresent(), "position " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "sk_test_", "pk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKWU",
            "sk_prod_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKWU", "sk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKW",
            "sk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOK-U", "sk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKWU " })
    void malformedKeysAreRefusedBeforeAnyLookUp(String key) {
        assertFalse(ApiKeys.parse(key).isPresent());
    }

    @Test
    void theStoredHashIsTheSha256AndTheMaskShowsOnlyPrefixAndLastFour() {
        String key = "sk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKWU";
        assertEquals("b5ab198f66861b6c66fe9b6f37f7874dd8e8d335531ac1c9ead196836c33f768", ApiKeys.hash(key));
        assertNotEquals(ApiKeys.hash(key), ApiKeys.hash(key.replace('l', 'm')));
        assertEquals("sk_test_…OKWU", ApiKeys.masked(key));
    }
}
