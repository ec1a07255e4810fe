package dev.paysaga.runtime.api;

/**
 * The {@code limit} of a keyset-paged list (Stripe's convention): 1 to 100 items, 20 when absent;
 * anything else is {@code invalid_request} naming {@code limit}.
 */
public final class PageLimit {
    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageLimit() {
    }

    public static int parse(String limit) {
        if (limit == null) {
            return DEFAULT;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= MAX) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below, as for an out-of-range number
        }
        throw ApiException.invalidRequest("limit", "limit must be an integer from 1 to " + MAX);
    }
}
