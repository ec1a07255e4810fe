-- One row per refund the router asked a channel for; the refund id is the channel's refund request
-- number, so asking again never refunds twice. It resolves once: PENDING -> SUCCEEDED | FAILED.
create table channel_refund (
    refund_id         text        primary key,
    payment_id        text        not null references channel_transaction (payment_id),
    channel           text        not null,
    amount            bigint      not null check (amount > 0),
    currency          char(3)     not null,
    reason            text,
    status            text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    failure_code      text,                              -- channel_declined | abandoned
    channel_code      text,                              -- the channel's own reason for a decline
    channel_reference text,                              -- the channel's id of the refund (or of the trade)
    next_query_at     timestamptz,                       -- when the refund query is due; null once resolved
    query_attempts    int         not null default 0,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    resolved_at       timestamptz,
    version           bigint      not null default 0,
    constraint channel_refund_resolved check ((status = 'PENDING') = (resolved_at is null))
);
create index channel_refund_payment on channel_refund (payment_id);
create index channel_refund_query_due on channel_refund (next_query_at) where status = 'PENDING';
