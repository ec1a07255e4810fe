-- One transaction per payment at the channel that was chosen for it. It resolves once:
-- PENDING -> SUCCEEDED | FAILED | CLOSED.
create table channel_transaction (
    payment_id       text        primary key,          -- also the channel's merchant order no (out_trade_no)
    merchant_id      text        not null,
    channel          text        not null,             -- alipay, wechatpay, unionpay, stripe
    method           text        not null,
    terminal         text        not null,
    amount           bigint      not null check (amount > 0),
    currency         char(3)     not null,
    status           text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'CLOSED')),
    channel_trade_no text,                             -- the channel's own id (Alipay trade_no)
    next_action      jsonb,                            -- how the customer pays, e.g. {"type":"qr_code","qr_code":"…"}
    routing_reason   text        not null,             -- why this channel was chosen
    failure_code     text,
    next_query_at    timestamptz,                      -- when the active query is due; null once resolved
    query_attempts   int         not null default 0,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    resolved_at      timestamptz,
    version          bigint      not null default 0,
    constraint channel_transaction_resolved check ((status = 'PENDING') = (resolved_at is null))
);
-- The active-query sweep: pending transactions by due time.
create index channel_transaction_query_due on channel_transaction (next_query_at) where status = 'PENDING';
