package dev.paysaga.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details, with the stable {@code code} (and {@code param}) of docs/api.md. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String code, String detail, String param) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://paysaga.dev/errors/";

    public static Problem of(int status, String code, String detail, String param) {
        return new Problem(TYPE_BASE + code, title(code), status, code, detail, param);
    }

    private static String title(String code) {
        String words = code.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
