package dev.paysaga.sandbox.wechatpay;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * WeChat Pay API v3 domestic refunds at their real paths: {@code POST /v3/refund/domestic/refunds} and
 * {@code GET /v3/refund/domestic/refunds/{out_refund_no}}, authenticated and signed like every v3 path.
 */
@Path("/v3/refund/domestic/refunds")
public class WechatRefundResource {
    @Inject
    WechatRefunds refunds;
    @Inject
    SignedAnswers signed;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response apply(@Context UriInfo uri, @HeaderParam("Authorization") String authorization, byte[] body) {
        String text = SignedAnswers.utf8(body);
        return signed.answer(uri, "POST", authorization, text, () -> refunds.apply(text));
    }

    @GET
    @Path("{out_refund_no}")
    public Response query(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @PathParam("out_refund_no") String outRefundNo) {
        return signed.answer(uri, "GET", authorization, "", () -> refunds.query(outRefundNo));
    }
}
