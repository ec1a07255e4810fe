package dev.paysaga.runtime.api;

import dev.paysaga.runtime.ids.Ids;

/**
 * The {@code starting_after} of a keyset-paged list of generated ids: absent, or an id of the listed kind; anything else
 * is {@code invalid_request} naming {@code starting_after} (a cursor that can name nothing is a client's mistake, not an
 * empty page).
 */
public final class PageCursor {
    private PageCursor() {
    }

    /** {@code startingAfter} if it is null or an id with {@code prefix} ({@code ral} for {@code ral_…}). */
    public static String parse(String startingAfter, String prefix) {
        if (startingAfter != null && !Ids.isValid(prefix, startingAfter)) {
            throw ApiException.invalidRequest("starting_after", "starting_after must be an id of the listed kind ("
                    + prefix + "_…)");
        }
        return startingAfter;
    }

    /** Where a page starts in id order: {@code ""} (before every id) when absent, else {@link #parse}. */
    public static String after(String startingAfter, String prefix) {
        return startingAfter == null ? "" : parse(startingAfter, prefix);
    }
}
