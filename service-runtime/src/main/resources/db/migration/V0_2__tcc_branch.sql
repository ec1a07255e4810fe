-- TCC branch fence (shared by every saga participant): one row per (saga, step) this service
-- took part in. It makes Try/Confirm/Cancel idempotent, records empty rollbacks and refuses a Try
-- that arrives after its Cancel (anti-hanging). Written in the same transaction as the business change.
create table tcc_branch (
    saga_id         text        not null,
    step            text        not null,
    status          text        not null check (status in ('TRIED', 'TRY_FAILED', 'CONFIRMED', 'CANCELLED')),
    try_result      jsonb,                 -- what Try answered, replayed to a repeated Try
    failure_code    text,
    failure_message text,
    empty_rollback  boolean     not null default false,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (saga_id, step)
);
