package dev.paysaga.runtime.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Numbers arrive as exactly what they are. By default Jackson truncates {@code 15.99} to 15 and
 * reads {@code "100"} as 100 — for an amount in minor units that would be a silent wrong charge.
 * Every service refuses both (400 {@code invalid_request} naming the field).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    @SuppressWarnings("deprecation") // coercion of scalars has no non-deprecated switch that covers every type
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }
}
