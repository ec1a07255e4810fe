package dev.paysaga.channel.api;

import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.runtime.api.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A channel whose answer is unknown is 503 {@code channel_unavailable}: the caller may retry the same request. */
public class ChannelProblems {
    private static final Logger LOG = Logger.getLogger(ChannelProblems.class);

    @ServerExceptionMapper
    public Response unavailable(ChannelUnavailableException e) {
        LOG.warnf("channel unavailable: %s", e.getMessage());
        Problem problem = Problem.of(503, "channel_unavailable", "The payment channel did not answer; retry", null);
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(problem).header("Retry-After", "1").build();
    }
}
