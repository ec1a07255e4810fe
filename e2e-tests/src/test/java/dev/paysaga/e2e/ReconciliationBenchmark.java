package dev.paysaga.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles one Alipay day of LINES statement lines (not a test): the sandbox's bill of a day long past is scripted
 * to hold LINES trades, our books (reconciliation's read model) are given the same LINES payments, and one run is
 * timed from its start to its completion — the bill downloaded and checked by channel-router, its lines sent to
 * reconciliation-service, our books of the day read, matched and the result stored. Prints the time, lines/s,
 * what the run found (every line should match) and the CPU per 1,000 lines of every process. Run it with
 * deploy/local/bench/reconciliation.sh.
 */
public final class ReconciliationBenchmark {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String platform = Files.readString(Suite.ROOT.resolve(".paysaga/keys/platform.key")).strip();
        Random random = new Random();
        // A day of its own, long past: no other run or trade of the suite is on it.
        LocalDate day = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(5_000));
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

        ObjectNode script = Bench.JSON.createObjectNode();
        ArrayNode extra = script.putArray("extra");
        for (int i = 0; i < lines; i++) {
            extra.addObject().put("payment_id", String.format("pay_bench%s%011d", run, i))
                    .put("amount", 100 + random.nextInt(99_900)).put("currency", "CNY");
        }
        JsonNode stored = Bench.call(platform, "PUT", Suite.url("channel-sandbox") + "/admin/statements/alipay/" + day,
                Bench.JSON.writeValueAsString(script), 200);
        books(stored.path("extra"), day);
        System.out.printf("%,d lines scripted for Alipay's %s and booked as ours%n", lines, day);

        Map<String, Double> cpuBefore = ProcessCpu.snapshot();
        long started = System.nanoTime();
        String id = Bench.call(platform, "POST", Suite.GATEWAY + "/v1/reconciliation/runs",
                "{\"channel\":\"alipay\",\"date\":\"" + day + "\"}", 202).path("id").asText();
        JsonNode done;
        do {
            TimeUnit.MILLISECONDS.sleep(100);
            done = Bench.call(platform, "GET", Suite.GATEWAY + "/v1/reconciliation/runs/" + id, null, 200);
        } while ("running".equals(done.path("status").asText()));
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> spent = ProcessCpu.spent(cpuBefore, ProcessCpu.snapshot());
        Bench.call(platform, "DELETE", Suite.url("channel-sandbox") + "/admin/statements/alipay/" + day, null, 204);

        System.out.printf("run %s %s in %.1f s: %,.0f lines/s; statement %s lines, matched %s, discrepancies %s%n", id,
                done.path("status").asText(), seconds, lines / seconds, done.at("/totals/statement/count"),
                done.at("/totals/matched/count"), done.at("/totals/unmatched"));
        System.out.println("CPU per 1,000 lines (ms), by process:");
        spent.forEach((group, ms) -> {
            if (ms * 1000 / lines >= 1) {
                System.out.printf("  %-32s %8.1f%n", group, ms * 1000 / lines);
            }
        });
    }

    /** Our books of the day: the same payments, as the events would have recorded them. */
    private static void books(JsonNode extra, LocalDate day) throws Exception {
        Timestamp noon = Timestamp.from(day.atTime(12, 0).atZone(BEIJING).toInstant());
        try (var db = Suite.database("reconciliation-service")) {
            db.setAutoCommit(false);
            try (var insert = db.prepareStatement("""
                    insert into booked_payment (payment_id, channel, channel_trade_no, amount, currency, channel_status,
                                                channel_at, payment_status, updated_at)
                    values (?, 'alipay', ?, ?, 'CNY', 'succeeded', ?, 'succeeded', now())""")) {
                int n = 0;
                for (JsonNode line : extra) {
                    insert.setString(1, line.path("payment_id").asText());
                    insert.setString(2, line.path("channel_trade_no").asText());
                    insert.setLong(3, line.path("amount").asLong());
                    insert.setTimestamp(4, noon);
                    insert.addBatch();
                    if (++n % 5_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
        }
    }
}
