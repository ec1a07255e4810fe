package dev.paysaga.saga.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** A TCC command for one participant, as the engine decided to send it. */
public record Command(String sagaId, String step, String participant, String topic, Phase phase, int attempt,
        JsonNode payload) {
}
