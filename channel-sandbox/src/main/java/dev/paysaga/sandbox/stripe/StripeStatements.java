package dev.paysaga.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.sandbox.statements.ScriptedChannel;
import dev.paysaga.sandbox.statements.StatementScript;
import dev.paysaga.sandbox.statements.StatementScripts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe's statement is the balance transactions of a day (UTC, as the adapter reads them by default): a scripted day
 * is applied to the transactions created that day before {@code GET /v1/balance_transactions} filters and pages them.
 * Our ids are the sources' {@code metadata[payment_id]} (the charge's intent's) and a refund's {@code metadata[refund_id]}.
 * Added transactions carry their made-up source (charge or refund) in place, since no other endpoint knows them; their
 * ids are derived from the script's made-up numbers, so they are the same on every page and every listing.
 */
@ApplicationScoped
public class StripeStatements implements ScriptedChannel {
    private final StatementScripts scripts;
    private final StripeObjects objects;
    private final StripeIds ids;

    public StripeStatements(StatementScripts scripts, StripeObjects objects, StripeIds ids) {
        this.scripts = scripts;
        this.objects = objects;
        this.ids = ids;
    }

    /** Every balance transaction, oldest first, with each scripted day's script applied to that day's. */
    List<ObjectNode> scripted(List<ObjectNode> oldestFirst) {
        Map<LocalDate, StatementScript> days = scripts.of(StripeApi.CHANNEL);
        if (days.isEmpty()) {
            return oldestFirst;
        }
        List<ObjectNode> all = new ArrayList<>();
        Map<LocalDate, List<ObjectNode>> scriptedDays = new LinkedHashMap<>();
        days.keySet().forEach(day -> scriptedDays.put(day, new ArrayList<>()));
        for (ObjectNode txn : oldestFirst) {
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(txn.get("created").asLong()), zone());
            scriptedDays.getOrDefault(day, all).add(txn);
        }
        ScriptedTransactions rows = new ScriptedTransactions();
        days.forEach((day, script) -> all.addAll(script.applyTo(scriptedDays.get(day), rows)));
        all.sort(Comparator.comparingLong(txn -> txn.get("created").asLong())); // stable: made order within a second
        return all;
    }

    /** A transaction as listed without expansion: its source by id. */
    static ObjectNode unexpanded(ObjectNode txn) {
        ObjectNode copy = txn.deepCopy();
        if (copy.get("source").isObject()) {
            copy.put("source", copy.get("source").get("id").asText());
        }
        return copy;
    }

    @Override
    public String channel() {
        return StripeApi.CHANNEL;
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public String defaultCurrency() {
        return "USD";
    }

    @Override
    public boolean takes(String currency) {
        return Currencies.SUPPORTED.contains(currency.toLowerCase(Locale.ROOT));
    }

    /** A made-up PaymentIntent id for a trade we never made (its charge's id derives from it), and a refund id. */
    @Override
    public StatementScript.Numbers numbers() {
        return new StatementScript.Numbers(() -> ids.next("pi"), () -> ids.next("re"));
    }

    private final class ScriptedTransactions implements StatementScript.Rows<ObjectNode> {
        @Override
        public boolean isRefund(ObjectNode txn) {
            return "refund".equals(txn.get("type").asText());
        }

        @Override
        public String paymentId(ObjectNode txn) {
            return metadata(txn, "payment_id");
        }

        @Override
        public String refundId(ObjectNode txn) {
            return isRefund(txn) ? metadata(txn, "refund_id") : null;
        }

        @Override
        public ObjectNode withAmount(ObjectNode txn, long amount) {
            boolean refund = isRefund(txn);
            long moved = refund ? -amount : amount;
            long fee = refund ? 0 : StripeApi.fee(amount);
            return txn.deepCopy().put("amount", moved).put("fee", fee).put("net", moved - fee);
        }

        @Override
        public ObjectNode duplicateOf(ObjectNode txn) {
            return txn.deepCopy().put("id", ids.derived("txn", "duplicate of " + txn.get("id").asText()));
        }

        @Override
        public Optional<ObjectNode> claimed(StatementScript.ClaimedRefund claimed, Instant at) {
            return objects.intentOfPayment(claimed.paymentId()).filter(intent -> intent.status() == IntentStatus.SUCCEEDED)
                    .map(intent -> {
                        String txnId = ids.derived("txn", claimed.channelRefundId());
                        ObjectNode refund = StripeApi.JSON.createObjectNode()
                                .put("id", claimed.channelRefundId())
                                .put("object", "refund")
                                .put("amount", claimed.amount())
                                .put("balance_transaction", txnId)
                                .put("charge", intent.chargeId())
                                .put("created", at.getEpochSecond())
                                .put("currency", intent.currency)
                                .put("payment_intent", intent.id)
                                .putNull("reason")
                                .put("status", "succeeded");
                        // Made beside our API (no refund_id of ours); it names the payment as the charge does.
                        refund.putObject("metadata").put("payment_id", claimed.paymentId());
                        ObjectNode txn = StripeApi.balanceTransaction(txnId, "refund", -claimed.amount(), 0, intent.currency,
                                claimed.channelRefundId(), at.getEpochSecond());
                        return txn.set("source", refund);
                    });
        }

        @Override
        public ObjectNode extra(StatementScript.ExtraTrade trade, Instant at) {
            String intentId = trade.channelTradeNo();
            String chargeId = ids.derived("ch", intentId);
            String txnId = ids.derived("txn", intentId);
            String currency = trade.currency().toLowerCase(Locale.ROOT);
            long fee = StripeApi.fee(trade.amount());
            ObjectNode charge = StripeApi.charge(chargeId, trade.amount(), trade.amount(), 0, txnId, at.getEpochSecond(),
                    currency, intentId, Map.of("payment_id", trade.paymentId()));
            ObjectNode txn = StripeApi.balanceTransaction(txnId, "charge", trade.amount(), fee, currency, chargeId,
                    at.getEpochSecond());
            return txn.set("source", charge);
        }

        /** Our id in the source's metadata: the made-up source's own, the charge's intent's, or the refund's. */
        private String metadata(ObjectNode txn, String key) {
            JsonNode source = txn.get("source");
            if (source.isObject()) {
                return source.path("metadata").path(key).asText(null);
            }
            if (isRefund(txn)) {
                return objects.refund(source.asText()).map(refund -> refund.path("metadata").path(key).asText(null))
                        .orElse(null);
            }
            return objects.intentOfCharge(source.asText()).map(intent -> intent.metadata.get(key)).orElse(null);
        }
    }
}
