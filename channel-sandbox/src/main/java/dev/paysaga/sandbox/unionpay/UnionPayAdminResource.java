package dev.paysaga.sandbox.unionpay;

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
 * Test hooks on the sandbox's UnionPay transactions (JSON in snake_case):
 * {@code GET /admin/channels/unionpay/orders/{orderId}} shows one;
 * {@code POST /admin/channels/unionpay/orders/{orderId}/notify[?forge=true]} sends a paid consume's (or a taken
 * undo's or refund's) back notification once more, now (a duplicate of the same signed form; forge=true: signed by a key nobody trusts).
 */
@Path("/admin/channels/unionpay/orders")
public class UnionPayAdminResource {
    @Inject
    AcpTransactions transactions;
    @Inject
    UnionPayNotifier notifier;

    public record TransactionView(String orderId, String txnTime, String txnType, long txnAmt, String queryId,
            String origQryId, String state, long refundedAmt, int notificationsSent, int notificationsAcknowledged) {
    }

    public record Resent(boolean forged, boolean acknowledged, int status, String body, String error) {
    }

    @GET
    @Path("{orderId}")
    public TransactionView transaction(@PathParam("orderId") String orderId) {
        AcpTransaction.Snapshot tx = known(orderId).snapshot();
        return new TransactionView(tx.orderId(), tx.txnTime(), tx.txnType(), tx.amountFen(), tx.queryId(), tx.origQryId(),
                tx.state() == null ? "SUCCEEDED" : tx.state().name(), tx.refundedFen(), tx.notificationsSent(),
                tx.notificationsAcknowledged());
    }

    @POST
    @Path("{orderId}/notify")
    public Resent notify(@PathParam("orderId") String orderId, @QueryParam("forge") @DefaultValue("false") boolean forge) {
        AcpTransaction tx = known(orderId);
        Map<String, String> last = tx.lastNotification();
        if (last == null) {
            throw new WebApplicationException("order " + orderId + " has no notification (not paid yet)",
                    Response.Status.CONFLICT);
        }
        NotificationSender.Delivery delivery = notifier.resend(tx, last, forge);
        return new Resent(forge, UnionPayNotifier.acknowledges(delivery), delivery.status(), delivery.body(),
                delivery.error());
    }

    private AcpTransaction known(String orderId) {
        return transactions.byOrderId(orderId).orElseThrow(() -> new NotFoundException("no unionpay order " + orderId));
    }
}
