package dev.paysaga.e2e;

import static dev.paysaga.e2e.Bench.callAsync;
import static dev.paysaga.e2e.Bench.percentiles;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.runtime.testing.WebhookReceiver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The wallet payment benchmark (not a test): orders placed and paid from one wallet through the public
 * API, each payment's outcome learnt from the public {@code payment.events} topic as a merchant would.
 * <ul>
 * <li>closed loop, {@code N CONCURRENCY}: CONCURRENCY clients each place an order, pay it and wait for
 * its payment event before the next;</li>
 * <li>open loop, {@code --rate R --seconds S}: an order placed and paid every 1/R s whatever happened to
 * the earlier ones; latency counts from the planned arrival, so a slow answer cannot hide the queue
 * behind it (no coordinated omission).</li>
 * </ul>
 * With {@code --webhooks} the merchant also has a webhook endpoint on a receiver in this client, and the
 * benchmark prints when each payment's {@code payment.succeeded} webhook arrived.
 * Prints completed sagas/s, latency percentiles, CPU per saga of every process on the machine,
 * messages and database transactions per saga, and the consistency checker's verdict; exits 1 if
 * the sagas do not agree. The HTTP client is asynchronous, so the client's threads are never the limit.
 * Run it with deploy/local/bench/wallet-payments.sh against a running suite (deploy/local/run.sh).
 */
public final class WalletPaymentBenchmark {
    private static final long PRICE = 100;
    private static final Duration OUTCOME_WITHIN = Duration.ofMinutes(3);

    /** One payment: planned arrival, pay request sent, 202 received, payment event received (client clock). */
    private record Run(String sagaId, long arrival, long paySent, long accepted, PaymentEventsFeed.Outcome outcome) {
        long toOutcomeMillis(long from) {
            return (outcome.at() - from) / 1_000_000;
        }
    }

    private final int n;
    private final int concurrency; // 0 in the open loop
    private final double rate; // 0 in the closed loop
    private final String customer = "cus_bench_" + UUID.randomUUID().toString().substring(0, 8);
    private final String merchantKey = Callers.merchantKey();
    private final Queue<Run> runs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final CountDownLatch done;
    private final boolean webhooks;
    private WebhookReceiver receiver;
    private PaymentEventsFeed feed;
    private String order;

