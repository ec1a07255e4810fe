package dev.paysaga.runtime.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;

/** One operation of each kind, answering who called: what AuthenticationTest checks. */
@Path("/")
public class ProbeResource {
    private final CurrentCaller current;

    ProbeResource(CurrentCaller current) {
        this.current = current;
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
