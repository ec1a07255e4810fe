package dev.paysaga.sandbox.wechatpay;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * WeChat Pay API v3 bills at their real paths: {@code GET /v3/bill/tradebill} (signed like every v3
 * answer) and {@code GET /v3/billdownload/file?token=…}, whose request is authenticated but whose
 * answer is the bare file, as at WeChat Pay (the bill's SHA-1 vouches for it).
 */
@Path("/v3")
public class WechatBillResource {
    @Inject
    WechatBills bills;
    @Inject
    SignedAnswers signed;
    @Inject
    WechatPayGateway gateway;

    @GET
    @Path("bill/tradebill")
    public Response tradeBill(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @QueryParam("bill_date") String billDate, @QueryParam("bill_type") String billType) {
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        return signed.answer(uri, "GET", authorization, "", () -> bills.tradeBill(billDate, billType, base));
    }

    @GET
    @Path("billdownload/file")
    public Response download(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @QueryParam("token") String token) {
        var refused = gateway.authenticate("GET", SignedAnswers.pathAndQuery(uri), authorization, "");
        if (refused.isPresent()) {
            return signed.answer(uri, "GET", authorization, "", () -> refused.get());
        }
        return bills.download(token)
                .map(file -> Response.ok(file, MediaType.APPLICATION_OCTET_STREAM).build())
                .orElseGet(() -> signed.answer(uri, "GET", authorization, "",
                        () -> WechatPayGateway.Reply.error(404, "RESOURCE_NOT_EXISTS", "账单文件不存在或已下载")));
    }
}
