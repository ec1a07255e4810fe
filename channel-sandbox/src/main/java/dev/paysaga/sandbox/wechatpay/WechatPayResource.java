package dev.paysaga.sandbox.wechatpay;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * WeChat Pay API v3 at its real paths: {@code POST /v3/pay/transactions/native},
 * {@code GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…},
 * {@code POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close}. The signature is checked over the
 * path and query exactly as sent and the body's exact bytes; every answer, errors included, is signed.
 */
@Path("/v3/pay/transactions")
public class WechatPayResource {
    @Inject
    WechatPayGateway gateway;
    @Inject
    SignedAnswers signed;

    @POST
    @Path("native")
    @Consumes(MediaType.WILDCARD)
    public Response createNative(@Context UriInfo uri, @HeaderParam("Authorization") String authorization, byte[] body) {
        String text = SignedAnswers.utf8(body);
        return signed.answer(uri, "POST", authorization, text, () -> gateway.createNative(text));
    }

    @GET
    @Path("out-trade-no/{out_trade_no}")
    public Response query(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @PathParam("out_trade_no") String outTradeNo, @QueryParam("mchid") String mchid) {
        return signed.answer(uri, "GET", authorization, "", () -> gateway.query(outTradeNo, mchid));
    }

    @POST
    @Path("out-trade-no/{out_trade_no}/close")
    @Consumes(MediaType.WILDCARD)
    public Response close(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @PathParam("out_trade_no") String outTradeNo, byte[] body) {
        String text = SignedAnswers.utf8(body);
        return signed.answer(uri, "POST", authorization, text, () -> gateway.close(outTradeNo, text));
    }
}
