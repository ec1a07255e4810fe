-- Live streams (SSE, docs/webhooks.md "Live events") resume after the last event a client saw, so events
-- need an order that never lets a later reader find one earlier than what it already read. Insert order
-- is not that: transactions commit in another order than they insert. A position is given only to
-- committed events, by one sequencer at a time (EventSequencer), so positions become visible in increasing order.
create sequence merchant_event_position;
alter table merchant_event add column position bigint;

-- Events recorded before positions existed get theirs in arrival order.
with numbered as (select id, row_number() over (order by received_at, id) as position from merchant_event)
update merchant_event e set position = n.position from numbered n where e.id = n.id;
select setval('merchant_event_position', coalesce((select max(position) from merchant_event), 0) + 1, false);

create unique index merchant_event_position_unique on merchant_event (position);
create index merchant_event_unpositioned on merchant_event (received_at, id) where position is null;
create index merchant_event_merchant_position on merchant_event (merchant_id, position) where position is not null;
create index merchant_event_subject_position on merchant_event (subject, position) where position is not null;

-- A committed event wakes the sequencer; the sequencer's commit wakes every replica's streams.
create function merchant_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('paysaga_events', '');
    return null;
end $$;
create trigger merchant_event_inserted after insert on merchant_event
    for each statement execute function merchant_event_notify();
