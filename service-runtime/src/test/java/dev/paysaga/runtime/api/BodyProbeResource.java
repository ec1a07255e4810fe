package dev.paysaga.runtime.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;

/**
 * A body and a path: what RequestBodiesTest refuses or lets through. Internal (a service's token), so the
 * many refusals meet no rate limit; every operation reads requests the same way.
 */
@Path("/internal/v1/probe/bodies")
public class BodyProbeResource {

    public record Body(@JsonProperty("amount") Long amount, @JsonProperty("currency") String currency,
            @JsonProperty("metadata") Map<String, String> metadata) {
    }

    @POST
    public Body echo(Body body) {
        return body;
    }

    @GET
    @Path("{id}")
    public Map<String, String> read(@PathParam("id") String id, @QueryParam("starting_after") String after) {
        return Map.of("id", id, "starting_after", String.valueOf(after));
    }
}
