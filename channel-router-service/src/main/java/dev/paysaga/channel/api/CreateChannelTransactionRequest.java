package dev.paysaga.channel.api;

import dev.paysaga.channel.domain.ChannelTransactions;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.money.Currencies;
import java.util.Set;

/** {@code POST /internal/v1/channel_transactions}: what payment-service asks for. */
public record CreateChannelTransactionRequest(String paymentId, String merchantId,
        Long amount, String currency,
        String method, String terminal) {
    static final Set<String> TERMINALS = Set.of("mobile", "web", "pos");
    private static final int MAX_ID_LENGTH = 64;

    /** The request once every field is valid; each refusal names its field. */
    ChannelTransactions.Request valid() {
        if (!Ids.isValid("pay", paymentId)) {
            throw ApiException.invalidRequest("payment_id", "payment_id must be a payment id (pay_…)");
        }
        if (merchantId == null || merchantId.isBlank() || merchantId.length() > MAX_ID_LENGTH) {
            throw ApiException.invalidRequest("merchant_id", "merchant_id is required (at most 64 characters)");
        }
        long amountMinor = Currencies.requirePositive(amount, "amount");
        Currencies.requireSupported(currency, "currency");
        if (method == null || method.isBlank()) {
            throw ApiException.invalidRequest("method", "method is required");
        }
        if (terminal == null || !TERMINALS.contains(terminal)) {
            throw ApiException.invalidRequest("terminal", "terminal must be one of " + TERMINALS);
        }
        return new ChannelTransactions.Request(paymentId, merchantId, amountMinor, currency, method, terminal);
    }
}
