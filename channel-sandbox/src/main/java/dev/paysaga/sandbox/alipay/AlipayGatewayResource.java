package dev.paysaga.sandbox.alipay;

import dev.paysaga.sandbox.http.FormParams;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /alipay/gateway.do}: Alipay's OpenAPI gateway. Parameters come form-encoded in UTF-8, in the
 * body, the query string or both (Alipay's own SDK puts the common parameters in the query string and
 * biz_content in the body). The answer is always HTTP 200; the outcome is in the JSON's code.
 */
@Path("/alipay/gateway.do")
public class AlipayGatewayResource {
    @Inject
    AlipayGateway gateway;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces("application/json;charset=utf-8")
    public String call(@Context UriInfo uri, byte[] body) {
        Map<String, String> params = new HashMap<>();
        try {
            FormParams.decodeInto(new String(body, StandardCharsets.UTF_8), params);
            FormParams.decodeInto(uri.getRequestUri().getRawQuery(), params);
        } catch (IllegalArgumentException e) {
            return gateway.render(AlipayReply.rejected("error_response", AlipayReply.INVALID_ARGUMENTS,
                    "isv.invalid-parameter", "参数无效: " + e.getMessage()));
        }
        return gateway.handle(params, uri.getBaseUri().toString().replaceAll("/+$", ""));
    }
}
