package dev.paysaga.runtime.auth;

import dev.paysaga.runtime.api.ApiException;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the request's credential proved: the platform operator, a merchant (through one
 * of its API keys, with that key's scopes), another PaySaga service, or a merchant's customer (through
 * one object's client secret, on {@link ClientSecretAccepted} operations only).
 *
 * @param credentialId the key id ({@code key_…}), {@code platform}, {@code operator:} and a named operator,
 *        {@code service}, or {@code client_secret:}
 *        and the client secret's SHA-256 (never the secret): recorded, never secret; one per secret, so a
 *        customer's Idempotency-Key records are its own
 */
public record Caller(Kind kind, String merchantId, String credentialId, Set<String> scopes) {
    public enum Kind {
        PLATFORM, MERCHANT, SERVICE, CUSTOMER
    }

    public static final String PLATFORM_ID = "platform";
    public static final String SERVICE_ID = "service";
    public static final String CLIENT_SECRET_ID_PREFIX = "client_secret:";
    public static final String OPERATOR_ID_PREFIX = "operator:";

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public static Caller platform() {
        return new Caller(Kind.PLATFORM, null, PLATFORM_ID, Set.of());
    }

    /** A named platform operator ({@link AuthConfig#operators()}): the platform's rights, and a name. */
    public static Caller operator(String name) {
        return new Caller(Kind.PLATFORM, null, OPERATOR_ID_PREFIX + name, Set.of());
    }

    /** The named operator acting, or empty for anyone else (the shared platform credential included). */
    public Optional<String> operator() {
        return credentialId.startsWith(OPERATOR_ID_PREFIX)
                ? Optional.of(credentialId.substring(OPERATOR_ID_PREFIX.length())) : Optional.empty();
    }

    public static Caller service() {
        return new Caller(Kind.SERVICE, null, SERVICE_ID, Set.of());
    }

    public static Caller merchant(String merchantId, String keyId, Set<String> scopes) {
        return new Caller(Kind.MERCHANT, merchantId, keyId, scopes);
    }

    /** A customer holding the client secret with this SHA-256: no merchant, no scopes. */
    public static Caller customer(String clientSecretSha256) {
        return new Caller(Kind.CUSTOMER, null, CLIENT_SECRET_ID_PREFIX + clientSecretSha256, Set.of());
    }

    public boolean isPlatform() {
        return kind == Kind.PLATFORM;
    }

    public boolean isMerchant() {
        return kind == Kind.MERCHANT;
    }

    public boolean isCustomer() {
        return kind == Kind.CUSTOMER;
    }

    /**
     * Whether this caller may see an object owned by {@code ownerMerchantId}. A merchant sees only its
     * own: callers answer {@code not_found} otherwise, so another merchant's ids reveal nothing. A
     * customer sees no merchant's objects this way, only the one its secret is for
     * ({@link #sees(String, String)}): every owner check fails closed for it.
     */
    public boolean sees(String ownerMerchantId) {
        return switch (kind) {
            case PLATFORM, SERVICE -> true;
            case MERCHANT -> merchantId.equals(ownerMerchantId);
            case CUSTOMER -> false;
        };
    }

    /**
     * Whether this caller may see an object owned by {@code ownerMerchantId} that has a client secret with
     * the SHA-256 {@code clientSecretSha256} ({@code null}: none): a customer only if it holds that secret,
     * anyone else as {@link #sees(String)} says.
     */
    public boolean sees(String ownerMerchantId, String clientSecretSha256) {
        return isCustomer()
                ? ClientSecrets.matches(clientSecretSha256, credentialId.substring(CLIENT_SECRET_ID_PREFIX.length()))
                : sees(ownerMerchantId);
    }

    /**
     * The merchant a new object belongs to: a merchant's own (a {@code merchant_id} in the request must
     * name it), or for the platform operator the one the request names.
     */
    public String merchantFor(String requested) {
        refuseCustomer();
        if (isMerchant()) {
            if (requested != null && !requested.equals(merchantId)) {
                throw new ApiException(403, "permission_denied",
                        "This key belongs to another merchant than merchant_id names", "merchant_id");
            }
            return merchantId;
        }
        if (requested == null || requested.isBlank()) {
            throw ApiException.invalidRequest("merchant_id", "merchant_id is required with the platform credential");
        }
        return requested;
    }

    /** The merchant whose objects a list shows: a merchant's own; {@code null} (all) for the platform. */
    public String listedMerchant() {
        refuseCustomer();
        return isMerchant() ? merchantId : null;
    }

    /** A customer is no merchant and not the platform: it neither creates objects nor lists them. */
    private void refuseCustomer() {
        if (isCustomer()) {
            throw new ApiException(403, "permission_denied", "A client secret acts on its own object only");
        }
    }
}
