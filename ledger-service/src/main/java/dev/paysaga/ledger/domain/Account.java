package dev.paysaga.ledger.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/** Read model of an account; balances change only through {@code Postings}. */
@Entity
public class Account extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "owner_id")
    public String ownerId;
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

    /** For a credit-normal account (wallet, settlement): what can be spent now. */
    public long available() {
        return creditsPosted - debitsPosted - debitsPending;
    }
}
