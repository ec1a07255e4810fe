package dev.paysaga.payment.api;

import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.payment.domain.Payment;
import dev.paysaga.payment.domain.Refunds;
import dev.paysaga.payment.messaging.ChannelRouter;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.IdempotentRequests;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.money.Currencies;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;

@Path("/v1/payments")
public class PaymentResource {
    static final int MAX_REASON_LENGTH = 500;
    private static final Duration ATTEMPTS_WITHIN = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(PaymentResource.class);
    private final Refunds refunds;
    private final IdempotentRequests idempotency;
    private final ChannelRouter router;
    private final CurrentCaller current;

    PaymentResource(Refunds refunds, IdempotentRequests idempotency, @RestClient ChannelRouter router,
            CurrentCaller current) {
        this.refunds = refunds;
        this.idempotency = idempotency;
        this.router = router;
        this.current = current;
    }

    public record RefundRequest(Long amount, String reason) {
    }

    /** A payment as docs/api.md shows it. */
    public record PaymentView(String id, String orderId, String sagaId, long amount, String currency, String method,
            String channel, String status, long amountRefunded, String failureCode, String failureMessage,
            List<ChannelRouter.Attempt> attempts, Instant createdAt, Instant updatedAt) {
        static PaymentView of(Payment p, List<ChannelRouter.Attempt> attempts) {
            return new PaymentView(p.id, p.orderId, p.sagaId, p.amountMinor, p.currency, p.method, p.channel,
                    p.status.name().toLowerCase(), p.amountRefundedMinor, p.failureCode, p.failureMessage, attempts,
                    p.createdAt, p.updatedAt);
        }
    }

    @GET
    @Path("{id}")
    @WithSession
    @RequiresScope(Scopes.PAYMENTS_READ)
    public Uni<PaymentView> get(@PathParam("id") String id) {
        return VisibleTo.payment(current.get(), id)
                .chain(p -> attempts(p).map(attempts -> PaymentView.of(p, attempts)));
    }

    /**
     * Which channels were tried and why: channel-router-service records every attempt (routing, failover)
     * and is asked when the payment is read. Should it not answer in time, the payment is shown without
     * them rather than not at all.
     */
    private Uni<List<ChannelRouter.Attempt>> attempts(Payment p) {
        if (PaymentInstruction.WALLET.equals(p.method)) {
            return Uni.createFrom().item(List.of());
        }
        return router.get(p.id).map(ChannelRouter.Transaction::attempts)
                .ifNoItem().after(ATTEMPTS_WITHIN).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("attempts of %s not shown: %s", p.id, failure.toString());
                    return List.of();
                });
    }

    /**
     * Another merchant's payment is refused before the Idempotency-Key is claimed: its 404 is recorded under no
     * key, so it can neither be replayed to nor block the payment's own merchant.
     */
    @POST
    @Path("{id}/refunds")
    @RequiresScope(Scopes.REFUNDS_WRITE)
    @APIResponse(responseCode = "202", description = "The refund, requested: it runs as a saga", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefundResource.RefundView.class)))
    public Uni<Response> create(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String paymentId,
            RefundRequest request) {
        Caller caller = current.get();
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        long amount = Currencies.requirePositive(request.amount(), "amount");
        if (request.reason() != null && request.reason().length() > MAX_REASON_LENGTH) {
            throw ApiException.invalidRequest("reason", "reason is at most " + MAX_REASON_LENGTH + " characters");
        }
        return Panache.withSession(() -> VisibleTo.payment(caller, paymentId))
                .chain(() -> idempotency.run(key, "POST", "/v1/payments/" + paymentId + "/refunds", request,
                        () -> refunds.request(paymentId, amount, request.reason())
                                .map(refund -> Response.accepted(RefundResource.RefundView.of(refund)).build())));
    }
}
