package dev.paysaga.sandbox.statements;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The check every channel's scripted-statement test makes, over real HTTP: the day's statement downloaded without a
 * script and with one, both read from the channel's format by the test; with the script, the lines of this test's
 * payments must be exactly the plain ones with the script's differences (worked out here, independently of the
 * sandbox), and every other line must be as it was. Other tests' trades share the day, so the pair is downloaded again
 * until no trade of theirs changed in between.
 */
public final class ScriptedStatementCheck {
    private static final Comparator<StatementLine> ORDER = Comparator.comparing(StatementLine::toString);

    private final String channel;
    private final LocalDate day;
    private final Supplier<List<StatementLine>> download;
    /** Our refund id as the channel's file shows a made-up one (e.g. UnionPay's orderId has no '_'; Stripe's none). */
    private final Function<String, String> madeUpRefundId;

    public ScriptedStatementCheck(String channel, LocalDate day, Supplier<List<StatementLine>> download,
            Function<String, String> madeUpRefundId) {
        this.channel = channel;
        this.day = day;
        this.download = download;
        this.madeUpRefundId = madeUpRefundId;
    }

    public static JsonPath put(String channel, LocalDate day, String script) {
        return given().contentType(ContentType.JSON).body(script).put("/admin/statements/" + channel + "/" + day)
                .then().statusCode(200).extract().jsonPath();
    }

    public static void delete(String channel, LocalDate day) {
        given().delete("/admin/statements/" + channel + "/" + day).then().statusCode(204);
    }

    /** Runs the check of the every-kind case; {@code extraCurrency} null for the channel's default. */
    public void assertScripted(Discrepancies discrepancies, String extraCurrency) {
        assertScripted(discrepancies.script(extraCurrency), discrepancies.ours());
    }

    /** Runs the check; {@code ours} are this test's payment ids (the extra trade's included). */
    public void assertScripted(String script, Set<String> ours) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).untilAsserted(() -> {
                delete(channel, day);
                List<StatementLine> plain = download.get();
                JsonPath stored = put(channel, day, script);
                List<StatementLine> scripted = download.get();
                delete(channel, day);
                List<StatementLine> after = download.get();
                assertEquals(sorted(others(plain, ours)), sorted(others(after, ours)), "another test's trade moved: again");
                assertEquals(sorted(expected(ours(plain, ours), stored)), sorted(ours(scripted, ours)),
                        "this test's lines, scripted");
                assertEquals(sorted(others(plain, ours)), sorted(others(scripted, ours)), "nothing else changed");
            });
        } finally {
            delete(channel, day);
        }
    }

    /** The plain lines with the stored script's differences, as its documentation states them. */
    List<StatementLine> expected(List<StatementLine> plain, JsonPath script) {
        List<String> drop = script.getList("drop");
        Map<String, Integer> amounts = script.getMap("amounts");
        List<String> duplicate = script.getList("duplicate");
        List<StatementLine> lines = new ArrayList<>();
        for (StatementLine line : plain) {
            if (drop.contains(line.scriptId())) {
                continue;
            }
            StatementLine scripted = amounts.containsKey(line.scriptId()) ? line.withAmount(amounts.get(line.scriptId())) : line;
            lines.add(scripted);
            if (line.kind() == StatementLine.Kind.PAYMENT && duplicate.contains(line.paymentId())) {
                lines.add(scripted);
            }
        }
        for (Map<String, Object> refund : script.<Map<String, Object>>getList("refunds")) {
            StatementLine paid = plain.stream().filter(line -> line.kind() == StatementLine.Kind.PAYMENT
                    && line.paymentId().equals(refund.get("payment_id"))).findFirst().orElseThrow();
            lines.add(StatementLine.refund(paid.paymentId(), paid.channelTradeNo(),
                    madeUpRefundId.apply((String) refund.get("refund_id")), ((Number) refund.get("amount")).longValue(),
                    paid.currency()));
        }
        for (Map<String, Object> trade : script.<Map<String, Object>>getList("extra")) {
            lines.add(StatementLine.payment((String) trade.get("payment_id"), (String) trade.get("channel_trade_no"),
                    ((Number) trade.get("amount")).longValue(), (String) trade.get("currency")));
        }
        return lines;
    }

    private static List<StatementLine> ours(List<StatementLine> lines, Collection<String> ours) {
        return lines.stream().filter(line -> line.paymentId() != null && ours.contains(line.paymentId())).toList();
    }

    /** Other tests' lines, and lines that name no payment of ours (e.g. a Stripe intent made without our metadata). */
    private static List<StatementLine> others(List<StatementLine> lines, Collection<String> ours) {
        return lines.stream().filter(line -> line.paymentId() == null || !ours.contains(line.paymentId())).toList();
    }

    private static List<StatementLine> sorted(List<StatementLine> lines) {
        return lines.stream().sorted(ORDER).toList();
    }
}
