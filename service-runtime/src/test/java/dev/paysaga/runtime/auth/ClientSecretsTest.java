package dev.paysaga.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.runtime.ids.Ids;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSecretsTest {
    private static final String ORDER = "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3";
    private static final String RANDOM = "x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu";

    @Test
    void aSecretIsItsObjectsIdThenSecretThen32Base62Characters() {
        String order = Ids.next("ord");

        String secret = ClientSecrets.generate(order);

        assertTrue(secret.matches(java.util.regex.Pattern.quote(order) + "_secret_[0-9A-Za-z]{32}"), secret);
        assertEquals(Optional.of(order), ClientSecrets.objectId(secret));
        assertTrue(ClientSecrets.isWellFormed(secret));
        assertEquals(Optional.of(ORDER), ClientSecrets.objectId(ORDER + "_secret_" + RANDOM));
    }

    @Test
    void everySecretIsNew() {
        String order = Ids.next("ord");
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(secrets.add(ClientSecrets.generate(order)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "ord_", "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3X", "sk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKWU" })
    void onlyWellFormedIdsGetASecret(String id) {
        assertThrows(IllegalArgumentException.class, () -> ClientSecrets.generate(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu",
            "ord__secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu",
            "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3_secret_",
            "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsT",
            "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTuv",
            "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRs-u",
            "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu ",
            "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3_Secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu",
            "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2E_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu",
            "ord_01JD3ZQ4V5X6Y7Z8A9B0C1D2EI_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu",
            "ord_91JD3ZQ4V5X6Y7Z8A9B0C1D2E3_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu",
            "ORD_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu",
            "toolongprefix_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3_secret_x8FqLw2ZpT0aBcDeFgHiJkLmNoPqRsTu",
            "sk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKWU",
            "opk_64241d3d80217084d778cdc2266d8c23304958530c7b96760092945b30f288c6" })
    void anythingElseHasNoClientSecretsShape(String token) {
        assertFalse(ClientSecrets.isWellFormed(token), token);
        assertEquals(Optional.empty(), ClientSecrets.objectId(token));
    }

    @Test
    void nullIsNoSecret() {
        assertFalse(ClientSecrets.isWellFormed(null));
    }

    @Test
    void theStoredHashIsTheSha256AndMatchesOnlyItself() {
        String secret = ORDER + "_secret_" + RANDOM;
        String hash = ClientSecrets.hash(secret);

        assertEquals(ApiKeys.hash(secret), hash);
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertTrue(ClientSecrets.matches(hash, ClientSecrets.hash(secret)));
        assertFalse(ClientSecrets.matches(hash, ClientSecrets.hash(secret.replace('x', 'y'))));
        assertFalse(ClientSecrets.matches(null, hash), "an object without a secret matches no secret");
        assertFalse(ClientSecrets.matches(hash, null));
    }
}
