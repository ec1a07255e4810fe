package dev.paysaga.channel.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.ChannelStatement.Kind;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Balance transactions as statement lines, on answers shaped like Stripe's reference (balance transaction with its
 * source expanded: a charge or a refund), and the walk through the pages. No HTTP: the pages are given.
 */
class BalanceTransactionsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate DAY = LocalDate.parse("2026-12-01");
    static final long FROM = Instant.parse("2026-12-01T00:00:00Z").getEpochSecond();
    static final BalanceTransactions.Window WINDOW = new BalanceTransactions.Window(DAY, FROM, FROM + 86_400);
    static final String PAY = Ids.next("pay");
    static final String RE = Ids.next("re");

    static ObjectNode charge(String txn, long amount, long created) {
        return object("""
                {"id":"%s","object":"balance_transaction","amount":%d,"available_on":%d,"created":%d,"currency":"usd",
                 "description":null,"exchange_rate":null,"fee":%d,"net":%d,"reporting_category":"charge","status":"pending",
                 "type":"charge","source":{"id":"ch_1","object":"charge","amount":%d,"amount_captured":%d,"currency":"usd",
                 "payment_intent":"pi_1","metadata":{"payment_id":"%s"}}}
                """.formatted(txn, amount, created + 172_800, created, amount * 29 / 1000, amount - amount * 29 / 1000,
                amount, amount, PAY));
    }

    static ObjectNode refund(String txn, long amount, long created) {
        return object("""
                {"id":"%s","object":"balance_transaction","amount":%d,"created":%d,"currency":"usd","exchange_rate":null,
                 "fee":0,"net":%d,"reporting_category":"refund","type":"refund",
                 "source":{"id":"re_3Nispe2eZvKYlo2C","object":"refund","amount":%d,"charge":"ch_1","currency":"usd",
                 "payment_intent":"pi_1","status":"succeeded","metadata":{"refund_id":"%s","payment_id":"%s"}}}
                """.formatted(txn, -amount, created, -amount, amount, RE, PAY));
    }

    static ObjectNode payout(String txn, long created) {
        return object("""
                {"id":"%s","object":"balance_transaction","amount":-9000,"created":%d,"currency":"usd","fee":0,"net":-9000,
                 "reporting_category":"payout","type":"payout","source":{"id":"po_1","object":"payout"}}
                """.formatted(txn, created));
    }

    static ObjectNode list(boolean hasMore, JsonNode... data) {
        ObjectNode list = JSON.createObjectNode().put("object", "list").put("url", "/v1/balance_transactions")
                .put("has_more", hasMore);
        list.putArray("data").addAll(List.of(data));
        return list;
    }

    static ObjectNode object(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves the pages by cursor (null: the first page), recording what was asked. */
    static final class Pages {
        final Map<String, JsonNode> byCursor = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        Pages page(String cursor, JsonNode page) {
            byCursor.put(cursor, page);
            return this;
        }

        Uni<JsonNode> fetch(String cursor) {
            asked.add(cursor);
            JsonNode page = byCursor.get(cursor);
            return page == null ? Uni.createFrom().failure(new AssertionError("asked for an unknown cursor " + cursor))
                    : Uni.createFrom().item(page);
        }
    }

    static ChannelStatement collect(Pages pages, int maxPages) {
        return BalanceTransactions.collect(WINDOW, pages::fetch, maxPages).await().atMost(Duration.ofSeconds(5));
    }

    static Throwable refusal(Pages pages) {
        try {
            collect(pages, 10);
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("the statement was not refused");
    }

    @Test
    void everyPageIsReadByItsLastIdAndLinesComeOldestFirstWithOtherTypesPassedOver() {
        Pages pages = new Pages()
                .page(null, list(true, refund("txn_4", 700, FROM + 400), payout("txn_3", FROM + 300)))
                .page("txn_3", list(true, charge("txn_2", 2500, FROM + 200)))
                .page("txn_2", list(false, charge("txn_1", 1000, FROM + 100)));

        ChannelStatement statement = collect(pages, 10);

        assertEquals(java.util.Arrays.asList(null, "txn_3", "txn_2"), pages.asked, "each page after the last id of the one before");
        assertEquals(List.of(
                new ChannelStatement.Line(Kind.PAYMENT, PAY, "pi_1", null, 1000, "USD", Instant.ofEpochSecond(FROM + 100)),
                new ChannelStatement.Line(Kind.PAYMENT, PAY, "pi_1", null, 2500, "USD", Instant.ofEpochSecond(FROM + 200)),
                new ChannelStatement.Line(Kind.REFUND, PAY, "pi_1", RE, 700, "USD", Instant.ofEpochSecond(FROM + 400))),
                statement.lines(), "the payout is not a line; the refund is a positive amount with our refund id");
        assertEquals("stripe", statement.channel());
        assertEquals(DAY, statement.day());
    }

    @Test
    void aDayWithoutTransactionsIsAnEmptyStatement() {
        assertTrue(collect(new Pages().page(null, list(false)), 10).lines().isEmpty());
    }

    @Test
    void typesThatAreNotPaymentsOrRefundsArePassedOverWhateverTheirShape() {
        ObjectNode odd = object("""
                {"id":"txn_9","object":"balance_transaction","type":"adjustment","amount":"not a number","source":"du_1"}""");
        ObjectNode fee = object("""
                {"id":"txn_8","object":"balance_transaction","type":"stripe_fee","amount":-200,"created":1,"currency":"usd"}""");
        assertEquals(1, collect(new Pages().page(null, list(false, odd, fee, charge("txn_7", 100, FROM))), 10).lines().size());
    }

    @Test
    void aChargeWithoutOurMetadataIsStillNamedByItsPaymentIntent() {
        ObjectNode txn = charge("txn_1", 1000, FROM);
        ((ObjectNode) txn.get("source")).putObject("metadata");
        ChannelStatement.Line line = collect(new Pages().page(null, list(false, txn)), 10).lines().get(0);
        assertNull(line.paymentId(), "no metadata copied to the charge: our payment id is unknown, not guessed");
        assertEquals("pi_1", line.channelTradeNo());
    }

    @Test
    void anIdThatIsNotOneOfOursIsNotBelieved() {
        ObjectNode txn = refund("txn_1", 100, FROM);
        ((ObjectNode) txn.get("source").get("metadata")).put("refund_id", "R-42").put("payment_id", "order 7");
        ChannelStatement.Line line = collect(new Pages().page(null, list(false, txn)), 10).lines().get(0);
        assertNull(line.refundId());
        assertNull(line.paymentId());
        assertEquals(100, line.amountMinor());
    }

    @Test
    void aConvertedTransactionStatesWhatThePaymentMovedInItsOwnCurrency() {
        ObjectNode txn = charge("txn_1", 1234, FROM);
        txn.put("exchange_rate", 1.234);
        ((ObjectNode) txn.get("source")).put("amount", 1000).put("amount_captured", 1000).put("currency", "eur");
        ChannelStatement.Line line = collect(new Pages().page(null, list(false, txn)), 10).lines().get(0);
        assertEquals(1000, line.amountMinor());
        assertEquals("EUR", line.currency());
    }

    @Test
    void zeroDecimalAmountsPassUnchanged() {
        ObjectNode txn = charge("txn_1", 1500, FROM);
        txn.put("currency", "jpy");
        ChannelStatement.Line line = collect(new Pages().page(null, list(false, txn)), 10).lines().get(0);
        assertEquals(1500, line.amountMinor(), "1500 JPY is 1500 yen, Stripe's integer and our minor unit alike");
        assertEquals("JPY", line.currency());
    }

    /** One malformed line refuses the whole statement, wherever it is: the rows of the spec and the test alike. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            amount not an integer          | amount        | "12.5"
            amount missing                 | amount        | null
            a payment of a negative amount | amount        | -100
            a payment of nothing           | amount        | 0
            created missing                | created       | null
            created the next day           | created       | 1796169600
            currency not settled here      | currency      | "huf"
            currency upper case            | currency      | "USD"
            source not expanded            | source        | "ch_1"
            source of another kind         | source        | {"id":"re_1","object":"refund","payment_intent":"pi_1"}
            source naming nothing          | source        | {"object":"charge"}
            no type                        | type          | null
            not a balance transaction      | object        | "charge"
            an id that is not a txn id     | id            | "txn_../../x"
            """)
    void aMalformedLineRefusesTheWholeStatement(String why, String field, String value) {
        ObjectNode bad = charge("txn_2", 500, FROM + 10);
        bad.set(field, object("{\"v\":" + value + "}").get("v"));
        Pages pages = new Pages()
                .page(null, list(true, charge("txn_3", 100, FROM + 20)))
                .page("txn_3", list(false, bad));
        assertInstanceOf(IllegalArgumentException.class, refusal(pages), why);
    }

    @Test
    void aRefundThatAddsMoneyIsRefused() {
        ObjectNode bad = refund("txn_1", 100, FROM);
        bad.put("amount", 100);
        assertInstanceOf(IllegalArgumentException.class, refusal(new Pages().page(null, list(false, bad))));
    }

    @Test
    void aServerThatMisbehavesCannotKeepUsListing() {
        // Promising more with an empty page would loop forever on the same cursor.
        assertTrue(refusal(new Pages().page(null, list(true))).getMessage().contains("empty page"));
        // A page that lists a transaction again (a cursor ignored) is refused, not counted twice.
        Pages repeating = new Pages()
                .page(null, list(true, charge("txn_1", 100, FROM)))
                .page("txn_1", list(false, charge("txn_1", 100, FROM)));
        assertTrue(refusal(repeating).getMessage().contains("listed twice"));
        // An endless list stops at the bound.
        Pages endless = new Pages();
        for (int i = 0; i < 20; i++) {
            endless.page(i == 0 ? null : "txn_" + (i - 1), list(true, charge("txn_" + i, 100, FROM)));
        }
        try {
            collect(endless, 5);
            throw new AssertionError("an endless list was read to the end");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("more than 5 pages"), e.getMessage());
        }
        assertEquals(5, endless.asked.size(), "no page asked beyond the bound");
    }

    @Test
    void notAListIsRefused() {
        assertInstanceOf(IllegalArgumentException.class, refusal(new Pages().page(null, object("{\"object\":\"balance_transaction\"}"))));
        assertInstanceOf(IllegalArgumentException.class,
                refusal(new Pages().page(null, object("{\"object\":\"list\",\"data\":[],\"has_more\":\"no\"}"))));
    }

    /** Refund statuses as the port's outcomes: the table of Stripe's documented statuses. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"id":"re_1","status":"succeeded"}                                         | Refunded  |
            {"id":"re_1","status":"pending"}                                           | Processing |
            {"id":"re_1","status":"requires_action"}                                   | Processing |
            {"id":"re_1","status":"failed","failure_reason":"expired_or_canceled_card"} | Declined  | expired_or_canceled_card
            {"id":"re_1","status":"canceled"}                                          | Declined  | refund_canceled
            {"id":"re_1","status":"reversed"}                                          |           |
            {"id":"re_1"}                                                              |           |
            """)
    void refundStatuses(String refund, String outcome, String code) {
        ChannelRefund.Outcome of = RefundStates.of(object(refund));
        if (outcome == null) {
            assertNull(of, "an unknown status is not guessed");
            return;
        }
        assertEquals(outcome, of.getClass().getSimpleName());
        if (of instanceof ChannelRefund.Declined declined) {
            assertEquals(code, declined.channelCode());
        }
        if (of instanceof ChannelRefund.Refunded refunded) {
            assertEquals("re_1", refunded.channelReference());
        }
    }
}
