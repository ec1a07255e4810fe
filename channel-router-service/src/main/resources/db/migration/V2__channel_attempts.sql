-- Every attempt to open a payment's transaction at a channel: which channel, why (rule, strategy,
-- scores), and how it ended. An attempt is written as CALLING before the channel is called, so a
-- crash mid-call leaves a record that the payment may exist at that channel (no failover from it).
create table channel_attempt (
    id             bigint      generated always as identity primary key,
    payment_id     text        not null references channel_transaction (payment_id),
    attempt        int         not null check (attempt >= 1),
    channel        text        not null,
    reason         text        not null,
    outcome        text        not null check (outcome in
                       ('CALLING', 'CREATED', 'DECLINED', 'UNKNOWN', 'UNREACHABLE', 'CIRCUIT_OPEN')),
    detail         text,                              -- what the channel call failed with, never secrets
    latency_millis bigint,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    constraint channel_attempt_once unique (payment_id, attempt),
    constraint channel_attempt_finished check ((outcome = 'CALLING') = (finished_at is null))
);
