-- A refund of (part of) a captured payment. A pending refund counts against what is left to
-- refund from the moment it is requested, so concurrent requests can never exceed the payment.
create table refund (
    id              text primary key,
    payment_id      text        not null references payment (id),
    saga_id         text        not null,
    amount          bigint      not null check (amount > 0),
    currency        char(3)     not null,
    reason          text,
    status          text        not null,
    failure_code    text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0
);
create index refund_payment on refund (payment_id, status);
