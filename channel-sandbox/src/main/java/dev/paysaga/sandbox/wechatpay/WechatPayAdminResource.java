package dev.paysaga.sandbox.wechatpay;

import dev.paysaga.sandbox.simulation.NotificationSender;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Test hooks on the sandbox's WeChat Pay orders (JSON in snake_case):
 * {@code GET /admin/channels/wechatpay/orders/{out_trade_no}} shows an order;
 * {@code POST /admin/channels/wechatpay/orders/{out_trade_no}/notify[?forge=true]} sends its notification
 * once more, now (same id, freshly signed; with forge=true signed by a key the merchant does not trust).
 */
@Path("/admin/channels/wechatpay/orders")
public class WechatPayAdminResource {
    @Inject
    WechatOrders orders;
    @Inject
    WechatPayNotifier notifier;

    public record OrderView(String outTradeNo, String transactionId, String tradeState, long total,
            boolean closedByMerchant, int notificationsSent, int notificationsAcknowledged, long refunded) {
    }

    public record Resent(boolean forged, boolean acknowledged, int status, String body, String error) {
    }

    @GET
    @Path("{out_trade_no}")
    public OrderView order(@PathParam("out_trade_no") String outTradeNo) {
        WechatOrder known = known(outTradeNo);
        WechatOrder.Snapshot order = known.snapshot();
        return new OrderView(order.outTradeNo(), order.transactionId(), order.state().name(), order.totalFen(),
                order.closedByMerchant(), order.notificationsSent(), order.notificationsAcknowledged(), known.refundedFen());
    }

    @POST
    @Path("{out_trade_no}/notify")
    public Resent notify(@PathParam("out_trade_no") String outTradeNo,
            @QueryParam("forge") @DefaultValue("false") boolean forge) {
        WechatOrder order = known(outTradeNo);
        String last = order.lastNotification();
        if (last == null) {
            throw new WebApplicationException("order " + outTradeNo + " has no notification (not paid yet)",
                    Response.Status.CONFLICT);
        }
        NotificationSender.Delivery delivery = notifier.resend(order, last, forge);
        return new Resent(forge, WechatPayNotifier.acknowledges(delivery), delivery.status(), delivery.body(),
                delivery.error());
    }

    private WechatOrder known(String outTradeNo) {
        return orders.find(outTradeNo).orElseThrow(() -> new NotFoundException("no wechatpay order " + outTradeNo));
    }
}
