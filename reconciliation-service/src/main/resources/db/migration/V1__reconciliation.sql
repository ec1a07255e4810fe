-- Reconciliation's own read model and its runs (docs/reconciliation.md). It never reads another service's tables:
-- what our books say arrives as events (channel.events, payment.events) and is kept here.

-- A payment that went through a channel, as our books know it: the channel's final word (channel.events) and the
-- payment's own outcome (payment.events), whichever came first.
create table booked_payment (
    payment_id       text primary key,
    channel          text,
    channel_trade_no text,
    amount           bigint,
    currency         text,
    -- succeeded | failed: the channel's word; null while we wait for it
    channel_status   text,
    -- when the channel's word reached us: the business day it belongs to, in the channel's time zone
    channel_at       timestamptz,
    -- succeeded | failed: the payment's outcome in our books; null while its saga runs
    payment_status   text,
    failure_code     text,
    merchant_id      text,
    updated_at       timestamptz not null
);
create index booked_payment_by_day on booked_payment (channel, channel_at) where channel_status = 'succeeded';

-- A refund a channel settled for us (channel.refund.*).
create table booked_refund (
    refund_id         text primary key,
    payment_id        text not null,
    channel           text not null,
    channel_reference text,
    amount            bigint not null,
    currency          text not null,
    status            text not null,
    at                timestamptz not null
);
create index booked_refund_by_day on booked_refund (channel, at) where status = 'succeeded';

-- One reconciliation of a channel's business day. A day reconciled again is a new run with the next attempt.
create table reconciliation_run (
    id            text primary key,
    channel       text not null,
    business_day  date not null,
    attempt       int  not null,
    -- running | completed | failed
    status        text not null,
    -- scheduled | manual
    trigger       text not null,
    requested_by  text not null,
    zone          text,
    totals        jsonb,
    changes       jsonb,
    failure       text,
    created_at    timestamptz not null,
    completed_at  timestamptz,
    unique (channel, business_day, attempt)
);
-- The scheduler starts a day once, whichever replica gets there first; a scheduled run that failed (the channel did
-- not answer) leaves the index, so the next sweep tries the day again.
create unique index reconciliation_run_scheduled_once on reconciliation_run (channel, business_day)
    where trigger = 'scheduled' and status <> 'failed';
create index reconciliation_run_running on reconciliation_run (created_at) where status = 'running';

-- A run's discrepancies (and the transactions it carries to the next day), both sides attached.
create table reconciliation_item (
    run_id      text not null references reconciliation_run (id),
    seq         int  not null,
    kind        text not null,
    -- what the item is about: our payment id, or refund id, or the channel's trade number
    subject     text not null,
    payment_id  text,
    refund_id   text,
    amount      bigint not null,
    currency    text not null,
    ours        jsonb,
    theirs      jsonb,
    note        text not null,
    resolution  text,
    primary key (run_id, seq)
);
create index reconciliation_item_by_kind on reconciliation_item (run_id, kind, seq);

-- What was done about a discrepancy, once per payment and action whichever run found it: automatic (settle a
-- pending payment the channel has paid; refund money the channel took for a cancelled payment) or an adjustment
-- two operators agree on.
create table resolution (
    id            text primary key,
    -- settle | refund | adjustment
    action        text not null,
    channel       text not null,
    payment_id    text,
    refund_id     text,
    amount        bigint not null,
    currency      text not null,
    -- pending | done | failed (settle, refund); proposed | posted | rejected (adjustment)
    status        text not null,
    run_id        text not null,
    item_seq      int  not null,
    reason        text,
    debit_account_id  text,
    credit_account_id text,
    proposed_by   text,
    decided_by    text,
    transfer_id   text,
    attempts      int not null default 0,
    last_error    text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create unique index resolution_once on resolution (action, payment_id) where action in ('settle', 'refund');
create index resolution_pending on resolution (updated_at) where status = 'pending';

-- Who did what to which resolution, in order: never updated, never deleted.
create table resolution_audit (
    id            bigserial primary key,
    resolution_id text not null references resolution (id),
    actor         text not null,
    action        text not null,
    detail        text,
    at            timestamptz not null
);
