package dev.paysaga.payment.persistence;

import dev.paysaga.contracts.ChannelTransactionEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The channels' final words on payments; the first one for a payment counts. */
@ApplicationScoped
public class ChannelOutcomes {
    private static final String RECORD = """
            insert into channel_outcome (payment_id, channel, channel_transaction_id, succeeded, failure_code)
            values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""";
    private static final String FIND = "select succeeded, failure_code from channel_outcome where payment_id = ?1";
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('channel_outcome:' || ?1))";

    public record Outcome(boolean succeeded, String failureCode) {
    }

    /**
     * Serialises, for one payment (or one refund: by its id), the channel step's Try and the channel's
     * outcome until the transaction ends — whether or not the row exists yet — so neither can miss the other.
     */
    public Uni<Void> lock(String paymentOrRefundId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK).setParameter(1, paymentOrRefundId).getResultList())
                .replaceWithVoid();
    }

    /** Records the outcome; false if one was recorded before (which stands). */
    public Uni<Boolean> record(ChannelTransactionEvent event) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD)
                .setParameter(1, event.paymentId()).setParameter(2, event.channel())
                .setParameter(3, event.channelTransactionId())
                .setParameter(4, ChannelTransactionEvent.SUCCEEDED_STATUS.equals(event.status()))
                .setParameter(5, event.failureCode()).executeUpdate()).map(n -> n == 1);
    }

    public Uni<Outcome> find(String paymentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(FIND, Object[].class)
                        .setParameter(1, paymentId).getResultList())
                .map(rows -> rows.isEmpty() ? null : new Outcome((Boolean) rows.get(0)[0], (String) rows.get(0)[1]));
    }
}
