-- One row per saga: the engine's whole state as JSON (steps, phases, attempts, errors), plus the
-- columns the orchestrator queries by. Each change is one row update under the row lock.
create table saga (
    id             text primary key,
    type           text        not null,
    status         text        not null,
    state          jsonb       not null,
    next_wakeup_at timestamptz,               -- the earliest deadline or retry; null when final
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index saga_wakeup on saga (next_wakeup_at) where next_wakeup_at is not null;
create index saga_status on saga (status) where status in ('NEEDS_ATTENTION');
