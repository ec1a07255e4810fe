package dev.paysaga.ledger.domain;

/**
 * What identifies an account: owner, type and currency and, for a customer's wallet, the merchant
 * whose customer owns it. Customer ids are the merchant's own, so the same id at two merchants is
 * two customers and two wallets.
 *
 * @param merchantId set for a {@link AccountType#CUSTOMER_WALLET} only
 */
public record AccountKey(String ownerId, String merchantId, AccountType type, String currency) {
    /** The owner of the platform's own accounts (where top-ups come from). */
    public static final String PLATFORM = "platform";

    public AccountKey {
        if ((type == AccountType.CUSTOMER_WALLET) != (merchantId != null)) {
            throw new IllegalArgumentException("a customer wallet, and only a wallet, names its merchant");
        }
    }

    public static AccountKey wallet(String merchantId, String customerId, String currency) {
        return new AccountKey(customerId, merchantId, AccountType.CUSTOMER_WALLET, currency);
    }

    public static AccountKey settlement(String merchantId, String currency) {
        return new AccountKey(merchantId, null, AccountType.MERCHANT_SETTLEMENT, currency);
    }

    public static AccountKey clearing(String channel, String currency) {
        return new AccountKey(channel, null, AccountType.CHANNEL_CLEARING, currency);
    }

    public static AccountKey funding(String currency) {
        return new AccountKey(PLATFORM, null, AccountType.PLATFORM_FUNDING, currency);
    }
}
