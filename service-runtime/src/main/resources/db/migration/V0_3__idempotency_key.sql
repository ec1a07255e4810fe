-- Idempotency-Key store (Stripe semantics), in the service's own database so that a response is
-- recorded in the same transaction as the effect it reports: no crash can leave an effect whose
-- key would let a retry apply it again.
create table idempotency_key (
    key              text        primary key,
    fingerprint      text        not null,     -- SHA-256 of method, path and canonical body
    status           text        not null check (status in ('IN_PROGRESS', 'COMPLETED')),
    response_status  int,
    response_body    text,
    locked_until     timestamptz not null,     -- an IN_PROGRESS claim older than this was abandoned
    created_at       timestamptz not null default now()
);
create index idempotency_key_created_at on idempotency_key (created_at);
