-- Double-entry ledger. Balances move only through transfers; the flags are enforced by the
-- database itself, so no code path can take an account past its limit.
create table account (
    id                             text primary key,
    owner_id                       text        not null,
    type                           text        not null,  -- CUSTOMER_WALLET, MERCHANT_SETTLEMENT, PLATFORM_FUNDING
    currency                       char(3)     not null,
    debits_pending                 bigint      not null default 0 check (debits_pending >= 0),
    debits_posted                  bigint      not null default 0 check (debits_posted >= 0),
    credits_pending                bigint      not null default 0 check (credits_pending >= 0),
    credits_posted                 bigint      not null default 0 check (credits_posted >= 0),
    debits_must_not_exceed_credits boolean     not null default false,
    credits_must_not_exceed_debits boolean     not null default false,
    created_at                     timestamptz not null default now(),
    unique (owner_id, type, currency),
    constraint account_debits_within_credits
        check (not debits_must_not_exceed_credits or debits_pending + debits_posted <= credits_posted),
    constraint account_credits_within_debits
        check (not credits_must_not_exceed_debits or credits_pending + credits_posted <= debits_posted)
);

-- The journal: append-only but for the resolution of a pending transfer.
create table transfer (
    id                text primary key,
    debit_account_id  text        not null references account (id),
    credit_account_id text        not null references account (id),
    amount            bigint      not null check (amount > 0),
    currency          char(3)     not null,
    status            text        not null check (status in ('POSTED', 'PENDING', 'PENDING_POSTED', 'PENDING_VOIDED')),
    code              text        not null,   -- top_up, payment
    reference         text,                   -- what it is for: payment id
    created_at        timestamptz not null default now(),
    resolved_at       timestamptz,
    check (debit_account_id <> credit_account_id)
);
create index transfer_debit on transfer (debit_account_id, id);
create index transfer_credit on transfer (credit_account_id, id);
