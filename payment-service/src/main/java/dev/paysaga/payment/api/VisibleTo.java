package dev.paysaga.payment.api;

import dev.paysaga.payment.domain.Payment;
import dev.paysaga.payment.domain.Refund;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Payments and refunds as a caller may see them. Another merchant's answers {@code not_found} exactly as
 * an unknown id does, so its ids reveal nothing. A refund belongs to the merchant of its payment.
 */
final class VisibleTo {
    private VisibleTo() {
    }

    /** Needs a session. */
    static Uni<Payment> payment(Caller caller, String id) {
        return Payment.<Payment>findById(id).map(payment -> {
            if (payment == null || !caller.sees(payment.merchantId)) {
                throw ApiException.notFound("payment", id);
            }
            return payment;
        });
    }

    /** Needs a session. */
    static Uni<Refund> refund(Caller caller, String id) {
        return Refund.<Refund>findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("refund", id))
                .call(refund -> Payment.<Payment>findById(refund.paymentId).invoke(payment -> {
                    if (!caller.sees(payment.merchantId)) {
                        throw ApiException.notFound("refund", id);
                    }
                }));
    }
}
