package dev.paysaga.runtime.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every refusal into {@code application/problem+json}; nothing leaks a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Jackson's words for a key given twice (StreamReadFeature.STRICT_DUPLICATE_DETECTION, RequestBodies). */
    /** A field that holds an amount in minor units: {@code amount}, {@code lines[0].unit_amount}. */
    private static final Pattern AMOUNT = Pattern.compile("(?:^|[.\\]])(?:[a-z]+_)?amount$");
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']{1,100})'");

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return problem(Problem.of(e.status(), e.code(), e.getMessage(), e.param()));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        // The parser's own message can quote the input, which may be sensitive: name the field only.
        if (e instanceof UnrecognizedPropertyException unknown) {
            return problem(Problem.of(400, "invalid_request", "Unknown field " + path(unknown), path(unknown)));
        }
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.lookingAt()) {
            return problem(Problem.of(400, "invalid_request", "The field " + duplicate.group(1) + " is given twice",
                    duplicate.group(1)));
        }
        String param = e instanceof JsonMappingException mapping ? path(mapping) : null;
        if (param != null && AMOUNT.matcher(param).find()) {
            // docs/api.md: an amount that is not a positive integer is amount_invalid, whichever check finds it.
            return problem(Problem.of(400, "amount_invalid", "The field " + param
                    + " must be a positive integer in the currency's minor unit, at most " + Long.MAX_VALUE, param));
        }
        return problem(Problem.of(400, "invalid_request", param == null
                ? "The request body is not valid JSON"
                : "The field " + param + " has the wrong type or format", param));
    }

    /** More specific than the mapper quarkus-rest-jackson registers for this type, so ours answers. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(Problem.of(404, "not_found", "No such resource", null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        String code = status == 404 ? "not_found" : status == 401 ? "unauthenticated" : "invalid_request";
        return problem(Problem.of(status, code, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return problem(Problem.of(500, "internal_error", "An unexpected error occurred", null));
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? null : path.replace(".[", "[");
    }

    static Response problem(Problem problem) {
        return problem.toResponse();
    }
}
