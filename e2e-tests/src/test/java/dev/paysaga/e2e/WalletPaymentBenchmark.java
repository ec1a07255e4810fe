package dev.paysaga.e2e;

import static dev.paysaga.e2e.Bench.call;
import static dev.paysaga.e2e.Bench.inParallel;
import static dev.paysaga.e2e.Bench.percentiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wallet payment benchmark (not a test): N orders paid from one wallet through the public API,
 * CONCURRENCY payments in flight at a time (closed loop: a client pays its next order when its last
 * saga ended). Prints completed sagas/s, end-to-end latency (pay request sent → saga terminal), the
 * failures, and the consistency checker's verdict; exits 1 if the sagas do not agree.
 * Run it with deploy/local/bench/wallet-payments.sh against a running suite (deploy/local/run.sh).
 */
public final class WalletPaymentBenchmark {
    private static final long PRICE = 100;
    private static final List<String> FINAL = List.of("COMPLETED", "CANCELLED", "NEEDS_ATTENTION");

    /** One payment as the client saw it, then as the orchestrator finished it. */
    private record Run(String sagaId, Instant sent, long acceptMillis, String status, Instant ended) {
        long endToEndMillis() {
            return Duration.between(sent, ended).toMillis();
        }
    }

    private record Terminal(String status, Instant at) {
    }

