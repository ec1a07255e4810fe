package dev.paysaga.payment.api;

import dev.paysaga.payment.domain.Payment;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;

@Path("/v1/payments")
public class PaymentResource {

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
}
