package dev.paysaga.sandbox.unionpay;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * UnionPay's file transfer endpoint at the path it has in production ({@code https://filedownload.95516.com/}):
 * the same UTF-8 form in and signed {@code k=v&k=v} answer as the gateway's paths ({@link UnionPayResource}).
 */
@Path("/")
public class UnionPayFileResource {
    @Inject
    UnionPayGateway gateway;
    @Inject
    UnionPayFiles files;
    @Inject
    UnionPayKeys keys;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response transfer(MultivaluedMap<String, String> form) {
        Map<String, String> fields = UnionPayResource.single(form);
        if (fields == null) {
            return UnionPayResource.render(UnionPayResource.malformed(), keys);
        }
        var refused = gateway.authenticate(fields);
        return UnionPayResource.render(refused.orElseGet(() -> files.transfer(fields)), keys);
    }
}