    private final int n;
    private final int concurrency;
    private final String customer = "cus_bench_" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, CompletableFuture<Terminal>> unfinished = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    private WalletPaymentBenchmark(int n, int concurrency) {
        this.n = n;
        this.concurrency = concurrency;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        System.exit(new WalletPaymentBenchmark(n, concurrency).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        String sku = "sku_bench_" + UUID.randomUUID().toString().substring(0, 8);
        call(Callers.merchantKey(), "PUT", Suite.GATEWAY + "/v1/inventory/" + sku, "{\"on_hand\":" + n + "}", 200);
        call(Callers.platformKey(), "POST", Suite.GATEWAY + "/v1/wallets/" + customer + "/top_ups",
                "{\"amount\":" + n * PRICE + ",\"currency\":\"CNY\",\"merchant_id\":\"" + Callers.MERCHANT
                        + "\",\"reason\":\"benchmark funds\"}", 201);

        // Each client places its next order just before paying it: orders placed all up front would
        // reach their unpaid-order timeout (15 min) before a long run pays the last of them.
        System.out.printf("placing and paying %,d orders with the wallet, %d in flight%n", n, concurrency);
        String order = "{\"merchant_id\":\"" + Callers.MERCHANT + "\",\"customer_id\":\"" + customer + "\",\"currency\":\"CNY\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1,\"unit_amount\":" + PRICE + "}]}";
        Thread watcher = daemon(this::watchSagas);
        long paying = System.nanoTime();
        Thread progress = daemon(() -> progress(paying));
        List<Run> runs = inParallel(n, concurrency,
                i -> pay(call(Callers.merchantKey(), "POST", Suite.GATEWAY + "/v1/orders", order, 201).get("id").asText()));
        double elapsed = seconds(paying);
        progress.interrupt();
        watcher.interrupt();
        return report(runs, elapsed);
    }

    private Run pay(String orderId) {
        Instant sent = Instant.now();
        long start = System.nanoTime();
        JsonNode accepted;
        try {
            accepted = call(Callers.merchantKey(), "POST", Suite.GATEWAY + "/v1/orders/" + orderId + "/pay",
                    "{\"method\":\"wallet\",\"terminal\":\"web\"}", 202);
        } catch (IllegalStateException e) {
            if (refused.incrementAndGet() <= 5) {
                System.out.println("pay refused: " + e.getMessage());
            }
            return null;
        }
        long acceptMillis = (System.nanoTime() - start) / 1_000_000;
        String sagaId = accepted.get("saga_id").asText();
        Terminal end = unfinished.computeIfAbsent(sagaId, id -> new CompletableFuture<>()).join();
        return new Run(sagaId, sent, acceptMillis, end.status(), end.at());
    }

    /** One reader for all clients: every 50 ms, which of the sagas in flight have ended, and when. */
    private void watchSagas() {
        try (Connection db = Suite.database("saga-orchestrator");
                PreparedStatement ended = db.prepareStatement(
                        "select id, status, updated_at from saga where id = any(?) and status = any(?)")) {
            ended.setArray(2, db.createArrayOf("text", FINAL.toArray()));
            while (!Thread.currentThread().isInterrupted()) {
                if (!unfinished.isEmpty()) {
                    ended.setArray(1, db.createArrayOf("text", unfinished.keySet().toArray()));
                    try (ResultSet rows = ended.executeQuery()) {
                        while (rows.next()) {
                            CompletableFuture<Terminal> waiting = unfinished.remove(rows.getString(1));
                            waiting.complete(new Terminal(rows.getString(2), rows.getTimestamp(3).toInstant()));
                        }
                    }
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void progress(long since) {
        try (Connection db = Suite.database("saga-orchestrator");
                PreparedStatement query = db.prepareStatement("""
                        select count(*) filter (where status = 'COMPLETED'), count(*) filter (where status = 'WAITING')
                          from saga where state -> 'payload' ->> 'customer_id' = ?""")) {
            query.setString(1, customer);
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(30_000);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    System.out.printf("  %4.0f s: %,d completed (%.1f/s), %d waiting for a slot%n", seconds(since),
                            row.getLong(1), row.getLong(1) / seconds(since), row.getLong(2));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            System.out.println("  progress unavailable: " + e);
        }
    }

    private boolean report(List<Run> all, double elapsed) throws Exception {
        List<Run> runs = all.stream().filter(r -> r != null).toList();
        Map<String, Integer> byStatus = new TreeMap<>();
        runs.forEach(r -> byStatus.merge(r.status().toLowerCase(), 1, Integer::sum));
        long completed = runs.stream().filter(r -> r.status().equals("COMPLETED")).count();
        Instant first = runs.stream().map(Run::sent).min(Instant::compareTo).orElseThrow();
        Instant last = runs.stream().map(Run::ended).max(Instant::compareTo).orElseThrow();
        double window = Duration.between(first, last).toMillis() / 1000.0;
        System.out.printf("sagas: %,d %s; pay requests refused: %d%n", runs.size(), byStatus, refused.get());
        System.out.printf("throughput: %.1f completed sagas/s (%,d in %.1f s, first pay request to last saga ended)%n",
                completed / window, completed, window);
        System.out.println("latency ms, pay request sent -> saga terminal: "
                + percentiles(runs.stream().map(Run::endToEndMillis).toList()));
        System.out.println("latency ms, pay request sent -> 202 accepted:  "
                + percentiles(runs.stream().map(Run::acceptMillis).toList()));
        System.out.printf("cancelled because: %s%n", failureCodes(runs));

        List<String> sagaIds = runs.stream().map(Run::sagaId).toList();
        long checking = System.nanoTime();
        List<String> violations = ConsistencyChecker.check(sagaIds);
        for (int retry = 0; !violations.isEmpty() && retry < 30; retry++) {
            Thread.sleep(1_000); // the public events land a moment after their saga ends
            violations = ConsistencyChecker.check(sagaIds);
        }
        long wallet = call(Callers.merchantKey(), "GET", Suite.GATEWAY + "/v1/wallets/" + customer + "?currency=CNY", null, 200)
                .get("available").asLong();
        long expectedWallet = (n - completed) * PRICE;
        if (wallet != expectedWallet) {
            violations = new ArrayList<>(violations);
            violations.add("wallet holds " + wallet + ", expected " + expectedWallet);
        }
        System.out.printf("consistency (%,d sagas checked in %.1f s; wallet %,d of %,d left): %s%n", sagaIds.size(),
                seconds(checking), wallet, n * PRICE, violations.isEmpty() ? "OK" : "VIOLATED");
        violations.stream().limit(20).forEach(v -> System.out.println("  " + v));
        System.out.printf("(wall clock for paying: %.1f s)%n", elapsed);
        return violations.isEmpty() && refused.get() == 0;
    }

    private Map<String, Integer> failureCodes(List<Run> runs) throws SQLException {
        Map<String, Integer> codes = new TreeMap<>();
        List<String> cancelled = runs.stream().filter(r -> !r.status().equals("COMPLETED")).map(Run::sagaId).toList();
        if (cancelled.isEmpty()) {
            return codes;
        }
        try (Connection db = Suite.database("saga-orchestrator");
                PreparedStatement query = db.prepareStatement(
                        "select coalesce(state ->> 'failure_code', state ->> 'failureCode', '?'), count(*) from saga where id = any(?) group by 1")) {
            query.setArray(1, db.createArrayOf("text", cancelled.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    codes.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return codes;
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
