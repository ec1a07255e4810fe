package dev.paysaga.ledger.api;

import static dev.paysaga.ledger.support.LedgerClient.balances;
import static dev.paysaga.ledger.support.LedgerClient.freshId;
import static dev.paysaga.ledger.support.LedgerClient.openAccount;
import static dev.paysaga.ledger.support.LedgerClient.transfer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.ledger.domain.PendingExpiry;
import dev.paysaga.ledger.support.LedgerInvariants;
import dev.paysaga.ledger.support.SequenceShrinker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of transfers, posts (full and partial), voids, expiries and repeated ids, run
 * against the service and against a small in-memory model of the ledger's rules; after every step
 * the answer and every balance must agree. The sequences come from a seeded {@link Random}: a
 * failure names its seed and is shrunk ({@link SequenceShrinker}) to a short sequence that still
 * fails, and {@code -Dledger.property.seed} replays it.
 */
@QuarkusTest
class LedgerPropertyTest {
    static final int TRIES = 10;
    static final int MAX_STEPS = 15;
    /** Re-runs a failure may spend on shrinking (each opens accounts and replays through the API). */
    static final int MAX_SHRINK_RUNS = 60;
    /** Past every generated timeout (3,600 s), well before none of them. */
    static final Duration EXPIRY_LOOKAHEAD = Duration.ofHours(2);

    @Inject
    PendingExpiry expiry;

    sealed interface Step permits Move, Post, VoidIt, Expire, Repeat {
    }

    /** A single (or pending) transfer between two of the three accounts (0 funding, 1 and 2 wallets). */
    record Move(int debit, int credit, long amount, boolean pending, boolean timed) implements Step {
    }

    /** Posts the n-th pending transfer made so far (modulo), in full (null) or the given amount. */
    record Post(int pendingOrdinal, Long amount) implements Step {
    }

    record VoidIt(int pendingOrdinal) implements Step {
    }

    record Expire() implements Step {
    }

    /** Sends an earlier request again, same id and body. */
    record Repeat(int requestOrdinal) implements Step {
    }

