-- The channel's final word on a payment, as channel.events told it. Kept apart from the payment:
-- it may arrive before the saga's channel step does (a customer who pays at once), and the step
-- then answers from it.
create table channel_outcome (
    payment_id             text primary key,
    channel                text        not null,
    channel_transaction_id text,
    succeeded              boolean     not null,
    failure_code           text,
    received_at            timestamptz not null default now()
);
