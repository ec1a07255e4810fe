package dev.paysaga.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, with the stable {@code code} (and {@code param}) listed in docs/api.md. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Named, so every service's OpenAPI document has it for the error responses (dev.paysaga.runtime.openapi).
@Schema(name = "Problem", description = "RFC 9457 problem details; code is the stable reason (docs/api.md, Errors)")
public record Problem(String type, String title, int status, String code, String detail, String param) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://paysaga.dev/errors/";

    public static Problem of(int status, String code, String detail, String param) {
        return new Problem(TYPE_BASE + code, title(code), status, code, inert(detail), inert(param));
    }

    /**
     * {@code text} (which may quote what the client sent: an id, a currency) with nothing a log viewer, a terminal or a
     * page could act on: control and bidirectional-format characters, angle brackets and {@code $} become U+FFFD.
     */
    static String inert(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || c == '<' || c == '>' || c == '$' ? '\uFFFD' : c));
        return out.toString();
    }

    /** This problem as the response that carries it. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    private static String title(String code) {
        String words = code.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
