package dev.paysaga.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** application/x-www-form-urlencoded text (a body or a raw query string), decoded as UTF-8: Alipay and Stripe requests. */
public final class FormParams {
    public static final int MAX_PARAMS = 100;

    private FormParams() {
    }

    /** Adds the parameters to params; a name already present keeps its first value. */
    public static void decodeInto(String encoded, Map<String, String> params) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (params.size() >= MAX_PARAMS) {
                throw new IllegalArgumentException("more than " + MAX_PARAMS + " parameters");
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
    }
}
