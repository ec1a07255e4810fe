package dev.paysaga.sandbox.statements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the sandbox changes in one channel's statement of one day, so reconciliation can be tested against each
 * discrepancy: lines left out ({@code drop}, by our payment id for a payment line or our refund id for a refund line),
 * amounts replaced ({@code amounts}), payment lines listed twice ({@code duplicate}), refunds the channel claims for
 * payments of ours we never refunded ({@code refunds}) and trades we never made ({@code extra}).
 *
 * <p>The channel's own numbers of the made-up lines (its trade number, its refund id, our side's refund number) and
 * their time are made up once, when the script is stored, so the statement reads the same on every download and a
 * test can find them in the stored script.
 *
 * @param addedAt when the added lines happened: within the day, in the channel's zone (made up when stored)
 */
public record StatementScript(List<String> drop, Map<String, Long> amounts, List<String> duplicate,
        List<ClaimedRefund> refunds, List<ExtraTrade> extra, Instant addedAt) {
    private static final Pattern PAYMENT_ID = Pattern.compile("pay_[A-Za-z0-9]{1,28}");
    private static final Pattern LINE_ID = Pattern.compile("(pay|re)_[A-Za-z0-9]{1,28}");
    /** The largest amount a line may be given: 100,000,000.00 in a two-decimal currency, as the channels cap them. */
    static final long MAX_AMOUNT = 100_000_000_00L;

    public StatementScript {
        drop = List.copyOf(drop == null ? List.of() : drop);
        amounts = Map.copyOf(amounts == null ? Map.of() : amounts);
        duplicate = List.copyOf(duplicate == null ? List.of() : duplicate);
        refunds = List.copyOf(refunds == null ? List.of() : refunds);
        extra = List.copyOf(extra == null ? List.of() : extra);
        drop.forEach(id -> require(LINE_ID, id, "drop"));
        amounts.forEach((id, amount) -> {
            require(LINE_ID, id, "amounts");
            requireAmount(amount, "amounts." + id);
        });
        duplicate.forEach(id -> require(PAYMENT_ID, id, "duplicate"));
        Set<String> extraIds = new HashSet<>();
        for (ExtraTrade trade : extra) {
            if (!extraIds.add(trade.paymentId())) {
                throw new IllegalArgumentException("extra names " + trade.paymentId() + " twice");
            }
        }
    }

    /** A refund of one of our payments that the channel lists though we never asked for it. */
    public record ClaimedRefund(String paymentId, Long amount, String refundId, String channelRefundId) {
        public ClaimedRefund {
            require(PAYMENT_ID, paymentId, "refunds[].payment_id");
            requireAmount(amount, "refunds[].amount");
        }
    }

    /** A payment line of a trade we never made: our kind of order number, the channel's made-up trade number. */
    public record ExtraTrade(String paymentId, Long amount, String currency, String channelTradeNo) {
        public ExtraTrade {
            require(PAYMENT_ID, paymentId, "extra[].payment_id");
            requireAmount(amount, "extra[].amount");
            if (currency != null && !currency.matches("[A-Za-z]{3}")) {
                throw new IllegalArgumentException("extra[].currency must be a three-letter code: " + currency);
            }
        }
    }

    /**
     * The made-up numbers a channel gives the lines it adds.
     *
     * @param tradeNo  a trade number in the channel's shape, for a trade we never made
     * @param refundNo the channel's own id of a refund, or null when its statement carries none
     */
    public record Numbers(Supplier<String> tradeNo, Supplier<String> refundNo) {
    }

    /** This script as stored for a channel: made-up numbers, currencies in the channel's default, the time given. */
    StatementScript minted(Numbers numbers, String defaultCurrency, Instant at) {
        List<ClaimedRefund> claimed = refunds.stream().map(r -> new ClaimedRefund(r.paymentId(), r.amount(),
                madeUpRefundId(), numbers.refundNo().get())).toList();
        List<ExtraTrade> trades = extra.stream().map(e -> new ExtraTrade(e.paymentId(), e.amount(),
                e.currency() == null ? defaultCurrency : e.currency().toUpperCase(Locale.ROOT), numbers.tradeNo().get())).toList();
        return new StatementScript(drop, amounts, duplicate, claimed, trades, at);
    }

    /** How one channel's statement rows answer to a script. */
    public interface Rows<R> {
        /** A refund line: by default one that names our refund id. */
        default boolean isRefund(R row) {
            return refundId(row) != null;
        }

        /** Our payment id of the row (the payment's, also on its refund rows). */
        String paymentId(R row);

        /** Our refund id on a refund row (null if the channel has none of ours); null on a payment row. */
        String refundId(R row);

        R withAmount(R row, long amount);

        /** The same line once more (a format that forbids one listed twice gives it a new id). */
        default R duplicateOf(R row) {
            return row;
        }

        /** The row of a refund the channel claims; empty when the channel holds no such payment of ours. */
        Optional<R> claimed(ClaimedRefund refund, Instant at);

        R extra(ExtraTrade trade, Instant at);
    }

    /**
     * The day's rows as the script has them: dropped, re-amounted and duplicated in place, then the claimed refunds
     * and the extra trades at the end (their time, {@link #addedAt}, is no earlier than the day's real rows but for
     * rows made after the script was stored).
     */
    public <R> List<R> applyTo(List<R> rows, Rows<R> format) {
        List<R> scripted = new ArrayList<>();
        for (R row : rows) {
            boolean refund = format.isRefund(row);
            String id = refund ? format.refundId(row) : format.paymentId(row);
            if (id != null && drop.contains(id)) {
                continue;
            }
            R line = id != null && amounts.containsKey(id) ? format.withAmount(row, amounts.get(id)) : row;
            scripted.add(line);
            if (!refund && id != null && duplicate.contains(id)) {
                scripted.add(format.duplicateOf(line));
            }
        }
        for (ClaimedRefund refund : refunds) {
            format.claimed(refund, addedAt).ifPresent(scripted::add);
        }
        for (ExtraTrade trade : extra) {
            scripted.add(format.extra(trade, addedAt));
        }
        return scripted;
    }

    /** Our side's number of a refund we never made: shaped like ours, so the formats take it, and plainly made up. */
    private static String madeUpRefundId() {
        return "re_sandbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static void require(Pattern pattern, String id, String field) {
        if (id == null || !pattern.matcher(id).matches()) {
            throw new IllegalArgumentException(field + " must hold ids like " + pattern.pattern() + ": " + id);
        }
    }

    private static void requireAmount(Long amount, String field) {
        if (amount == null || amount < 1 || amount > MAX_AMOUNT) {
            throw new IllegalArgumentException(field + " must be an amount in minor units, 1 to " + MAX_AMOUNT);
        }
    }
}
