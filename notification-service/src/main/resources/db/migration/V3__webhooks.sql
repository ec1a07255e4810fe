-- Merchant webhook endpoints (POST /v1/webhook_endpoints). A deleted endpoint keeps its row (and its
-- deliveries' history) with status 'deleted'; only enabled ones get new deliveries.
create table webhook_endpoint (
    id              text primary key,            -- we_<time-ordered id>
    merchant_id     text        not null,
    url             text        not null,
    description     text,
    enabled_events  text[]      not null,        -- event types, 'payment.*'-style prefixes or '*'
    status          text        not null check (status in ('enabled', 'disabled', 'deleted')),
    disabled_reason text,
    failing_since   timestamptz,                 -- first failed attempt since the last success
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index webhook_endpoint_merchant on webhook_endpoint (merchant_id, id);

-- Signing secrets: the current one (expires_at null) and, after a rotation, the previous one until
-- its overlap ends; every secret still valid signs each delivery.
create table webhook_secret (
    endpoint_id text        not null references webhook_endpoint (id),
    version     int         not null,
    secret      text        not null,            -- whsec_<base64 of 24 random bytes>
    created_at  timestamptz not null default now(),
    expires_at  timestamptz,
    primary key (endpoint_id, version)
);

-- One delivery per event and endpoint, written in the transaction that records the event: an event
-- is never recorded without the deliveries it owes.
create table webhook_delivery (
    event_id         text        not null references merchant_event (id),
    endpoint_id      text        not null references webhook_endpoint (id),
    merchant_id      text        not null,
    status           text        not null check (status in ('pending', 'delivered', 'failed', 'cancelled')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null default now(),
    leased_until     timestamptz,                -- a dispatcher is sending it; after this, anyone may
    last_status_code int,
    created_at       timestamptz not null default now(),
    finished_at      timestamptz,
    primary key (event_id, endpoint_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, created_at);

-- Every attempt, as the merchant's dashboard shows it.
create table webhook_attempt (
    event_id     text        not null,
    endpoint_id  text        not null,
    attempt      int         not null,
    attempted_at timestamptz not null,
    status_code  int,                            -- null: no answer (timeout, refused, unresolvable)
    latency_ms   int         not null,
    response     text,                           -- the answer's first 1,024 characters
    error        text,
    primary key (event_id, endpoint_id, attempt),
    foreign key (event_id, endpoint_id) references webhook_delivery (event_id, endpoint_id)
);

-- The dispatcher wakes when a transaction that owes deliveries commits.
create function webhook_delivery_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('paysaga_webhooks', '');
    return null;
end $$;
create trigger webhook_delivery_inserted after insert on webhook_delivery
    for each statement execute function webhook_delivery_notify();
