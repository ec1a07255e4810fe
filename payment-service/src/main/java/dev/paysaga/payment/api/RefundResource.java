package dev.paysaga.payment.api;

import dev.paysaga.payment.domain.Refund;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.Locale;

/** Refunds: asked for on a payment ({@code POST /v1/payments/{id}/refunds}), run as a refund saga, read back here. */
@Path("/v1/refunds")
public class RefundResource {
    private final CurrentCaller current;

    RefundResource(CurrentCaller current) {
        this.current = current;
    }

    /** A refund as docs/api.md shows it. */
    public record RefundView(String id, String paymentId, long amount, String currency, String reason, String status,
            String failureCode, String sagaId, Instant createdAt, Instant updatedAt) {
        static RefundView of(Refund r) {
            return new RefundView(r.id, r.paymentId, r.amountMinor, r.currency, r.reason,
                    r.status.name().toLowerCase(Locale.ROOT), r.failureCode, r.sagaId, r.createdAt, r.updatedAt);
        }
    }

    @GET
    @Path("{id}")
    @WithSession
    @RequiresScope(Scopes.REFUNDS_READ)
    public Uni<RefundView> get(@PathParam("id") String id) {
        return VisibleTo.refund(current.get(), id).map(RefundView::of);
    }
}
