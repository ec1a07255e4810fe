-- A customer wallet belongs to a merchant's customer: it is identified by (merchant_id, customer id
-- in owner_id, currency), so the same customer id at two merchants is two wallets, and a payment
-- or refund of merchant M moves money only in M's customer's wallet. Other accounts have no
-- merchant_id (a settlement account's merchant is its owner).
--
-- Existing wallets: every one becomes a wallet of mer_demo, the merchant the local suite has out of
-- the box. Safe because no money moves: balances and the journal are untouched (every currency
-- still balances, every account still equals its last entry), and transfers name accounts by id,
-- so holds of sagas in flight are posted or voided as before. Until now wallets belonged to no
-- merchant and anyone could top them up, so no balance can be attributed to another merchant; the
-- platform can move one with a transfer if an operator decides otherwise. A later payment or
-- refund of another merchant for the same customer id uses (opens) that merchant's wallet.

alter table account add column merchant_id text;

-- Only this update names merchant_id of existing rows; a closed wallet's row is otherwise final.
alter table account disable trigger account_closed_is_final;
update account set merchant_id = 'mer_demo' where type = 'CUSTOMER_WALLET';
alter table account enable trigger account_closed_is_final;

alter table account
    add constraint account_wallet_has_merchant check ((type = 'CUSTOMER_WALLET') = (merchant_id is not null)),
    drop constraint account_owner_id_type_currency_key,
    -- Null (no merchant) counts as one value: still one account per owner, type and currency for the rest.
    add constraint account_identity unique nulls not distinct (owner_id, type, currency, merchant_id);

-- merchant_id is part of the account's fixed identity.
drop trigger account_identity_fixed on account;
create trigger account_identity_fixed
    before update of id, owner_id, merchant_id, type, currency, debits_must_not_exceed_credits,
        credits_must_not_exceed_debits
    on account for each row execute function account_is_fixed();

-- Who asked for a transfer through the API (a credential id: a key id or `platform`, never a secret)
-- and, for a wallet top-up, why. Null for the transfers the ledger makes itself (saga steps, expiry)
-- and for those made before this version.
alter table transfer
    add column requested_by text,
    add column reason       text,
    add constraint transfer_top_up_says_who_and_why
        check (reason is null or requested_by is not null);
