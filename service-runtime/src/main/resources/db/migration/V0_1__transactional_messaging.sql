-- Shared by every service (shipped by service-runtime). Service migrations start at V1.

-- Transactional outbox: written in the same transaction as the state change it announces.
create table outbox_message (
    id            text primary key,                       -- CloudEvents id (UUIDv7)
    position      bigint generated always as identity,    -- relay order
    topic         text        not null,
    partition_key text        not null,                   -- the aggregate id
    type          text        not null,
    source        text        not null,
    subject       text,
    saga_id       text,
    traceparent   text,
    payload       jsonb       not null,
    created_at    timestamptz not null default clock_timestamp(),
    sent_at       timestamptz
);
create unique index outbox_message_position on outbox_message (position);
create index outbox_message_unsent on outbox_message (position) where sent_at is null;
create index outbox_message_sent_at on outbox_message (sent_at) where sent_at is not null;

-- NOTIFY is delivered at commit, and only if the transaction commits: the relay wakes exactly
-- when there is something new to publish. One notification per statement, payload-free.
create function outbox_message_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('paysaga_outbox', '');
    return null;
end $$;
create trigger outbox_message_inserted after insert on outbox_message
    for each statement execute function outbox_message_notify();

-- Inbox: one row per (consumer, message) applied; the duplicate's insert does nothing.
create table inbox_message (
    consumer     text        not null,
    message_id   text        not null,
    message_type text        not null,
    received_at  timestamptz not null default now(),
    primary key (consumer, message_id)
);
create index inbox_message_received_at on inbox_message (received_at);
