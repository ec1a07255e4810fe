package dev.paysaga.runtime.auth;

import java.util.List;
import java.util.Set;

/**
 * What a merchant key may do. A secret key ({@code sk_}) holds every scope; a restricted key
 * ({@code rk_}) holds the ones it was created with. {@code *:write} does not imply {@code *:read}.
 */
public final class Scopes {
    public static final String ORDERS_READ = "orders:read";
    public static final String ORDERS_WRITE = "orders:write";
    public static final String PAYMENTS_READ = "payments:read";
    public static final String PAYMENTS_WRITE = "payments:write";
    public static final String REFUNDS_READ = "refunds:read";
    public static final String REFUNDS_WRITE = "refunds:write";
    public static final String SAGAS_READ = "sagas:read";
    public static final String WALLETS_READ = "wallets:read";
    public static final String ACCOUNTS_READ = "accounts:read";
    public static final String EVENTS_READ = "events:read";
    public static final String WEBHOOKS_READ = "webhooks:read";
    public static final String WEBHOOKS_WRITE = "webhooks:write";
    public static final String KEYS_READ = "keys:read";

    /** In the order docs/api.md lists them. */
    public static final List<String> ALL = List.of(ORDERS_READ, ORDERS_WRITE, PAYMENTS_READ, PAYMENTS_WRITE,
            REFUNDS_READ, REFUNDS_WRITE, SAGAS_READ, WALLETS_READ, ACCOUNTS_READ, EVENTS_READ, WEBHOOKS_READ,
            WEBHOOKS_WRITE, KEYS_READ);
    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private Scopes() {
    }

    public static boolean isKnown(String scope) {
        return KNOWN.contains(scope);
    }
}
