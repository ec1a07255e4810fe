package dev.paysaga.runtime.tcc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The TCC branch fence every saga participant uses (docs/architecture.md, "TCC participants"). Each phase runs inside the
 * caller's transaction — normally the inbox's — together with the business change it guards:
 * <ul>
 * <li><b>idempotency</b>: a repeated Try, Confirm or Cancel answers what the first one did and
 * changes nothing;</li>
 * <li><b>empty rollback</b>: a Cancel with no Try recorded succeeds and is recorded;</li>
 * <li><b>anti-hanging</b>: a Try arriving after its Cancel is refused without running.</li>
 * </ul>
 * Concurrent phases of one branch serialise on its row ({@code insert … on conflict} waits for
 * the other transaction; reads lock the row).
 */
@ApplicationScoped
public class TccBranches {
    private static final String INSERT = """
            insert into tcc_branch (saga_id, step, status, empty_rollback)
            values (?1, ?2, ?3, ?4) on conflict do nothing""";
    private static final String CURRENT = """
            select status, try_result::text, failure_code, failure_message, empty_rollback
              from tcc_branch where saga_id = ?1 and step = ?2 for update""";
    private static final String UPDATE = """
            update tcc_branch set status = ?3, try_result = cast(cast(?4 as text) as jsonb),
                   failure_code = ?5, failure_message = ?6, updated_at = now()
             where saga_id = ?1 and step = ?2""";

    private final ObjectMapper mapper;

