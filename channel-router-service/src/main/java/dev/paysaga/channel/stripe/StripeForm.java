package dev.paysaga.channel.stripe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Stripe request body: {@code application/x-www-form-urlencoded} UTF-8, parameters in the order added, nested
 * objects as {@code name[key]=value} (e.g. {@code metadata[payment_id]=pay_…}), each name and value percent-encoded
 * (so the brackets travel as {@code %5B}/{@code %5D}, as Stripe's libraries send them). Null values are left out.
 */
final class StripeForm {
    private final List<String> pairs = new ArrayList<>();

    static StripeForm of() {
        return new StripeForm();
    }

    StripeForm add(String name, Object value) {
        if (value != null) {
            pairs.add(encode(name) + "=" + encode(value.toString()));
        }
        return this;
    }

    /** {@code name[key]=value} for each entry, in the map's order. */
    StripeForm nested(String name, Map<String, String> values) {
        values.forEach((key, value) -> add(name + "[" + key + "]", value));
        return this;
    }

    String encoded() {
        return String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
