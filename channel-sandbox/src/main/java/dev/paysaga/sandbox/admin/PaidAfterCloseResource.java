package dev.paysaga.sandbox.admin;

import dev.paysaga.sandbox.simulation.CustomerSimulator;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /admin/channels/{channel}/payments/{paymentId}/paid-after-close}: the customer paid the stale QR code of
 * a trade the merchant closed, just before the close took effect. The trade is paid as of now, so the channel's query
 * answers paid, its statement lists the payment and its refund API refunds it; the payment is notified as the channel
 * notifies every payment (unless never_notify). 404 for an unknown channel or trade, 409 for a trade not closed unpaid.
 */
@Path("/admin/channels/{channel}/payments/{paymentId}/paid-after-close")
public class PaidAfterCloseResource {
    @Inject
    Instance<LatePayments> channels;
    @Inject
    CustomerSimulator customers;
    @Inject
    Behaviours behaviours;

    @POST
    public LatePayments.PaidTrade pay(@PathParam("channel") String channel, @PathParam("paymentId") String paymentId) {
        LatePayments late = channels.stream().filter(c -> c.channel().equals(channel)).findFirst()
                .orElseThrow(() -> new NotFoundException("unknown channel " + channel));
        CustomerSimulator.Order order = late.order(paymentId)
                .orElseThrow(() -> new NotFoundException("no " + channel + " trade of " + paymentId));
        if (!customers.paysAfterClose(order, behaviours.of(channel))) {
            throw new WebApplicationException(channel + " trade of " + paymentId + " is not closed unpaid: "
                    + late.view(paymentId).status(), Response.Status.CONFLICT);
        }
        return late.view(paymentId);
    }
}
