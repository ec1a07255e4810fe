package dev.paysaga.ledger.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/**
 * What must hold after every operation, over the whole ledger (earlier runs included): each
 * currency balances, no flagged account is past its limit, and every account's balances are
 * those of its last journal entry.
 */
public final class LedgerInvariants {
    private LedgerInvariants() {
    }

    public static void assertHold() {
        assertEquals(List.of(), strings("""
                select currency || ': posted ' || sum(debits_posted) || '/' || sum(credits_posted)
                       || ', pending ' || sum(debits_pending) || '/' || sum(credits_pending)
                  from account group by currency
                having sum(debits_posted) <> sum(credits_posted) or sum(debits_pending) <> sum(credits_pending)"""),
                "every currency balances");
        assertEquals(List.of(), strings("""
                select id from account
                 where (debits_must_not_exceed_credits and debits_pending + debits_posted > credits_posted)
                    or (credits_must_not_exceed_debits and credits_pending + credits_posted > debits_posted)"""),
                "no account past its limit");
        assertEquals(List.of(), strings("""
                select a.id from account a
                  join lateral (select * from entry e where e.account_id = a.id order by e.id desc limit 1) last on true
                 where (last.debits_pending, last.debits_posted, last.credits_pending, last.credits_posted)
                       <> (a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted)"""),
                "every account's balances are its last entry's");
    }

    public static List<String> strings(String sql, Object... params) {
        return onVertx(() -> Panache.withSession(() -> Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, String.class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getResultList();
        })));
    }

    /** Hibernate Reactive needs a Vert.x context; the test thread borrows one and waits. */
    public static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
