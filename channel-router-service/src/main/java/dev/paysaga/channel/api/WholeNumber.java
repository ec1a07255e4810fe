package dev.paysaga.channel.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;

/**
 * A JSON integer and nothing else. Jackson would otherwise truncate {@code 1.5} to {@code 1} or read
 * {@code "100"} as 100: an amount in minor units must arrive as an exact whole number.
 */
public class WholeNumber extends JsonDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return (Long) context.handleUnexpectedToken(Long.class, parser);
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return (Long) context.handleWeirdNumberValue(Long.class, parser.getNumberValue(), "out of range");
        }
        return parser.getLongValue();
    }
}