    private WalletPaymentBenchmark(int n, int concurrency, double rate, boolean webhooks) {
        this.n = n;
        this.concurrency = concurrency;
        this.rate = rate;
        this.webhooks = webhooks;
        this.done = new CountDownLatch(n);
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        int warmup = 0;
        boolean webhooks = rest.remove("--webhooks");
        if (!rest.isEmpty() && rest.get(0).equals("--warmup")) {
            warmup = Integer.parseInt(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        WalletPaymentBenchmark benchmark;
        if (!rest.isEmpty() && rest.get(0).equals("--rate")) {
            double rate = Double.parseDouble(rest.get(1));
            int seconds = rest.size() > 3 && rest.get(2).equals("--seconds") ? Integer.parseInt(rest.get(3)) : 60;
            benchmark = new WalletPaymentBenchmark((int) Math.round(rate * seconds), 0, rate, webhooks);
        } else {
            benchmark = new WalletPaymentBenchmark(rest.size() > 0 ? Integer.parseInt(rest.get(0)) : 1_000,
                    rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 16, 0, webhooks);
        }
        if (warmup > 0) {
            // A JVM just started runs its first minutes interpreted and compiling: those are not its speed.
            System.out.printf("warm-up: %,d payments, 16 in flight, measured and checked like any run%n", warmup);
            if (!new WalletPaymentBenchmark(warmup, 16, 0, webhooks).run()) {
                System.exit(1);
            }
            System.out.println();
        }
        System.exit(benchmark.run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        String sku = "sku_bench_" + UUID.randomUUID().toString().substring(0, 8);
        Bench.call(merchantKey, "PUT", Suite.GATEWAY + "/v1/inventory/" + sku, "{\"on_hand\":" + n + "}", 200);
        Bench.call(Callers.platformKey(), "POST", Suite.GATEWAY + "/v1/wallets/" + customer + "/top_ups",
                "{\"amount\":" + n * PRICE + ",\"currency\":\"CNY\",\"merchant_id\":\"" + Callers.MERCHANT
                        + "\",\"reason\":\"benchmark funds\"}", 201);
        order = "{\"merchant_id\":\"" + Callers.MERCHANT + "\",\"customer_id\":\"" + customer + "\",\"currency\":\"CNY\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1,\"unit_amount\":" + PRICE + "}]}";

        vacuum();
        String endpoint = webhooks ? webhookEndpoint() : null;
        try (PaymentEventsFeed events = new PaymentEventsFeed()) {
            feed = events;
            Usage before = Usage.now();
            long start = System.nanoTime();
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            clock.scheduleAtFixedRate(() -> System.out.printf("  %4.0f s: %,d of %,d ended (%.1f/s)%n",
                    seconds(start), ended.get(), n, ended.get() / seconds(start)), 30, 30, TimeUnit.SECONDS);
            if (rate > 0) {
                System.out.printf("open loop: an order placed and paid every %.1f ms (%.1f/s), %,d in all%n", 1000 / rate,
                        rate, n);
                long period = Math.round(1e9 / rate);
                AtomicInteger next = new AtomicInteger();
                clock.scheduleAtFixedRate(() -> {
                    int i = next.getAndIncrement();
                    if (i < n) {
                        payment(start + i * period); // the planned time, not the moment the timer got to it
                    }
                }, 0, period, TimeUnit.NANOSECONDS);
            } else {
                System.out.printf("closed loop: %,d orders placed and paid with the wallet, %d in flight%n", n, concurrency);
                AtomicInteger next = new AtomicInteger();
                for (int c = 0; c < Math.min(concurrency, n); c++) {
                    client(next);
                }
            }
            done.await();
            clock.shutdownNow();
            Usage after = Usage.now();
            return report(start, before, after);
        } finally {
            if (endpoint != null) {
                Bench.call(Callers.platformKey(), "DELETE", Suite.GATEWAY + "/v1/webhook_endpoints/" + endpoint, null, 200);
                receiver.close();
            }
        }
    }

    /** A receiver in this client, registered for the merchant's payment.succeeded events; the endpoint's id. */
    private String webhookEndpoint() throws java.io.IOException {
        receiver = new WebhookReceiver();
        return Bench.call(Callers.platformKey(), "POST", Suite.GATEWAY + "/v1/webhook_endpoints", "{\"merchant_id\":\""
                + Callers.MERCHANT + "\",\"url\":\"" + receiver.url() + "\",\"enabled_events\":[\"payment.succeeded\"]}", 201)
                .get("id").asText();
    }

    /** When each saga's webhook arrived (client clock), waiting up to a minute for the last ones. */
    private void reportWebhooks(List<Run> succeeded) {
        Map<String, Long> arrived = new java.util.HashMap<>();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (WebhookReceiver.Received request : receiver.received()) {
                    arrived.putIfAbsent(Bench.JSON.readTree(request.body()).at("/data/saga_id").asText(), request.at());
                }
                return succeeded.stream().allMatch(r -> arrived.containsKey(r.sagaId()));
            });
        } catch (ConditionTimeoutException missing) {
            // reported below
        }
        List<Run> delivered = succeeded.stream().filter(r -> arrived.containsKey(r.sagaId())).toList();
        long first = delivered.stream().mapToLong(r -> arrived.get(r.sagaId())).min().orElse(0);
        long last = delivered.stream().mapToLong(r -> arrived.get(r.sagaId())).max().orElse(0);
        System.out.printf("webhooks: %,d of %,d succeeded payments delivered (%,d requests), %.1f/s%n", delivered.size(),
                succeeded.size(), receiver.received().size(), delivered.size() / Math.max(1e-9, (last - first) / 1e9));
        System.out.println("latency ms, pay request sent -> webhook received:  "
                + percentiles(delivered.stream().map(r -> (arrived.get(r.sagaId()) - r.paySent()) / 1_000_000).toList()));
        System.out.println("latency ms, payment event -> webhook received:     "
                + percentiles(delivered.stream().map(r -> (arrived.get(r.sagaId()) - r.outcome().at()) / 1_000_000).toList()));
    }

    /** A closed-loop client: its next payment starts when its last one ended. */
    private void client(AtomicInteger next) {
        if (next.getAndIncrement() < n) {
            payment(System.nanoTime()).whenComplete((run, failure) -> client(next));
        }
    }

    private CompletableFuture<Void> payment(long arrival) {
        return callAsync(merchantKey, "POST", Suite.GATEWAY + "/v1/orders", order, 201)
                .thenCompose(placed -> {
                    long paySent = System.nanoTime();
                    return callAsync(merchantKey, "POST", Suite.GATEWAY + "/v1/orders/" + placed.get("id").asText() + "/pay",
                            "{\"method\":\"wallet\",\"terminal\":\"web\"}", 202)
                            .thenCompose(accepted -> outcome(arrival, paySent, System.nanoTime(), accepted));
                })
                .handle((run, failure) -> {
                    if (failure != null && refused.incrementAndGet() <= 5) {
                        System.out.println("refused: " + failure.getMessage());
                    }
                    ended.incrementAndGet();
                    done.countDown();
                    return null;
                });
    }

    private CompletableFuture<Run> outcome(long arrival, long paySent, long accepted, JsonNode answer) {
        String sagaId = answer.get("saga_id").asText();
        return feed.outcomeOf(sagaId).orTimeout(OUTCOME_WITHIN.toSeconds(), TimeUnit.SECONDS)
                .handle((outcome, timeout) -> {
                    Run run = new Run(sagaId, arrival, paySent, accepted, outcome);
                    runs.add(run);
                    return run;
                });
    }

