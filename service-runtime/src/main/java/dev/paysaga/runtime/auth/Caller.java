package dev.paysaga.runtime.auth;

import dev.paysaga.runtime.api.ApiException;
import java.util.Set;

/**
 * Who is calling, as the request's credential proved: the platform operator, a merchant (through one
 * of its API keys, with that key's scopes), or another PaySaga service.
 *
 * @param credentialId the key id ({@code key_…}), {@code platform} or {@code service}: recorded, never secret
 */
public record Caller(Kind kind, String merchantId, String credentialId, Set<String> scopes) {
    public enum Kind {
        PLATFORM, MERCHANT, SERVICE
    }

    public static final String PLATFORM_ID = "platform";
    public static final String SERVICE_ID = "service";

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public static Caller platform() {
        return new Caller(Kind.PLATFORM, null, PLATFORM_ID, Set.of());
    }

    public static Caller service() {
        return new Caller(Kind.SERVICE, null, SERVICE_ID, Set.of());
    }

    public static Caller merchant(String merchantId, String keyId, Set<String> scopes) {
        return new Caller(Kind.MERCHANT, merchantId, keyId, scopes);
    }

    public boolean isPlatform() {
        return kind == Kind.PLATFORM;
    }

    public boolean isMerchant() {
        return kind == Kind.MERCHANT;
    }

    /**
     * Whether this caller may see an object owned by {@code ownerMerchantId}. A merchant sees only its
     * own: callers answer {@code not_found} otherwise, so another merchant's ids reveal nothing.
     */
    public boolean sees(String ownerMerchantId) {
        return switch (kind) {
            case PLATFORM, SERVICE -> true;
            case MERCHANT -> merchantId.equals(ownerMerchantId);
        };
    }

    /**
     * The merchant a new object belongs to: a merchant's own (a {@code merchant_id} in the request must
     * name it), or for the platform operator the one the request names.
     */
    public String merchantFor(String requested) {
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
        return isMerchant() ? merchantId : null;
    }
}
