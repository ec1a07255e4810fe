package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A participant's answer to one {@link SagaCommand}, on {@code saga.replies} (type {@code saga.reply}).
 * Schema: {@code schemas/saga.reply.json}.
 */
public record SagaReply(
        @JsonProperty("saga_id") String sagaId,
        @JsonProperty("step") String step,
        @JsonProperty("phase") String phase,
        @JsonProperty("succeeded") boolean succeeded,
        @JsonProperty("failure_code") String failureCode,
        @JsonProperty("failure_message") String failureMessage) {

    public static final String TYPE = "saga.reply";
}
