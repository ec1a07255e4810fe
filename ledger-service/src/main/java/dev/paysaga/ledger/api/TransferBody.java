package dev.paysaga.ledger.api;

import dev.paysaga.ledger.domain.TransferKind;
import dev.paysaga.ledger.domain.TransferRequest;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.money.Currencies;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A transfer as posted to the API. {@code amount} is read as an arbitrary integer so that one past
 * {@code long} is refused as {@code amount_invalid}, not as unreadable JSON (StrictJson already
 * refuses fractions and strings).
 */
public record TransferBody(String id, String type, String debitAccountId, String creditAccountId, BigInteger amount,
        String currency, String pendingId, Long timeoutSeconds, String code, String reference) {
    static final long MAX_TIMEOUT_SECONDS = 30L * 24 * 3600;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final int MAX_REFERENCE_LENGTH = 255;
    private static final BigInteger MAX_AMOUNT = BigInteger.valueOf(Long.MAX_VALUE);

    /** The request this body asks for, or the first thing wrong with it; {@code at} prefixes the param (batches). */
    TransferRequest toRequest(String at) {
        require(id != null && ID.matcher(id).matches(), at + "id", "id must be 1 to 64 letters, digits, '_' or '-'");
        TransferKind kind = kind(at);
        require(reference == null || (!reference.isBlank() && reference.length() <= MAX_REFERENCE_LENGTH),
                at + "reference", "reference must be 1 to " + MAX_REFERENCE_LENGTH + " characters");
        require(code == null || CODE.matcher(code).matches(), at + "code",
                "code must be 1 to 64 lower-case letters, digits or '_'");
        if (kind.resolves()) {
            require(pendingId != null && ID.matcher(pendingId).matches(), at + "pending_id",
                    "pending_id names the pending transfer to " + (kind == TransferKind.POST_PENDING ? "post" : "void"));
            absent(debitAccountId, at + "debit_account_id", "the pending transfer's accounts are used");
            absent(creditAccountId, at + "credit_account_id", "the pending transfer's accounts are used");
            absent(currency, at + "currency", "the pending transfer's currency is used");
            absent(timeoutSeconds, at + "timeout_seconds", "only a pending transfer has a timeout");
            if (kind == TransferKind.VOID_PENDING) {
                absent(amount, at + "amount", "a void releases the whole pending amount");
                return TransferRequest.voiding(id, pendingId);
            }
            return TransferRequest.post(id, pendingId, amount == null ? null : amountMinor(at));
        }
        require(debitAccountId != null && !debitAccountId.isBlank(), at + "debit_account_id", "debit_account_id is required");
        require(creditAccountId != null && !creditAccountId.isBlank(), at + "credit_account_id",
                "credit_account_id is required");
        long amountMinor = amountMinor(at);
        String checkedCurrency = Currencies.requireSupported(currency, at + "currency");
        require(code != null, at + "code", "code (what the transfer is for) is required");
        absent(pendingId, at + "pending_id", "only a post or void names a pending transfer");
        if (kind == TransferKind.SINGLE) {
            absent(timeoutSeconds, at + "timeout_seconds", "only a pending transfer has a timeout");
            return TransferRequest.single(id, debitAccountId, creditAccountId, amountMinor, checkedCurrency, code, reference);
        }
        require(timeoutSeconds == null || (timeoutSeconds >= 1 && timeoutSeconds <= MAX_TIMEOUT_SECONDS),
                at + "timeout_seconds", "timeout_seconds must be 1 to " + MAX_TIMEOUT_SECONDS);
        return TransferRequest.pending(id, debitAccountId, creditAccountId, amountMinor, checkedCurrency, timeoutSeconds,
                code, reference);
    }

    private TransferKind kind(String at) {
        for (TransferKind kind : TransferKind.values()) {
            if (kind.name().toLowerCase().equals(type)) {
                return kind;
            }
        }
        throw ApiException.invalidRequest(at + "type", "type must be single, pending, post_pending or void_pending");
    }

    private long amountMinor(String at) {
        if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw new ApiException(400, "amount_invalid",
                    "amount must be a positive integer in the currency's minor unit, at most " + Long.MAX_VALUE, at + "amount");
        }
        return amount.longValueExact();
    }

    private static void require(boolean ok, String param, String detail) {
        if (!ok) {
            throw ApiException.invalidRequest(param, detail);
        }
    }

    private static void absent(Object value, String param, String why) {
        require(value == null, param, param.substring(param.lastIndexOf('.') + 1) + " is not allowed here: " + why);
    }
}
