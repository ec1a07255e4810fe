create table payment (
    id              text primary key,
    order_id        text        not null,
    saga_id         text        not null,
    merchant_id     text        not null,
    customer_id     text        not null,
    amount          bigint      not null check (amount > 0),
    amount_refunded bigint      not null default 0 check (amount_refunded between 0 and amount),
    currency        char(3)     not null,
    method          text        not null,
    channel         text,
    status          text        not null,
    failure_code    text,
    failure_message text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0
);
create index payment_order on payment (order_id);
