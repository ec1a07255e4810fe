package dev.paysaga.reconciliation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MatcherTest {
    private static final BusinessDay DAY = new BusinessDay(LocalDate.of(2026, 12, 3), ZoneId.of("Asia/Shanghai"),
            Duration.ofMinutes(15));
    private static final Instant NOON = DAY.start().plus(Duration.ofHours(12));

    @Test
    void aDayThatAgreesHasNoDiscrepancies() {
        Matcher.Result result = Matcher.match(DAY, List.of(paid("pay_1", 1000, NOON), refunded("pay_1", "re_1", 300, NOON)),
                List.of(ours("pay_1", 1000, NOON), ourRefund("pay_1", "re_1", 300, NOON)), Set.of());

        assertEquals(List.of(), result.discrepancies());
        assertEquals(2, result.totals().matched().count());
        assertEquals(Map.of("CNY", 1300L), result.totals().matched().amounts());
    }

    @Test
    void everyKindIsFoundOnceWithBothSidesAndTheAmountsAddUp() {
        List<StatementLine> lines = List.of(
                paid("pay_ok", 1000, NOON),
                paid("pay_more", 1200, NOON), // ours 1000
                paid("pay_twice", 700, NOON), paid("pay_twice", 700, NOON),
                paid("pay_unknown", 900, NOON),
                paid("pay_cancelled", 500, NOON),
                paid("pay_waiting", 400, NOON),
                refunded("pay_ok", "re_not_ours", 100, NOON));
        List<Booked> ours = List.of(ours("pay_ok", 1000, NOON), ours("pay_more", 1000, NOON), ours("pay_twice", 700, NOON),
                cancelled("pay_cancelled", 500, NOON), waiting("pay_waiting", 400),
                ours("pay_dropped", 800, NOON), ourRefund("pay_ok", "re_dropped", 200, NOON));

        Matcher.Result result = Matcher.match(DAY, lines, ours, Set.of());

        Map<String, String> found = result.discrepancies().stream().collect(Collectors.toMap(
                d -> d.kind().apiName() + " " + d.subject(), d -> d.resolution().apiName(), (a, b) -> a + "," + b, TreeMap::new));
        assertEquals(new TreeMap<>(Map.of(
                "amount_mismatch pay_more", "review",
                "duplicate pay_twice", "review",
                "missing_locally pay_unknown", "review",
                "missing_locally pay_cancelled", "refund",
                "missing_locally pay_waiting", "settle",
                "status_mismatch re_not_ours", "review",
                "missing_at_channel pay_dropped", "review",
                "status_mismatch re_dropped", "review")), found);
        Discrepancy mismatch = result.discrepancies().stream().filter(d -> d.subject().equals("pay_more")).findFirst().orElseThrow();
        assertEquals(1200, mismatch.theirs().amountMinor());
        assertEquals(1000, mismatch.ours().amountMinor());

        // The statement's amount is what matched plus every discrepancy that has a line of the channel's.
        long withLines = result.discrepancies().stream().filter(d -> d.theirs() != null).mapToLong(Discrepancy::amountMinor).sum();
        assertEquals(result.totals().statement().amounts().get("CNY"), result.totals().matched().amounts().get("CNY") + withLines);
        assertEquals(lines.size(), result.totals().statement().count());
        long counted = result.totals().byKind().values().stream().mapToLong(Totals.Sum::count).sum();
        assertEquals(result.discrepancies().size(), counted);
    }

    @Test
    void aPaymentNearMidnightIsCarriedThenFoundOrMissingTheNextDay() {
        Instant lateEvening = DAY.end().minus(Duration.ofSeconds(5));
        Booked late = ours("pay_late", 1000, lateEvening);

        Matcher.Result today = Matcher.match(DAY, List.of(), List.of(late), Set.of());
        assertEquals(List.of(DiscrepancyKind.CARRIED), kinds(today));

        BusinessDay tomorrow = new BusinessDay(DAY.date().plusDays(1), DAY.zone(), DAY.carryWindow());
        StatementLine datedTomorrow = paid("pay_late", 1000, DAY.end().plusSeconds(2));
        assertEquals(List.of(), kinds(Matcher.match(tomorrow, List.of(datedTomorrow), List.of(late), Set.of("pay_late"))));
        assertEquals(List.of(DiscrepancyKind.MISSING_AT_CHANNEL),
                kinds(Matcher.match(tomorrow, List.of(), List.of(late), Set.of("pay_late"))));
        assertEquals(List.of(), kinds(Matcher.match(tomorrow, List.of(), List.of(late), Set.of())),
                "matched by the previous day's run: not this day's concern");
    }

    @Test
    void aPaymentOfTheNextDayIsNotMissingToday() {
        Booked early = ours("pay_next", 1000, DAY.end().plusSeconds(30));

        assertEquals(List.of(), kinds(Matcher.match(DAY, List.of(), List.of(early), Set.of())));
        assertEquals(List.of(), kinds(Matcher.match(DAY, List.of(paid("pay_next", 1000, DAY.end().minusSeconds(1))),
                List.of(early), Set.of())), "the channel dated it a second earlier: still a match");
    }

    @Test
    void theSameInputsGiveTheSameDiscrepanciesInTheSameOrder() {
        List<StatementLine> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(paid("pay_" + i, 100 + i, NOON));
        }
        List<Booked> ours = List.of(ours("pay_3", 1, NOON), ours("pay_x", 5, NOON));

        assertEquals(Matcher.match(DAY, lines, ours, Set.of()).discrepancies(),
                Matcher.match(DAY, List.copyOf(lines), ours, Set.of()).discrepancies());
    }

    private static List<DiscrepancyKind> kinds(Matcher.Result result) {
        return result.discrepancies().stream().map(Discrepancy::kind).toList();
    }

    private static StatementLine paid(String payment, long amount, Instant at) {
        return new StatementLine(StatementLine.Kind.PAYMENT, payment, "T" + payment, null, amount, "CNY", at);
    }

    private static StatementLine refunded(String payment, String refund, long amount, Instant at) {
        return new StatementLine(StatementLine.Kind.REFUND, payment, "T" + payment, refund, amount, "CNY", at);
    }

    private static Booked ours(String payment, long amount, Instant at) {
        return new Booked(StatementLine.Kind.PAYMENT, payment, null, "alipay", "T" + payment, amount, "CNY",
                Booked.SUCCEEDED, Booked.SUCCEEDED, at);
    }

    private static Booked cancelled(String payment, long amount, Instant at) {
        return new Booked(StatementLine.Kind.PAYMENT, payment, null, "alipay", "T" + payment, amount, "CNY",
                Booked.SUCCEEDED, Booked.FAILED, at);
    }

    private static Booked waiting(String payment, long amount) {
        return new Booked(StatementLine.Kind.PAYMENT, payment, null, "alipay", null, amount, "CNY", null, null, null);
    }

    private static Booked ourRefund(String payment, String refund, long amount, Instant at) {
        return new Booked(StatementLine.Kind.REFUND, payment, refund, "alipay", null, amount, "CNY", Booked.SUCCEEDED,
                null, at);
    }
}