    /** A random sequence; the same seed gives the same sequence. */
    static List<Step> sequence(Random random) {
        List<Step> steps = new ArrayList<>();
        int length = 1 + random.nextInt(MAX_STEPS);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(13); // weights: 5 moves, 3 posts, 2 voids, 1 expiry, 2 repeats
            if (kind < 5) {
                int debit = random.nextInt(3);
                boolean pending = random.nextBoolean();
                steps.add(new Move(debit, (debit + 1 + random.nextInt(2)) % 3, 1 + random.nextInt(500), pending,
                        pending && random.nextBoolean()));
            } else if (kind < 8) {
                steps.add(new Post(random.nextInt(50), random.nextBoolean() ? null : 1L + random.nextInt(600)));
            } else if (kind < 10) {
                steps.add(new VoidIt(random.nextInt(50)));
            } else if (kind < 11) {
                steps.add(new Expire());
            } else {
                steps.add(new Repeat(random.nextInt(50)));
            }
        }
        return steps;
    }

    @Test
    void theServiceAgreesWithTheModelAfterEveryStep() {
        long seed = Long.getLong("ledger.property.seed", new Random().nextLong());
        Random random = new Random(seed);
        for (int i = 0; i < TRIES; i++) {
            checkShrinking(sequence(random), "seed " + seed + " (-Dledger.property.seed), try " + i);
        }
        LedgerInvariants.assertHold();
    }

    /** Runs the sequence; if it fails, reports it with the smallest failing sequence found by shrinking. */
    private void checkShrinking(List<Step> steps, String run) {
        AssertionError failure = failure(steps, run);
        if (failure == null) {
            return;
        }
        List<Step> shrunk = SequenceShrinker.shrink(steps, candidate -> failure(candidate, run + ", shrinking") != null,
                MAX_SHRINK_RUNS);
        AssertionError smallest = failure(shrunk, run + ", shrunk");
        throw new AssertionError(run + " fails; shrunk from " + steps.size() + " to " + shrunk.size() + " steps "
                + shrunk + ": " + (smallest == null ? failure : smallest).getMessage(), failure);
    }

    private AssertionError failure(List<Step> steps, String run) {
        try {
            check(steps, run);
            return null;
        } catch (AssertionError e) {
            return e;
        }
    }

    private void check(List<Step> steps, String run) {
        String[] accounts = {openAccount("platform_funding", "CNY"), openAccount("customer_wallet", "CNY"),
                openAccount("customer_wallet", "CNY")};
        Model model = new Model(accounts);
        List<Map<String, Object>> sent = new ArrayList<>();
        List<String> pendings = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String where = run + ", step " + i + " of " + steps;
            if (step instanceof Expire) {
                LedgerInvariants.onVertx(() -> expiry.expireDue(Instant.now().plus(EXPIRY_LOOKAHEAD)));
                model.expireTimed();
            } else {
                Map<String, Object> body = request(step, accounts, sent, pendings);
                if (body == null) {
                    continue; // a repeat before anything was sent
                }
                sent.add(body);
                String expected = model.apply(body);
                Response answer = transfer(body);
                assertEquals(expected, outcome(answer), where + ": " + answer.asString());
            }
            for (int a = 0; a < accounts.length; a++) {
                long[] actual = balances(accounts[a]);
                assertArrayEquals(model.balances(a), Arrays.copyOf(actual, 4), where + ", account " + a);
            }
        }
    }

    /** The JSON body of a step; pending transfers are remembered so later steps can resolve them. */
    private static Map<String, Object> request(Step step, String[] accounts, List<Map<String, Object>> sent,
            List<String> pendings) {
        if (step instanceof Move m) {
            Map<String, Object> b = new HashMap<>(Map.of("id", freshId("tr"), "type", m.pending() ? "pending" : "single",
                    "debit_account_id", accounts[m.debit()], "credit_account_id", accounts[m.credit()],
                    "amount", m.amount(), "currency", "CNY", "code", "property"));
            if (m.timed()) {
                b.put("timeout_seconds", 3_600);
            }
            if (m.pending()) {
                pendings.add((String) b.get("id"));
            }
            return b;
        }
        if (step instanceof Post p) {
            Map<String, Object> b = new HashMap<>(Map.of("id", freshId("tr"), "type", "post_pending",
                    "pending_id", pick(pendings, p.pendingOrdinal())));
            if (p.amount() != null) {
                b.put("amount", p.amount());
            }
            return b;
        }
        if (step instanceof VoidIt v) {
            return new HashMap<>(Map.of("id", freshId("tr"), "type", "void_pending",
                    "pending_id", pick(pendings, v.pendingOrdinal())));
        }
        Repeat r = (Repeat) step;
        return sent.isEmpty() ? null : sent.get(r.requestOrdinal() % sent.size());
    }

    private static String pick(List<String> pendings, int ordinal) {
        return pendings.isEmpty() ? "tr_missing" : pendings.get(ordinal % pendings.size());
    }

    private static String outcome(Response r) {
        return switch (r.statusCode()) {
            case 201 -> "created";
            case 200 -> "exists";
            default -> r.path("code");
        };
    }

    /** The ledger's rules for the three accounts, written independently of the service's code. */
    static final class Model {
        private final String[] accounts;
        private final long[][] balances = new long[3][4]; // debits pending, debits posted, credits pending, credits posted
        private final Map<String, Map<String, Object>> transfers = new HashMap<>();
        private final Map<String, String> pendingStatus = new LinkedHashMap<>();
        private final Map<String, Boolean> timed = new HashMap<>();

        Model(String[] accounts) {
            this.accounts = accounts;
        }

        long[] balances(int account) {
            return balances[account].clone();
        }

        String apply(Map<String, Object> body) {
            String id = (String) body.get("id");
            if (transfers.containsKey(id)) {
                return transfers.get(id).equals(body) ? "exists" : "exists_with_different_something";
            }
            String type = (String) body.get("type");
            String outcome = switch (type) {
                case "single", "pending" -> move(body, type.equals("pending"));
                default -> resolve(body, type.equals("post_pending"));
            };
            if (outcome.equals("created")) {
                transfers.put(id, body);
            }
            return outcome;
        }

        private String move(Map<String, Object> body, boolean pending) {
            int debit = index((String) body.get("debit_account_id"));
            int credit = index((String) body.get("credit_account_id"));
            long amount = ((Number) body.get("amount")).longValue();
            long[] d = balances[debit];
            if (debit != 0 && d[0] + d[1] + amount > d[3]) { // wallets may not be overdrawn
                return "insufficient_funds";
            }
            int slot = pending ? 0 : 1;
            d[slot] += amount;
            balances[credit][slot + 2] += amount;
            if (pending) {
                pendingStatus.put((String) body.get("id"), "pending");
                timed.put((String) body.get("id"), body.containsKey("timeout_seconds"));
            }
            return "created";
        }

        private String resolve(Map<String, Object> body, boolean post) {
            String pendingId = (String) body.get("pending_id");
            String status = pendingStatus.get(pendingId);
            if (status == null) {
                return "pending_transfer_not_found";
            }
            if (!status.equals("pending")) {
                return "pending_transfer_already_" + status;
            }
            Map<String, Object> pending = transfers.get(pendingId);
            long held = ((Number) pending.get("amount")).longValue();
            long posted = !post ? 0 : body.containsKey("amount") ? ((Number) body.get("amount")).longValue() : held;
            if (posted > held) {
                return "exceeds_pending_amount";
            }
            release(pending, held, posted);
            pendingStatus.put(pendingId, post ? "posted" : "voided");
            return "created";
        }

        void expireTimed() {
            pendingStatus.forEach((id, status) -> {
                if (status.equals("pending") && timed.get(id)) {
                    Map<String, Object> pending = transfers.get(id);
                    release(pending, ((Number) pending.get("amount")).longValue(), 0);
                    pendingStatus.put(id, "expired");
                }
            });
        }

        private void release(Map<String, Object> pending, long held, long posted) {
            long[] d = balances[index((String) pending.get("debit_account_id"))];
            long[] c = balances[index((String) pending.get("credit_account_id"))];
            d[0] -= held;
            d[1] += posted;
            c[2] -= held;
            c[3] += posted;
        }

        private int index(String accountId) {
            for (int i = 0; i < accounts.length; i++) {
                if (accounts[i].equals(accountId)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(accountId);
        }
    }
}
