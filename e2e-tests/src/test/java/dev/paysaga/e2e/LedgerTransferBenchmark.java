package dev.paysaga.e2e;

import static dev.paysaga.e2e.Bench.JSON;
import static dev.paysaga.e2e.Bench.call;
import static dev.paysaga.e2e.Bench.inParallel;
import static dev.paysaga.e2e.Bench.percentiles;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The ledger's transfer benchmark (not a test): single-phase transfers between ACCOUNTS funded
 * wallets, sent one per request and in linked batches, each phase with its own number of
 * requests in flight (closed loop). Prints posted transfers/s, request latency, and what the
 * machine spent (CPU of the ledger JVM, of PostgreSQL and of the machine; PostgreSQL commits/s),
 * then checks every benchmark account against the client's own sums and that the ledger balances.
 * Run it with deploy/local/bench/ledger-transfers.sh against a running ledger-service.
 */
public final class LedgerTransferBenchmark {
    private static final String LEDGER = Suite.url("ledger-service");
    private static final long FUNDING_PER_ACCOUNT = 1_000_000_000L;

    /** One phase: {@code transfers} transfers in requests of {@code batchSize}, {@code concurrency} requests in flight. */
    record Phase(int batchSize, int transfers, int concurrency) {
        static Phase parse(String spec) {
            String[] f = spec.split(":");
            return new Phase(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]));
        }

        String name() {
            return batchSize == 1 ? "single transfers" : "batches of " + batchSize;
        }
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong nextTransfer = new AtomicLong();
    private final List<String> accounts = new ArrayList<>();
    /** Per account: debits and credits posted by this client, as the ledger should show them. */
    private final Map<String, long[]> expected = new HashMap<>();

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String phases = args.length > 1 ? args[1] : "1:20000:32,100:100000:8,1000:100000:2";
        List<Phase> plan = Stream.of(phases.split(",")).map(Phase::parse).toList();
        System.exit(new LedgerTransferBenchmark().run(accounts, plan) ? 0 : 1);
    }

    private boolean run(int accountCount, List<Phase> phases) throws Exception {
        System.out.printf("opening %,d wallets and funding each with %,d%n", accountCount, FUNDING_PER_ACCOUNT);
        String funding = open("fund_lb" + run, "platform_funding");
        List<String> opened = inParallel(accountCount, 16, i -> open("cus_lb" + run + "_" + i, "customer_wallet"));
        accounts.addAll(opened);
        for (String a : accounts) {
            expected.put(a, new long[2]);
        }
        expected.put(funding, new long[2]);
        List<long[]> fundings = new ArrayList<>();
        for (int i = 0; i < accountCount; i++) {
            fundings.add(new long[] {-1, i}); // -1: the funding account
        }
        for (int from = 0; from < fundings.size(); from += 100) {
            List<long[]> chunk = fundings.subList(from, Math.min(fundings.size(), from + 100));
            send(batch(chunk.stream().map(p -> transfer(funding, accounts.get((int) p[1]), FUNDING_PER_ACCOUNT)).toList()));
        }

        boolean allApplied = true;
        for (Phase phase : phases) {
            allApplied &= measure(phase);
        }
        return consistent() && allApplied;
    }

    private boolean measure(Phase phase) throws Exception {
        int requests = Math.max(1, phase.transfers() / phase.batchSize());
        Random random = new Random(phase.hashCode());
        List<List<ObjectNode>> bodies = new ArrayList<>(requests);
        for (int r = 0; r < requests; r++) {
            List<ObjectNode> transfers = new ArrayList<>(phase.batchSize());
            for (int t = 0; t < phase.batchSize(); t++) {
                int debit = random.nextInt(accounts.size());
                int credit = (debit + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
                transfers.add(transfer(accounts.get(debit), accounts.get(credit), 1 + random.nextInt(100)));
            }
            bodies.add(transfers);
        }
        AtomicInteger refused = new AtomicInteger();
        List<Long> latencyMicros = new ArrayList<>();
        Usage before = Usage.now();
        long started = System.nanoTime();
        inParallel(requests, phase.concurrency(), r -> {
            List<ObjectNode> transfers = bodies.get(r);
            long sent = System.nanoTime();
            try {
                if (phase.batchSize() == 1) {
                    call(Callers.platformKey(), "POST", LEDGER + "/v1/transfers", transfers.get(0).toString(), 201);
                } else {
                    call(Callers.platformKey(), "POST", LEDGER + "/v1/transfers/batch", batch(transfers), 201);
                }
                record(transfers);
            } catch (IllegalStateException e) {
                if (refused.getAndIncrement() < 3) {
                    System.out.println("  refused: " + e.getMessage());
                }
            }
            synchronized (latencyMicros) {
                latencyMicros.add((System.nanoTime() - sent) / 1_000);
            }
            return null;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        Usage used = Usage.now().minus(before);
        long posted = (long) (requests - refused.get()) * phase.batchSize();
        System.out.printf("%s: %,d transfers in %,d requests, %d in flight: %.1f s, %,.0f posted transfers/s, %d refused%n",
                phase.name(), posted, requests, phase.concurrency(), seconds, posted / seconds, refused.get());
        System.out.println("  request latency (µs): " + percentiles(latencyMicros));
        System.out.printf("  cpu (100 %% = one core): ledger-service %.0f %%, postgres %.0f %%, machine %.0f %% of %d cores;"
                + " PostgreSQL commits/s %,.0f%n", used.percentOfCore(used.ledgerTicks, seconds),
                used.percentOfCore(used.postgresTicks, seconds), 100.0 * used.busyTicks / Math.max(1, used.allTicks),
                Runtime.getRuntime().availableProcessors(), used.commits / seconds);
        return refused.get() == 0;
    }

    private ObjectNode transfer(String debit, String credit, long amount) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", "tr_lb" + run + "_" + nextTransfer.incrementAndGet());
        t.put("type", "single");
        t.put("debit_account_id", debit);
        t.put("credit_account_id", credit);
        t.put("amount", amount);
        t.put("currency", "CNY");
        t.put("code", "benchmark");
        return t;
    }

    private static String batch(List<ObjectNode> transfers) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("transfers");
        transfers.forEach(list::add);
        return body.toString();
    }

    private void send(String batch) throws IOException {
        call(Callers.platformKey(), "POST", LEDGER + "/v1/transfers/batch", batch, 201);
        record(JSON.readTree(batch).get("transfers").valueStream().map(ObjectNode.class::cast).toList());
    }

    private void record(List<ObjectNode> transfers) {
        synchronized (expected) {
            for (ObjectNode t : transfers) {
                long amount = t.get("amount").asLong();
                expected.get(t.get("debit_account_id").asText())[0] += amount;
                expected.get(t.get("credit_account_id").asText())[1] += amount;
            }
        }
    }

    private static String open(String owner, String type) {
        return call(Callers.platformKey(), "POST", LEDGER + "/v1/accounts",
                "{\"owner_id\":\"" + owner + "\",\"type\":\"" + type + "\",\"currency\":\"CNY\""
                        + ("customer_wallet".equals(type) ? ",\"merchant_id\":\"mer_demo\"}" : "}"), 201).get("id").asText();
    }

    /** Every benchmark account holds what the client saw accepted; the whole ledger balances per currency. */
    private boolean consistent() throws SQLException {
        int wrong = 0;
        try (Connection db = Suite.database("ledger-service");
                PreparedStatement query = db.prepareStatement(
                        "select id, debits_posted, credits_posted from account where id = any(?)")) {
            query.setArray(1, db.createArrayOf("text", expected.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long[] sums = expected.get(rows.getString(1));
                    if (sums[0] != rows.getLong(2) || sums[1] != rows.getLong(3)) {
                        wrong++;
                    }
                }
            }
            try (PreparedStatement balance = db.prepareStatement("""
                    select count(*) from (select currency from account group by currency
                    having sum(debits_posted) <> sum(credits_posted) or sum(debits_pending) <> sum(credits_pending)) unbalanced""");
                    ResultSet rows = balance.executeQuery()) {
                rows.next();
                wrong += rows.getInt(1);
            }
        }
        System.out.println(wrong == 0
                ? "consistency: OK (" + expected.size() + " accounts as the client summed them; every currency balances)"
                : "consistency: FAILED (" + wrong + " accounts or currencies differ)");
        return wrong == 0;
    }

    /** CPU ticks (/proc, 100 per second) of the ledger JVM, of every postgres process and of the machine; commits. */
    private record Usage(long ledgerTicks, long postgresTicks, long busyTicks, long allTicks, long commits) {
        static Usage now() throws IOException, SQLException {
            long ledger = 0;
            Path pidFile = Suite.ROOT.resolve(".paysaga/pids/ledger-service.pid");
            if (Files.exists(pidFile)) {
                ledger = ticks(Path.of("/proc", Files.readString(pidFile).strip(), "stat"));
            }
            long postgres = 0;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String comm = read(p.resolve("comm")).strip();
                    if (comm.equals("postgres")) {
                        postgres += ticks(p.resolve("stat"));
                    }
                }
            }
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < cpu.length; i++) {
                all += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long commits;
            try (Connection db = Suite.database("ledger-service");
                    ResultSet rows = db.createStatement().executeQuery(
                            "select xact_commit from pg_stat_database where datname = current_database()")) {
                rows.next();
                commits = rows.getLong(1);
            }
            return new Usage(ledger, postgres, all - idle, all, commits);
        }

        Usage minus(Usage before) {
            return new Usage(ledgerTicks - before.ledgerTicks, postgresTicks - before.postgresTicks,
                    busyTicks - before.busyTicks, allTicks - before.allTicks, commits - before.commits);
        }

        double percentOfCore(long ticks, double seconds) {
            return ticks / seconds; // 100 ticks a second is one core
        }

        private static long ticks(Path stat) {
            String s = read(stat);
            if (s.isEmpty()) {
                return 0;
            }
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return ""; // the process ended meanwhile
            }
        }
    }
}
