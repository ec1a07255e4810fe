package dev.paysaga.runtime.openapi;

import dev.paysaga.runtime.api.Problem;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The {@code application/problem+json} refusals of docs/api.md ("Errors", "Authentication") as OpenAPI
 * responses of the {@link Problem} schema, so a generated client knows every error body's shape.
 */
final class ProblemResponses {
    /** The name smallrye gives {@link Problem}'s schema (its {@code @Schema}). */
    static final String SCHEMA = "Problem";

    private static final Map<String, String> WHEN = Map.of(
            "400", "invalid_request (param names the field) or another 400 code of docs/api.md, Errors",
            "401", "unauthenticated: no valid credential for this operation",
            "403", "permission_denied: the key lacks the operation's scope (param names it),"
                    + " or a merchant key called a platform operation",
            "404", "not_found: no such object (another merchant's is answered the same)",
            "409", "idempotency_key_in_use: the first request with this Idempotency-Key is still running;"
                    + " or another 409 code of docs/api.md, Errors (the object's state does not allow it)",
            "422", "idempotency_key_reused: this Idempotency-Key came with another request;"
                    + " or another 422 code of docs/api.md, Errors",
            "429", "rate_limited: past a rate limit of the key or its merchant (docs/api.md, Rate limits)");

    private ProblemResponses() {
    }

    /**
     * Adds the problem response of each status, keeping any the operation documents itself with a body (an
     * operation's own, more specific description wins); responses end up in status order.
     */
    static void add(Operation operation, String... statuses) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses() == null ? Map.of()
                : responses.getAPIResponses());
        for (String status : statuses) {
            APIResponse own = sorted.get(status);
            if (own == null || own.getContent() == null || own.getContent().getMediaTypes().isEmpty()) {
                sorted.put(status, problem(status));
            }
        }
        responses.setAPIResponses(sorted);
    }

    private static APIResponse problem(String status) {
        String description = WHEN.get(status);
        if (description == null) {
            throw new IllegalArgumentException("No problem response documented for status " + status);
        }
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA))));
        if (status.equals("429")) {
            Header retryAfter = OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
            response.addHeader("Retry-After", retryAfter);
        }
        return response;
    }
}
