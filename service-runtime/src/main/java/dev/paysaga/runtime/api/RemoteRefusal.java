package dev.paysaga.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Another PaySaga service's refusal, as a REST client sees it: a 4xx with a problem body is a definite
 * answer, passed on with its status, code and param; anything else (no connection, a timeout, a 5xx, an
 * unreadable body) says nothing about what happened there.
 */
public final class RemoteRefusal {
    private static final Logger LOG = Logger.getLogger(RemoteRefusal.class);

    private RemoteRefusal() {
    }

    /** The refusal {@code failure} carries, if it is one. */
    public static Optional<ApiException> of(Throwable failure) {
        if (!(failure instanceof WebApplicationException rejected) || rejected.getResponse().getStatus() >= 500) {
            return Optional.empty();
        }
        int status = rejected.getResponse().getStatus();
        try {
            JsonNode problem = rejected.getResponse().readEntity(JsonNode.class);
            if (problem != null && problem.hasNonNull("code")) {
                return Optional.of(new ApiException(status, problem.get("code").asText(), problem.path("detail").asText(),
                        problem.path("param").asText(null)));
            }
        } catch (RuntimeException unreadable) {
            LOG.debugf("unreadable refusal (HTTP %d): %s", status, unreadable.getMessage());
        }
        return Optional.of(new ApiException(status, status == 404 ? "not_found" : "invalid_request",
                "refused with HTTP " + status));
    }

    /** Whether the remote service answered {@code status} with a problem. */
    public static boolean is(Throwable failure, int status) {
        return failure instanceof WebApplicationException rejected && rejected.getResponse().getStatus() == status;
    }
}
