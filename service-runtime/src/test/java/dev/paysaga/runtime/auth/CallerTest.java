package dev.paysaga.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.ids.Ids;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A customer (a client secret's holder) sees the one object its secret is for, and nothing of any merchant. */
class CallerTest {
    private final String secret = ClientSecrets.generate(Ids.next("ord"));
    private final String hash = ClientSecrets.hash(secret);
    private final Caller customer = Caller.customer(hash);

    @Test
    void aCustomerIsNoMerchantHasNoScopesAndKeepsOnlyTheHash() {
        assertEquals(Caller.Kind.CUSTOMER, customer.kind());
        assertNull(customer.merchantId());
        assertEquals(Set.of(), customer.scopes());
        assertEquals("client_secret:" + hash, customer.credentialId());
        assertFalse(customer.toString().contains(secret), "a logged caller shows no secret");
        assertFalse(customer.isMerchant() || customer.isPlatform());
    }

    @Test
    void aCustomerSeesOnlyTheObjectOfItsSecret() {
        assertFalse(customer.sees("mer_test_a"), "no merchant's objects");
        assertTrue(customer.sees("mer_test_a", hash));
        assertFalse(customer.sees("mer_test_a", ClientSecrets.hash(ClientSecrets.generate(Ids.next("ord")))));
        assertFalse(customer.sees("mer_test_a", null), "an object without a secret");
    }

    @Test
    void theSecretChangesNothingForOtherCallers() {
        Caller merchant = Caller.merchant("mer_test_a", "key_test_a", Set.of());
        assertTrue(merchant.sees("mer_test_a", null));
        assertTrue(merchant.sees("mer_test_a", hash));
        assertFalse(merchant.sees("mer_test_b", hash), "holding no key of the owner, a secret's hash is no way in");
        assertTrue(Caller.platform().sees("mer_test_b", null));
    }

    @Test
    void aCustomerNeitherCreatesNorLists() {
        assertEquals(403, assertThrows(ApiException.class, () -> customer.merchantFor(null)).status());
        assertEquals(403, assertThrows(ApiException.class, () -> customer.merchantFor("mer_test_a")).status());
        assertEquals(403, assertThrows(ApiException.class, customer::listedMerchant).status());
    }
}
