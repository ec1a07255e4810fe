package dev.paysaga.ledger.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;

/** Read model of an account; balances change only through {@code Postings}. */
@Entity
public class Account extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "owner_id")
    public String ownerId;
    /** A wallet's merchant (whose customer {@link #ownerId} is); {@code null} for every other type. */
    @Column(name = "merchant_id")
    public String merchantId;
    @Enumerated(EnumType.STRING)
    public AccountType type;
    public String currency;
    @Column(name = "debits_pending")
    public long debitsPending;
    @Column(name = "debits_posted")
    public long debitsPosted;
    @Column(name = "credits_pending")
    public long creditsPending;
    @Column(name = "credits_posted")
    public long creditsPosted;
    @Column(name = "debits_must_not_exceed_credits")
    public boolean debitsMustNotExceedCredits;
    @Column(name = "credits_must_not_exceed_debits")
    public boolean creditsMustNotExceedDebits;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "closed_at")
    public Instant closedAt;

    /**
     * The merchant whose key may read this account as an account: a settlement account's own merchant.
     * No merchant reads any other account this way (its customers' wallets are read as wallets).
     */
    public String readableByMerchant() {
        return type == AccountType.MERCHANT_SETTLEMENT ? ownerId : null;
    }

    public LedgerAccount toLedgerAccount() {
        return new LedgerAccount(id, ownerId, type, currency, debitsMustNotExceedCredits, creditsMustNotExceedDebits,
                closedAt != null, new Balances(debitsPending, debitsPosted, creditsPending, creditsPosted));
    }
}
