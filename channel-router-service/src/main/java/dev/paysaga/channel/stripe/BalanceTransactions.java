package dev.paysaga.channel.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Stripe's balance transactions of one day as the lines of a statement. Balance transactions are Stripe's record of
 * every movement of the account's balance; they are listed newest first, {@code limit} at a time, the next page asked
 * with {@code starting_after=<last id>} while {@code has_more} is true. Each is listed with its {@code source}
 * expanded ({@code expand[]=data.source}: the charge or the refund), which names the PaymentIntent and our ids.
 *
 * <p>Which types are lines is one table ({@link #KINDS}); every other type (payout, adjustment, stripe_fee, transfer,
 * …) is passed over. A line of a reconciled type in a shape we do not expect — no integer amount, the wrong sign, a
 * currency we do not settle, an unexpanded source, a time outside the day asked — refuses the whole statement, and so
 * does a server that repeats a transaction, promises more with an empty page, or goes on for more than the bound.
 *
 * <p>Our ids: a refund carries {@code metadata[refund_id]} and {@code metadata[payment_id]} (the adapter sends both).
 * For a payment line the PaymentIntent id (the charge's {@code payment_intent}, our {@code channel_trade_no}) always
 * names it; our payment id is taken from the charge's {@code metadata[payment_id]} only where the charge carries it:
 * Stripe's reference documents the PaymentIntent's metadata, not that it is copied to the charge, and we chose not to
 * expand {@code data.source.payment_intent} (a path not every source type has). Reconciliation matches payment lines
 * by the intent id, which is always there. Ids that are not well-formed ids of ours (another integration on the
 * account using the same metadata key) are left null, never believed.
 */
final class BalanceTransactions {
    /** Stripe's page size bounds: 1 to 100 objects. */
    static final int MAX_PAGE_SIZE = 100;
    /** The most pages one statement reads: 100,000 transactions a day, far beyond this platform's volume. */
    static final int MAX_PAGES = 1_000;
    /** The balance transaction types that are lines; card payments are {@code charge}, other methods {@code payment}. */
    static final Map<String, ChannelStatement.Kind> KINDS = Map.of(
            "charge", ChannelStatement.Kind.PAYMENT,
            "payment", ChannelStatement.Kind.PAYMENT,
            "refund", ChannelStatement.Kind.REFUND,
            "payment_refund", ChannelStatement.Kind.REFUND);
    private static final Pattern TXN_ID = Pattern.compile("txn_[A-Za-z0-9]{1,64}");
    private static final Pattern OBJECT_ID = Pattern.compile("[a-z]{2,5}_[A-Za-z0-9]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");

    private BalanceTransactions() {
    }

    /** The window asked: [{@code from}, {@code until}) in epoch seconds, Stripe's {@code created[gte]} and {@code created[lt]}. */
    record Window(LocalDate day, long fromEpochSecond, long untilEpochSecond) {
    }

    /** One page: its lines (newest first, as listed), the ids of every transaction on it, and whether more follow. */
    record Page(List<ChannelStatement.Line> lines, List<String> ids, boolean hasMore) {
        String lastId() {
            return ids.get(ids.size() - 1);
        }
    }

    /**
     * Reads every page through {@code fetch} (given the cursor, null for the first page; it answers the list's JSON
     * or fails) and answers the day's statement, oldest line first. A refusal is an {@link IllegalArgumentException}.
     */
    static Uni<ChannelStatement> collect(Window window, Function<String, Uni<JsonNode>> fetch, int maxPages) {
        List<ChannelStatement.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        return next(window, fetch, maxPages, null, 0, lines, seen).map(done -> {
            List<ChannelStatement.Line> oldestFirst = new ArrayList<>(lines);
            Collections.reverse(oldestFirst);
            return new ChannelStatement(StripeChannel.NAME, window.day(), List.copyOf(oldestFirst));
        });
    }

    private static Uni<Void> next(Window window, Function<String, Uni<JsonNode>> fetch, int maxPages, String cursor,
            int pagesRead, List<ChannelStatement.Line> lines, Set<String> seen) {
        if (pagesRead >= maxPages) {
            return Uni.createFrom().failure(new IllegalArgumentException("more than " + maxPages + " pages of balance transactions"));
        }
        return fetch.apply(cursor).chain(body -> {
            Page page = page(body, window);
            for (String id : page.ids()) {
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("balance transaction " + id + " listed twice");
                }
            }
            lines.addAll(page.lines());
            if (!page.hasMore()) {
                return Uni.createFrom().voidItem();
            }
            return next(window, fetch, maxPages, page.lastId(), pagesRead + 1, lines, seen);
        });
    }

    /** One list answer: {@code {"object":"list","data":[…],"has_more":…}}. */
    static Page page(JsonNode body, Window window) {
        JsonNode data = body == null ? null : body.get("data");
        JsonNode hasMore = body == null ? null : body.get("has_more");
        if (!"list".equals(StripeReply.text(body, "object")) || data == null || !data.isArray()
                || hasMore == null || !hasMore.isBoolean()) {
            throw new IllegalArgumentException("the answer is not a list of balance transactions");
        }
        if (hasMore.booleanValue() && data.isEmpty()) {
            throw new IllegalArgumentException("an empty page promises more");
        }
        List<ChannelStatement.Line> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode txn : data) {
            String id = txn.isObject() ? StripeReply.text(txn, "id") : null;
            if (id == null || !TXN_ID.matcher(id).matches() || !"balance_transaction".equals(StripeReply.text(txn, "object"))) {
                throw new IllegalArgumentException("a listed object is not a balance transaction");
            }
            ids.add(id);
            ChannelStatement.Line line = line(txn, id, window);
            if (line != null) {
                lines.add(line);
            }
        }
        return new Page(lines, ids, hasMore.booleanValue());
    }

    /** The line of one balance transaction, or null when its type is not one we reconcile. */
    static ChannelStatement.Line line(JsonNode txn, String id, Window window) {
        String type = StripeReply.text(txn, "type");
        if (type == null) {
            throw new IllegalArgumentException(id + " has no type");
        }
        ChannelStatement.Kind kind = KINDS.get(type);
        if (kind == null) {
            return null; // payout, adjustment, stripe_fee, transfer, …: not a payment or refund of ours
        }
        long created = integer(txn, "created", id);
        if (created < window.fromEpochSecond() || created >= window.untilEpochSecond()) {
            throw new IllegalArgumentException(id + " was created outside " + window.day());
        }
        JsonNode source = txn.get("source");
        if (source == null || !source.isObject()) {
            throw new IllegalArgumentException(id + " has no expanded source");
        }
        String expected = kind == ChannelStatement.Kind.PAYMENT ? "charge" : "refund";
        if (!expected.equals(StripeReply.text(source, "object"))) {
            throw new IllegalArgumentException(id + " of type " + type + " has a source that is not a " + expected);
        }
        // Without conversion the transaction's amount is the payment's; with one (exchange_rate set) it is in the
        // account's settlement currency, and what our payment moved is the source's own amount and currency.
        boolean converted = txn.hasNonNull("exchange_rate");
        long amount = converted
                ? (kind == ChannelStatement.Kind.PAYMENT ? integer(source, "amount_captured", id) : -integer(source, "amount", id))
                : integer(txn, "amount", id);
        String currency = converted ? StripeReply.text(source, "currency") : StripeReply.text(txn, "currency");
        if (kind == ChannelStatement.Kind.PAYMENT ? amount <= 0 : amount >= 0) {
            throw new IllegalArgumentException(id + " of type " + type + " moves " + amount);
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()
                || !StripeAmounts.settles(currency.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(id + " is in a currency not settled here");
        }
        String intent = reference(source, "payment_intent", id);
        String tradeNo = intent != null ? intent : reference(source, kind == ChannelStatement.Kind.PAYMENT ? "id" : "charge", id);
        if (tradeNo == null) {
            throw new IllegalArgumentException(id + " names neither a PaymentIntent nor a charge");
        }
        JsonNode metadata = source.path("metadata");
        String paymentId = ours("pay", StripeReply.text(metadata, "payment_id"));
        String refundId = kind == ChannelStatement.Kind.REFUND ? ours("re", StripeReply.text(metadata, "refund_id")) : null;
        return new ChannelStatement.Line(kind, paymentId, tradeNo, refundId, Math.abs(amount),
                currency.toUpperCase(Locale.ROOT), Instant.ofEpochSecond(created));
    }

    /** An id field that may be a string or, expanded, an object with an id; null when absent. */
    private static String reference(JsonNode object, String field, String txnId) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String id = value.isObject() ? StripeReply.text(value, "id") : value.isTextual() ? value.asText() : null;
        if (id == null || !OBJECT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(txnId + " has an unreadable " + field);
        }
        return id;
    }

    private static long integer(JsonNode object, String field, String txnId) {
        JsonNode value = object.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(txnId + " has no integer " + field);
        }
        return value.longValue();
    }

    private static String ours(String prefix, String id) {
        return id != null && Ids.isValid(prefix, id) ? id : null;
    }
}
