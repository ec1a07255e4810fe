package dev.paysaga.channel.alipay;

import java.util.Optional;

/**
 * Alipay signs a synchronous response over the exact text of its {@code <method>_response} object as
 * it appears in the body ({@code {"alipay_trade_precreate_response":{…},"sign":"…"}}). Re-serialising
 * a parsed object would change spacing, key order or escapes and break the signature, so the value's
 * text is cut out of the body by a small scanner that knows JSON strings and nesting.
 */
public final class AlipayResponses {
    private AlipayResponses() {
    }

    /** The response node name of an API method: {@code alipay.trade.query} → {@code alipay_trade_query_response}. */
    public static String nodeName(String method) {
        return method.replace('.', '_') + "_response";
    }

    /** The exact text of the value of top-level member {@code name}, or empty if absent or the body is not an object. */
    public static Optional<String> topLevelValue(String json, String name) {
        try {
            Scanner s = new Scanner(json);
            s.skipWhitespace();
            s.expect('{');
            s.skipWhitespace();
            if (s.peek() == '}') {
                return Optional.empty();
            }
            while (true) {
                s.skipWhitespace();
                String key = s.rawString();
                s.skipWhitespace();
                s.expect(':');
                s.skipWhitespace();
                int start = s.pos;
                s.skipValue();
                if (key.equals(name)) {
                    return Optional.of(json.substring(start, s.pos));
                }
                s.skipWhitespace();
                char c = s.next();
                if (c == '}') {
                    return Optional.empty();
                }
                if (c != ',') {
                    return Optional.empty();
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        char peek() {
            return text.charAt(pos);
        }

        char next() {
            return text.charAt(pos++);
        }

        void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
        }

        void skipWhitespace() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        /** A string's text between its quotes, escapes left as they are (member names need no decoding). */
        String rawString() {
            expect('"');
            int start = pos;
            while (true) {
                char c = next();
                if (c == '\\') {
                    pos++;
                } else if (c == '"') {
                    return text.substring(start, pos - 1);
                }
            }
        }

        void skipValue() {
            char c = peek();
            if (c == '"') {
                rawString();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    char d = peek();
                    if (d == '"') {
                        rawString();
                        continue;
                    }
                    pos++;
                    if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        depth--;
                    }
                } while (depth > 0);
            } else {
                int start = pos;
                while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
                    pos++;
                }
                if (pos == start) {
                    throw new IllegalArgumentException("empty value");
                }
            }
        }
    }
}
