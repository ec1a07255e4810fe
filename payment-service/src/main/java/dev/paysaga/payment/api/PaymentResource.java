package dev.paysaga.payment.api;

import dev.paysaga.payment.domain.Payment;
import dev.paysaga.payment.domain.Refunds;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.IdempotentRequests;
import dev.paysaga.runtime.money.Currencies;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestHeader;

@Path("/v1/payments")
public class PaymentResource {
    static final int MAX_REASON_LENGTH = 500;
    private final Refunds refunds;
    private final IdempotentRequests idempotency;

    PaymentResource(Refunds refunds, IdempotentRequests idempotency) {
        this.refunds = refunds;
        this.idempotency = idempotency;
    }

    public record RefundRequest(Long amount, String reason) {
    }

    /** A payment as API.md shows it. */
    public record PaymentView(String id, String orderId, String sagaId, long amount, String currency, String method,
            String channel, String status, long amountRefunded, String failureCode, String failureMessage,
            List<Object> attempts, Instant createdAt, Instant updatedAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id, p.orderId, p.sagaId, p.amountMinor, p.currency, p.method, p.channel,
                    p.status.name().toLowerCase(), p.amountRefundedMinor, p.failureCode, p.failureMessage, List.of(),
                    p.createdAt, p.updatedAt);
        }
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<PaymentView> get(@PathParam("id") String id) {
        return Payment.<Payment>findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("payment", id))
                .map(PaymentView::of);
    }

    @POST
    @Path("{id}/refunds")
    public Uni<Response> create(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String paymentId,
            RefundRequest request) {
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        long amount = Currencies.requirePositive(request.amount(), "amount");
        if (request.reason() != null && request.reason().length() > MAX_REASON_LENGTH) {
            throw ApiException.invalidRequest("reason", "reason is at most " + MAX_REASON_LENGTH + " characters");
        }
        return idempotency.run(key, "POST", "/v1/payments/" + paymentId + "/refunds", request, () -> refunds
                .request(paymentId, amount, request.reason())
                .map(refund -> Response.accepted(RefundResource.RefundView.of(refund)).build()));
    }
}
