package dev.paysaga.runtime.api;

import java.util.regex.Pattern;

/**
 * The format of identifiers a client chooses — SKUs, customer and merchant ids — (docs/api.md): text that goes
 * into a URL path segment, a log line or a CSV cell as it is, so no slash, space, markup or control character.
 */
public final class ClientIds {
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,254}");

    private ClientIds() {
    }

    /** {@code sku} if it is 1 to 64 letters, digits, '.', '_' or '-' (a letter or digit first); else 400 naming {@code param}. */
    public static String requireSku(String sku, String param) {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw ApiException.invalidRequest(param, param + " must be 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        return sku;
    }

    /** {@code id} if it is 1 to 255 letters, digits, '.', '_', ':', '@', '+' or '-' (a letter or digit first). */
    public static String requireId(String id, String param) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.invalidRequest(param, param + " must be 1 to 255 letters, digits, '.', '_', ':', '@', '+' "
                    + "or '-', starting with a letter or digit");
        }
        return id;
    }
}
