package dev.paysaga.sandbox.alipay;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Test hook: {@code PUT /admin/channels/alipay/bills {"download_base_url":"http://…"}} makes bill_download_url name
 * another host (absent or empty: the sandbox itself, as the caller reached it), so a merchant can be seen to refuse it.
 */
@Path("/admin/channels/alipay/bills")
public class AlipayBillAdminResource {
    @Inject
    AlipayBills bills;

    public record BillSettings(String downloadBaseUrl) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response settings(BillSettings settings) {
        bills.downloadBaseUrl(settings == null ? null : settings.downloadBaseUrl());
        return Response.noContent().build();
    }
}