    private boolean report(long start, Usage before, Usage after) throws Exception {
        List<Run> all = new ArrayList<>(runs);
        List<Run> known = all.stream().filter(r -> r.outcome() != null).toList();
        long succeeded = known.stream().filter(r -> r.outcome().succeeded()).count();
        long lastOutcome = known.stream().mapToLong(r -> r.outcome().at()).max().orElse(System.nanoTime());
        double window = (lastOutcome - start) / 1e9;
        System.out.printf("%nsagas: %,d paid (%,d succeeded, %,d failed, %,d without a payment event within %d s); %d refused%n",
                all.size(), succeeded, known.size() - succeeded, all.size() - known.size(), OUTCOME_WITHIN.toSeconds(),
                refused.get());
        System.out.printf("throughput: %.1f completed sagas/s (%,d in %.1f s, first arrival to last payment event)%n",
                succeeded / window, succeeded, window);
        if (rate > 0) {
            System.out.println("latency ms, planned arrival -> payment event: " + millis(known, Run::arrival));
        }
        System.out.println("latency ms, pay request sent -> payment event: " + millis(known, Run::paySent));
        System.out.println("latency ms, pay request sent -> 202 accepted:  "
                + percentiles(all.stream().map(r -> (r.accepted() - r.paySent()) / 1_000_000).toList()));
        after.printCost(before, succeeded);
        if (webhooks) {
            reportWebhooks(known.stream().filter(r -> r.outcome().succeeded()).toList());
        }

        List<String> sagaIds = all.stream().map(Run::sagaId).toList();
        long checking = System.nanoTime();
        // A saga's last rows may land a moment after its payment event: the verdict is the first clean check, or the last.
        AtomicReference<List<String>> found = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> { found.set(ConsistencyChecker.check(sagaIds)); return found.get().isEmpty(); });
        } catch (ConditionTimeoutException stillInconsistent) {
            // reported below with the violations of the last check
        }
        List<String> violations = found.get();
        long wallet = Bench.call(merchantKey, "GET", Suite.GATEWAY + "/v1/wallets/" + customer + "?currency=CNY", null, 200)
                .get("available").asLong();
        long expectedWallet = (n - succeeded) * PRICE;
        if (wallet != expectedWallet) {
            violations = new ArrayList<>(violations);
            violations.add("wallet holds " + wallet + ", expected " + expectedWallet);
        }
        System.out.printf("consistency (%,d sagas checked in %.1f s; wallet %,d of %,d left): %s%n", sagaIds.size(),
                seconds(checking), wallet, n * PRICE, violations.isEmpty() ? "OK" : "VIOLATED");
        violations.stream().limit(20).forEach(v -> System.out.println("  " + v));
        return violations.isEmpty() && refused.get() == 0 && known.size() == all.size();
    }

    /**
     * Every service database vacuumed and analysed: the development and CI machines run PostgreSQL with
     * autovacuum off, where each run would otherwise start from the dead rows of all runs before it (the
     * admission count alone then read 14,000 dead index entries per saga).
     */
    private static void vacuum() throws SQLException {
        for (String service : Suite.DATABASES.keySet()) {
            if (Suite.DATABASES.get(service).equals("-")) {
                continue;
            }
            try (Connection db = Suite.database(service); var statement = db.createStatement()) {
                statement.execute("vacuum (analyze)");
            }
        }
    }

    private static String millis(List<Run> runs, Function<Run, Long> from) {
        return percentiles(runs.stream().map(r -> r.toOutcomeMillis(from.apply(r))).toList());
    }

    /** What the machine has spent so far: CPU per process group, Kafka records, committed transactions per database. */
    private record Usage(Map<String, Double> cpu, long records, Map<String, Long> commits) {
        static Usage now() throws SQLException {
            Map<String, Long> commits = new TreeMap<>();
            try (Connection db = Suite.database("saga-orchestrator");
                    PreparedStatement query = db.prepareStatement(
                            "select datname, xact_commit from pg_stat_database where datname = any(?)")) {
                query.setArray(1, db.createArrayOf("text", Suite.DATABASES.values().toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        commits.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return new Usage(ProcessCpu.snapshot(), PaymentEventsFeed.recordsOnAllTopics(), commits);
        }

        void printCost(Usage before, long sagas) {
            if (sagas == 0) {
                return;
            }
            Map<String, Double> spent = ProcessCpu.spent(before.cpu(), cpu());
            double machine = spent.remove(ProcessCpu.MACHINE);
            double counted = spent.values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("CPU ms per completed saga (user + system, /proc): %.1f summed over the processes below; "
                    + "the whole machine %.1f%n", counted / sagas, machine / sagas);
            spent.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .filter(e -> e.getValue() / sagas >= 0.05)
                    .forEach(e -> System.out.printf("  %-26s %6.2f%n", e.getKey(), e.getValue() / sagas));
            System.out.printf("messages per saga (records on PaySaga's topics): %.1f%n", (records() - before.records()) / (double) sagas);
            long transactions = commits().entrySet().stream()
                    .mapToLong(e -> e.getValue() - before.commits().getOrDefault(e.getKey(), 0L)).sum();
            StringBuilder perDatabase = new StringBuilder();
            commits().forEach((db, count) -> perDatabase.append(String.format(" %s %.1f", db,
                    (count - before.commits().getOrDefault(db, 0L)) / (double) sagas)));
            System.out.printf("committed transactions per saga: %.1f (%s )%n", transactions / (double) sagas,
                    perDatabase.toString().trim());
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
