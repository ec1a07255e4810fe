package dev.paysaga.sandbox.wechatpay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What every WeChat Pay API v3 path does around its operation: authenticate the request over the path
 * and query exactly as sent and the body's exact bytes, then sign the answer, errors included.
 */
@ApplicationScoped
public class SignedAnswers {
    private final WechatPayGateway gateway;
    private final PlatformSignature signature;

    public SignedAnswers(WechatPayGateway gateway, PlatformSignature signature) {
        this.gateway = gateway;
        this.signature = signature;
    }

    Response answer(UriInfo uri, String method, String authorization, String body,
            Supplier<WechatPayGateway.Reply> operation) {
        WechatPayGateway.Reply reply = gateway.authenticate(method, pathAndQuery(uri), authorization, body)
                .orElseGet(operation);
        Response.ResponseBuilder response = Response.status(reply.status()).header("Request-ID", UUID.randomUUID());
        signature.headers(reply.body(), false).forEach(response::header);
        if (!reply.body().isEmpty()) {
            response.type(MediaType.APPLICATION_JSON).entity(reply.body());
        }
        return response.build();
    }

    /** The path and query exactly as sent: what the merchant signed. */
    static String pathAndQuery(UriInfo uri) {
        String rawQuery = uri.getRequestUri().getRawQuery();
        return uri.getRequestUri().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery);
    }

    static String utf8(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
