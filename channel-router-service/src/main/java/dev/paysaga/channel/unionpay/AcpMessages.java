package dev.paysaga.channel.unionpay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ACP's two text forms. Requests go out {@code application/x-www-form-urlencoded} (values URL-encoded, as the
 * SDK's HttpClient sends them). Synchronous answers come back as {@code k=v&k=v} with values NOT encoded: a value
 * runs to the next {@code &} outside braces or brackets ({@code {…}}, {@code […]} nest, as the SDK's
 * {@code parseQString} reads them), and the first {@code =} of a pair ends its name (PEM text has more).
 */
public final class AcpMessages {
    private static final int MAX_FIELDS = 200;

    private AcpMessages() {
    }

    public static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The answer's fields, or null if it is not one (empty, a nameless pair, a name twice, too many fields). */
    public static Map<String, String> parseAnswer(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int eq = text.indexOf('=', i);
            int amp = text.indexOf('&', i);
            if (eq < 0 || (amp >= 0 && amp < eq) || eq == i) {
                return null;
            }
            String name = text.substring(i, eq);
            int end = valueEnd(text, eq + 1);
            if (end < 0 || fields.put(name, text.substring(eq + 1, end)) != null || fields.size() > MAX_FIELDS) {
                return null;
            }
            i = end + 1;
        }
        return fields;
    }

    /** Where the value starting at {@code from} ends: the next {@code &} outside {@code {}} / {@code []}, or the end. */
    private static int valueEnd(String text, int from) {
        char closing = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (closing != 0) {
                if (c == closing) {
                    closing = 0;
                }
            } else if (c == '{') {
                closing = '}';
            } else if (c == '[') {
                closing = ']';
            } else if (c == '&') {
                return i;
            }
        }
        return closing == 0 ? text.length() : -1;
    }
}
