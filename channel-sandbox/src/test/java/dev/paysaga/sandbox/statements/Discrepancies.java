package dev.paysaga.sandbox.statements;

import java.util.List;
import java.util.Set;

/**
 * The every-kind-of-discrepancy case each channel's test makes, with fresh ids: five payments of 30.00 that the test
 * pays ({@link #paid()}), two refunds of {@link #refunded} (5.00 and 6.00) and a script that drops one payment and one
 * refund, re-amounts one of each, duplicates one payment, claims a 3.00 refund of {@link #claimed} and adds a 9.00 trade
 * {@link #extra} the test never makes.
 */
public final class Discrepancies {
    public static final long PAID = 3000;
    public static final long FIRST_REFUND = 500;
    public static final long SECOND_REFUND = 600;

    public final String dropped = TestIds.payment();
    public final String reAmounted = TestIds.payment();
    public final String duplicated = TestIds.payment();
    public final String claimed = TestIds.payment();
    public final String refunded = TestIds.payment();
    public final String extra = TestIds.payment();
    /** {@link #refunded}'s refund of {@link #FIRST_REFUND}, dropped by the script. */
    public final String droppedRefund = TestIds.refund();
    /** {@link #refunded}'s refund of {@link #SECOND_REFUND}, re-amounted by the script. */
    public final String reAmountedRefund = TestIds.refund();

    /** The payments to pay, {@link #refunded} last. */
    public List<String> paid() {
        return List.of(dropped, reAmounted, duplicated, claimed, refunded);
    }

    /** The script; {@code extraCurrency} null for the channel's default. */
    public String script(String extraCurrency) {
        return """
                {"drop": ["%s", "%s"], "amounts": {"%s": 2999, "%s": 650}, "duplicate": ["%s"],
                 "refunds": [{"payment_id": "%s", "amount": 300}],
                 "extra": [{"payment_id": "%s", "amount": 900%s}]}
                """.formatted(dropped, droppedRefund, reAmounted, reAmountedRefund, duplicated, claimed, extra,
                extraCurrency == null ? "" : ", \"currency\": \"" + extraCurrency + "\"");
    }

    public Set<String> ours() {
        return Set.of(dropped, reAmounted, duplicated, claimed, refunded, extra);
    }
}
