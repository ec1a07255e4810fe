package dev.paysaga.runtime.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import dev.paysaga.runtime.api.IdempotentRequests;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.RestHeader;

/** One operation of each kind, answering who called: what AuthenticationTest checks. */
@Path("/")
public class ProbeResource {
    private final CurrentCaller current;
    private final IdempotentRequests idempotency;
    private final AtomicInteger runs = new AtomicInteger();

    ProbeResource(CurrentCaller current, IdempotentRequests idempotency) {
        this.current = current;
        this.idempotency = idempotency;
    }

    /** Answers who called and how many keyed requests ran so far: a replay shows the first answer. */
    @POST
    @Path("v1/probe/keyed")
    @RequiresScope(Scopes.ORDERS_WRITE)
    @ClientSecretAccepted
    public Uni<Response> keyed(@RestHeader(IdempotentRequests.HEADER) String key) {
        Map<String, String> answer = new HashMap<>(who());
        answer.put("run", Integer.toString(runs.incrementAndGet()));
        return idempotency.run(key, "POST", "/v1/probe/keyed", "", () -> Uni.createFrom().item(Response.ok(answer).build()));
    }

    /** A merchant read a buyer's page may also make with a client secret. */
    @GET
    @Path("v1/probe/buyer")
    @RequiresScope(Scopes.ORDERS_READ)
    @ClientSecretAccepted
    public Map<String, String> buyerRead() {
        return who();
    }

    @GET
    @Path("v1/probe/orders")
    @RequiresScope(Scopes.ORDERS_READ)
    public Map<String, String> merchantRead() {
        return who();
    }

    @POST
    @Path("v1/probe/orders")
    @RequiresScope(Scopes.ORDERS_WRITE)
    public Map<String, String> merchantWrite() {
        return who();
    }

    @POST
    @Path("v1/probe/platform")
    public Map<String, String> platformOnly() {
        return who();
    }

    @POST
    @Path("internal/v1/probe")
    public Map<String, String> internal() {
        return who();
    }

    @POST
    @Path("callbacks/probe")
    @PublicEndpoint("tests: no credential")
    public Map<String, String> callback() {
        return Map.of("kind", "public");
    }

    private Map<String, String> who() {
        Caller caller = current.get();
        return Map.of("kind", caller.kind().name().toLowerCase(), "merchant",
                caller.merchantId() == null ? "-" : caller.merchantId(), "credential", caller.credentialId());
    }
}
