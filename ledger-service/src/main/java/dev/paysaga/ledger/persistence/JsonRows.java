package dev.paysaga.ledger.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * The rows of one bulk statement as a single JSON parameter, which the SQL unpacks with
 * {@code jsonb_to_recordset} / {@code jsonb_array_elements}: a batch of 1,000 transfers costs one
 * statement (one round trip, one parse) per table instead of one per row, and the parameter count
 * stays one whatever the batch size. Keys are the column names, written literally (no naming strategy).
 */
final class JsonRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRows() {
    }

    static <T> String of(Collection<T> items, BiConsumer<T, ObjectNode> columns) {
        ArrayNode rows = MAPPER.createArrayNode();
        for (T item : items) {
            columns.accept(item, rows.addObject());
        }
        return rows.toString();
    }
}
