-- The merchant-facing event log (GET /v1/events): one row per platform event, in arrival order.
create table merchant_event (
    id          text primary key,            -- evt_<time-ordered id>
    message_id  text        not null unique, -- CloudEvents id of the message it came from
    type        text        not null,
    subject     text,
    merchant_id text,
    data        jsonb       not null,
    trace_id    text,
    occurred_at timestamptz not null,        -- when the producing transaction committed its outbox row
    received_at timestamptz not null default clock_timestamp()
);
create index merchant_event_subject on merchant_event (subject, id);
create index merchant_event_merchant on merchant_event (merchant_id, id);
