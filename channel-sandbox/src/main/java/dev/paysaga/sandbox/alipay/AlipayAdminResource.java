package dev.paysaga.sandbox.alipay;

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
import java.util.Map;

/**
 * Test hooks on the sandbox's Alipay trades (JSON in snake_case):
 * {@code GET /admin/channels/alipay/trades/{out_trade_no}} shows a trade;
 * {@code POST /admin/channels/alipay/trades/{out_trade_no}/notify[?forge=true]} sends its last notification
 * once more, now (a duplicate; with forge=true signed by a key the merchant does not trust).
 */
@Path("/admin/channels/alipay/trades")
public class AlipayAdminResource {
    @Inject
    Trades trades;
    @Inject
    Notifier notifier;

    public record TradeView(String outTradeNo, String tradeNo, String status, String totalAmount,
            boolean closedByMerchant, int notificationsSent, int notificationsAcknowledged, String refundedAmount) {
    }

    /** What one re-sent notification got back: HTTP status (0 if none), body, or the connection error. */
    public record Resent(boolean forged, boolean acknowledged, int status, String body, String error) {
    }

    @GET
    @Path("{out_trade_no}")
    public TradeView trade(@PathParam("out_trade_no") String outTradeNo) {
        Trade.Snapshot trade = known(outTradeNo).snapshot();
        return new TradeView(trade.outTradeNo(), trade.tradeNo(), trade.status().name(),
                AlipayAmount.format(trade.totalCents()), trade.closedByMerchant(), trade.notificationsSent(),
                trade.notificationsAcknowledged(), AlipayAmount.format(trade.refundedCents()));
    }

    @POST
    @Path("{out_trade_no}/notify")
    public Resent notify(@PathParam("out_trade_no") String outTradeNo,
            @QueryParam("forge") @DefaultValue("false") boolean forge) {
        Trade trade = known(outTradeNo);
        Map<String, String> last = trade.lastNotification();
        if (last == null) {
            throw new WebApplicationException("trade " + outTradeNo + " has no notification yet (the customer has not acted)",
                    Response.Status.CONFLICT);
        }
        if (trade.notifyUrl() == null) {
            throw new WebApplicationException("trade " + outTradeNo + " was created without notify_url", Response.Status.CONFLICT);
        }
        NotificationSender.Delivery delivery = notifier.resend(trade, last, forge);
        return new Resent(forge, Notifier.acknowledges(delivery), delivery.status(), delivery.body(), delivery.error());
    }

    private Trade known(String outTradeNo) {
        return trades.find(outTradeNo, null)
                .orElseThrow(() -> new NotFoundException("no alipay trade " + outTradeNo));
    }
}
