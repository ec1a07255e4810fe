package dev.paysaga.runtime.api;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * How every service reads a request body: exactly what the API defines. A misspelt field
 * ({@code timeout_second}) is refused rather than ignored — ignoring it would create a transfer with no
 * expiry —; a key given twice is refused rather than won by its last value; a number or boolean is not
 * turned into text; a null is no element of a list or map. Each refusal is 400 {@code invalid_request}
 * naming the field ({@link ProblemMappers}).
 * <p>
 * Server side only: events on Kafka and other services' answers are read with the application's lenient
 * mapper, so a producer may add a field without breaking the consumers that do not know it yet.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class RequestBodies implements ContextResolver<ObjectMapper> {
    private final ObjectMapper strict;

    RequestBodies(ObjectMapper application) {
        strict = application.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        strict.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        // A null inside a list or an object's values ({"metadata":{"k":null}}) means nothing the API defines.
        strict.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        for (CoercionInputShape scalar : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            strict.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }

    /** A body a resource takes as bytes (an optional one), read as strictly as any other and refused the same way. */
    public <T> T read(byte[] body, Class<T> type) {
        try {
            return strict.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new WebApplicationException(e, 400);
        } catch (IOException e) {
            throw ApiException.invalidRequest(null, "The request body could not be read");
        }
    }
}
