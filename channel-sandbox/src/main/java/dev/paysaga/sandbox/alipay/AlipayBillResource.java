package dev.paysaga.sandbox.alipay;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Alipay's bill host: {@code GET /downloadBillFile.resource?…&token=…}, the path bill_download_url names at
 * Alipay (dwbillcenter.alipay.com). The answer is the bare zip, unsigned as at Alipay: the token in the signed URL
 * is what admits the download. An unknown or lapsed token is 404.
 */
@Path("/downloadBillFile.resource")
public class AlipayBillResource {
    @Inject
    AlipayBills bills;

    @GET
    public Response download(@QueryParam("token") String token) {
        return bills.download(token)
                .map(offer -> Response.ok(offer.zip(), "application/zip")
                        .header("Content-Disposition", "attachment; filename*=UTF-8''"
                                + URLEncoder.encode(offer.fileName(), StandardCharsets.UTF_8))
                        .build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type("text/plain;charset=utf-8")
                        .entity("账单文件不存在或链接已失效").build());
    }
}
