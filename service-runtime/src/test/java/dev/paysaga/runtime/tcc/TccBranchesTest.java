package dev.paysaga.runtime.tcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TCC fence as a table: each row is a sequence of phases delivered for one branch, what each
 * answers, and which business effects are left (try, confirm, cancel, and the Cancel of a Try that
 * never ran or was refused: "untried"). Against the real PostgreSQL.
 */
@QuarkusTest
class TccBranchesTest {
    @Inject
    TccBranches branches;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            try then confirm                     | T C   | ok ok                               | 1 1 0 0
            repeated try runs once               | T T   | ok ok                               | 1 0 0 0
            repeated confirm runs once           | T C C | ok ok ok                            | 1 1 0 0
            repeated cancel runs once            | T X X | ok ok ok                            | 1 0 1 0
            cancel before try: empty rollback    | X T   | ok cancelled_before_try             | 0 0 0 1
            refused try leaves nothing           | R     | insufficient_funds                  | 0 0 0 0
            refused try is replayed, not re-run  | R T   | insufficient_funds insufficient_funds | 0 0 0 0
            refused try then cancel              | R X   | insufficient_funds ok               | 0 0 0 1
            confirm without try                  | C     | invalid_state_transition            | 0 0 0 0
            cancel after confirm                 | T C X | ok ok invalid_state_transition      | 1 1 0 0
            confirm after cancel                 | T X C | ok ok invalid_state_transition      | 1 0 1 0
            repeated empty rollback settles once | X X   | ok ok                               | 0 0 0 1
            try answering later waits            | L L   | pending pending                     | 1 0 0 0
            settled later, then confirmed        | L S C | pending ok ok                       | 1 1 0 0
            settled as failed, then cancelled    | L F X | pending channel_declined ok         | 1 0 1 0
            cancelled while trying, late outcome | L X S | pending ok not_trying               | 1 0 1 0
            settled once only                    | L S F | pending ok not_trying               | 1 0 0 0
            settle without a try                 | S     | not_trying                          | 0 0 0 0
            """)
    void phasesFollowTheFence(String name, String phases, String answers, String effects) {
        String branch = UUID.randomUUID().toString();
        List<String> got = new ArrayList<>();
        for (String phase : phases.split(" ")) {
            got.add(answer(run(branch, phase)));
        }
        assertEquals(Arrays.asList(answers.split(" ")), got, "answers");
        assertEquals(effects, effects(branch), "effects left (try confirm cancel untried)");
    }

    @Test
    void aRepeatedTryReplaysTheFirstAnswersData() {
        String branch = UUID.randomUUID().toString();
        BranchResult first = run(branch, "T");
        BranchResult again = run(branch, "T");
        assertEquals(first.data(), again.data());
        assertEquals(branch, again.data().get("branch").asText());
    }

    /** Try and Cancel racing on 40 branches: never a Try effect left without its Cancel (no hanging reservation). */
    @Test
    void aTryRacingItsCancelNeverHangs() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> ids = new ArrayList<>();
        List<Future<BranchResult>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                String branch = UUID.randomUUID().toString();
                ids.add(branch);
                Callable<BranchResult> tryCall = () -> run(branch, "T");
                Callable<BranchResult> cancelCall = () -> run(branch, "X");
                calls.add(pool.submit(i % 2 == 0 ? tryCall : cancelCall));
                calls.add(pool.submit(i % 2 == 0 ? cancelCall : tryCall));
            }
            for (Future<BranchResult> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (String branch : ids) {
            String left = effects(branch);
            assertTrue(left.equals("1 0 1 0") || left.equals("0 0 0 1"), branch + " left " + left);
        }
    }

    private BranchResult run(String branch, String phase) {
        BranchId id = new BranchId(branch, "test");
        return onVertx(() -> Panache.withTransaction(() -> switch (phase) {
            case "T" -> branches.tryOnce(id, () -> effect(branch, "try")
                    .replaceWith(JsonNodeFactory.instance.objectNode().put("branch", branch)));
            case "L" -> branches.tryOnce(id, () -> effect(branch, "try")
                    .replaceWith(JsonNodeFactory.instance.objectNode().put("branch", branch)), data -> true);
            case "S" -> branches.settleTry(id, true, null, null);
            case "F" -> branches.settleTry(id, false, "channel_declined", "declined at the channel");
            case "R" -> branches.tryOnce(id, () -> effect(branch, "try")
                    .chain(() -> Uni.createFrom().failure(new TccRefusal("insufficient_funds", "no money"))));
            case "C" -> branches.confirmOnce(id, data -> effect(branch, "confirm"));
            case "X" -> branches.cancelOnce(id, data -> effect(branch, "cancel"), () -> effect(branch, "untried"));
            default -> throw new IllegalArgumentException(phase);
        }));
    }

    private static Uni<Void> effect(String branch, String kind) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into tcc_test_effect (branch, kind) values (?1, ?2)")
                .setParameter(1, branch).setParameter(2, kind).executeUpdate()).replaceWithVoid();
    }

    /** Hibernate Reactive needs a Vert.x context; the test thread borrows one and waits. */
    private static <T> T onVertx(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static String answer(BranchResult result) {
        if (result == null) {
            return "not_trying";
        }
        return result.pending() ? "pending" : result.succeeded() ? "ok" : result.failureCode();
    }

    /** "try confirm cancel untried" counts of effects committed for the branch. */
    private static String effects(String branch) {
        List<Object[]> rows = onVertx(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        select count(*) filter (where kind = 'try'), count(*) filter (where kind = 'confirm'),
                               count(*) filter (where kind = 'cancel'), count(*) filter (where kind = 'untried')
                          from tcc_test_effect where branch = ?1""", Object[].class)
                        .setParameter(1, branch).getResultList())));
        Object[] row = rows.get(0);
        return row[0] + " " + row[1] + " " + row[2] + " " + row[3];
    }

}
