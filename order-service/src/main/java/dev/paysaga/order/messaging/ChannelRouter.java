package dev.paysaga.order.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** channel-router-service's internal API, as far as paying an order needs it. */
@RegisterRestClient(configKey = "channel-router")
@Path("/internal/v1/channel_transactions")
public interface ChannelRouter {

    record Open(@JsonProperty("payment_id") String paymentId, @JsonProperty("merchant_id") String merchantId,
            @JsonProperty("amount") long amountMinor, @JsonProperty("currency") String currency,
            @JsonProperty("method") String method, @JsonProperty("terminal") String terminal) {
    }

    /** The channel chosen, and what the customer needs to pay there. */
    record Opened(@JsonProperty("channel") String channel, @JsonProperty("next_action") JsonNode nextAction) {
    }

    /** Routes the payment and opens its transaction at the channel; idempotent per payment id. */
    @POST
    Uni<Opened> open(Open request);

    /** Closes the payment's transaction at its channel; idempotent. */
    @POST
    @Path("{payment_id}/close")
    Uni<JsonNode> close(@PathParam("payment_id") String paymentId);
}