    TccBranches(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Runs {@code businessTry} once for the branch. It answers the data Confirm and Cancel will be
     * given, or throws {@link TccRefusal}; a refusal's writes are rolled back to a savepoint.
     */
    public Uni<BranchResult> tryOnce(BranchId id, Supplier<Uni<JsonNode>> businessTry) {
        return tryOnce(id, businessTry, data -> false);
    }

    /**
     * As {@link #tryOnce(BranchId, Supplier)}; when {@code answersLater} holds for the Try's data the
     * branch stays TRYING and answers {@link BranchResult#pending() pending} until {@link #settleTry}.
     */
    public Uni<BranchResult> tryOnce(BranchId id, Supplier<Uni<JsonNode>> businessTry,
            Predicate<JsonNode> answersLater) {
        return session().chain(session -> insert(session, id, "TRYING", false).chain(inserted -> inserted
                ? execute(session, "savepoint tcc_try").chain(() -> runTry(session, id, businessTry, answersLater))
                : current(session, id).map(TccBranches::replayTry)));
    }

    /**
     * Settles a TRYING branch once its outcome is known: TRIED, or TRY_FAILED with a code. Answers
     * the settled result, or {@code null} when the branch is not trying (unknown, already settled, or
     * cancelled first — then the caller must undo whatever the late outcome did elsewhere).
     */
    public Uni<BranchResult> settleTry(BranchId id, boolean succeeded, String code, String message) {
        return session().chain(session -> current(session, id).chain(branch -> {
            if (branch == null || !"TRYING".equals(branch.status())) {
                return Uni.createFrom().nullItem();
            }
            return succeeded
                    ? update(session, id, "TRIED", branch.tryResult(), null, null)
                            .replaceWith(BranchResult.success(branch.tryResult()))
                    : update(session, id, "TRY_FAILED", branch.tryResult(), code, message)
                            .replaceWith(BranchResult.failure(code, message));
        }));
    }

    /** Runs {@code businessConfirm} with Try's data once, if and only if Try succeeded. */
    public Uni<BranchResult> confirmOnce(BranchId id, Function<JsonNode, Uni<Void>> businessConfirm) {
        return session().chain(session -> current(session, id).chain(branch -> {
            if (branch == null) {
                return failed(BranchResult.INVALID_STATE_TRANSITION, "confirm of " + id + " without a try");
            }
            return switch (branch.status()) {
                case "CONFIRMED" -> Uni.createFrom().item(BranchResult.success(branch.tryResult()));
                case "TRIED" -> businessConfirm.apply(branch.tryResult())
                        .chain(() -> update(session, id, "CONFIRMED", branch.tryResult(), null, null))
                        .replaceWith(BranchResult.success(branch.tryResult()));
                default -> failed(BranchResult.INVALID_STATE_TRANSITION, id + " is " + branch.status());
            };
        }));
    }

    /** Runs {@code businessCancel} with Try's data once if Try succeeded; records an empty rollback if no Try came. */
    public Uni<BranchResult> cancelOnce(BranchId id, Function<JsonNode, Uni<Void>> businessCancel) {
        return cancelOnce(id, businessCancel, () -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #cancelOnce(BranchId, Function)}; {@code untried} runs once, in the same transaction,
     * when the Cancel is an empty rollback (no Try recorded) or the Try was refused.
     */
    public Uni<BranchResult> cancelOnce(BranchId id, Function<JsonNode, Uni<Void>> businessCancel,
            Supplier<Uni<Void>> untried) {
        return session().chain(session -> insert(session, id, "CANCELLED", true).chain(inserted -> {
            if (inserted) {
                // Empty rollback, now fenced against its late Try.
                return Uni.createFrom().deferred(untried::get).replaceWith(BranchResult.success(null));
            }
            return current(session, id).chain(branch -> switch (branch.status()) {
                case "CANCELLED" -> Uni.createFrom().item(BranchResult.success(branch.tryResult()));
                // A refused Try left nothing (its writes were rolled back); one settled as failed later
                // kept its writes and its data, which its Cancel must undo.
                case "TRY_FAILED" -> (branch.tryResult() == null ? Uni.createFrom().deferred(untried::get)
                        : businessCancel.apply(branch.tryResult()))
                        .chain(() -> update(session, id, "CANCELLED", branch.tryResult(), branch.failureCode(),
                                branch.failureMessage()))
                        .replaceWith(BranchResult.success(null));
                case "TRIED", "TRYING" -> businessCancel.apply(branch.tryResult())
                        .chain(() -> update(session, id, "CANCELLED", branch.tryResult(), null, null))
                        .replaceWith(BranchResult.success(branch.tryResult()));
                default -> failed(BranchResult.INVALID_STATE_TRANSITION, id + " is already " + branch.status());
            });
        }));
    }

    private Uni<BranchResult> runTry(Mutiny.Session session, BranchId id, Supplier<Uni<JsonNode>> businessTry,
            Predicate<JsonNode> answersLater) {
        return Uni.createFrom().deferred(businessTry::get).chain(data -> answersLater.test(data)
                ? update(session, id, "TRYING", data, null, null).replaceWith(BranchResult.awaiting(data))
                : update(session, id, "TRIED", data, null, null).replaceWith(BranchResult.success(data)))
                .onFailure(TccRefusal.class).recoverWithUni(failure -> {
                    TccRefusal refusal = (TccRefusal) failure;
                    // Undo what the Try wrote (flushed first, so nothing of it is left pending), keep the fence row
                    // and whatever the refusal keeps of why.
                    return session.flush()
                            .chain(() -> execute(session, "rollback to savepoint tcc_try"))
                            .invoke(session::clear)
                            .chain(refusal::keep)
                            .chain(() -> update(session, id, "TRY_FAILED", null, refusal.code(), refusal.getMessage()))
                            .replaceWith(BranchResult.failure(refusal.code(), refusal.getMessage()));
                });
    }

    private static BranchResult replayTry(Branch branch) {
        return switch (branch.status()) {
            case "TRIED", "CONFIRMED" -> BranchResult.success(branch.tryResult());
            case "TRYING" -> BranchResult.awaiting(branch.tryResult());
            case "TRY_FAILED" -> BranchResult.failure(branch.failureCode(), branch.failureMessage());
            default -> branch.emptyRollback()
                    ? BranchResult.failure(BranchResult.CANCELLED_BEFORE_TRY, "the branch was cancelled before its try")
                    : BranchResult.failure(BranchResult.INVALID_STATE_TRANSITION, "the branch is already cancelled");
        };
    }

    private record Branch(String status, JsonNode tryResult, String failureCode, String failureMessage,
            boolean emptyRollback) {
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "TCC phases run inside the transaction of the business change they fence"))
                .chain(tx -> Panache.getSession());
    }

    private static Uni<Boolean> insert(Mutiny.Session session, BranchId id, String status, boolean emptyRollback) {
        return session.createNativeQuery(INSERT)
                .setParameter(1, id.sagaId()).setParameter(2, id.step())
                .setParameter(3, status).setParameter(4, emptyRollback)
                .executeUpdate().map(count -> count == 1);
    }

    private Uni<Branch> current(Mutiny.Session session, BranchId id) {
        return session.createNativeQuery(CURRENT, Object[].class)
                .setParameter(1, id.sagaId()).setParameter(2, id.step())
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : branch(rows.get(0)));
    }

    private Branch branch(Object[] row) {
        return new Branch((String) row[0], parse((String) row[1]), (String) row[2], (String) row[3], (Boolean) row[4]);
    }

    private Uni<Void> update(Mutiny.Session session, BranchId id, String status, JsonNode tryResult, String code,
            String message) {
        return session.createNativeQuery(UPDATE)
                .setParameter(1, id.sagaId()).setParameter(2, id.step()).setParameter(3, status)
                .setParameter(4, tryResult == null ? null : tryResult.toString())
                .setParameter(5, code).setParameter(6, message)
                .executeUpdate().replaceWithVoid();
    }

    private static Uni<Integer> execute(Mutiny.Session session, String sql) {
        return session.createNativeQuery(sql).executeUpdate();
    }

    private static Uni<BranchResult> failed(String code, String message) {
        return Uni.createFrom().item(BranchResult.failure(code, message));
    }

    private JsonNode parse(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tcc_branch.try_result is not JSON", e);
        }
    }
}
