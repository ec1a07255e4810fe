create table inventory (
    sku        text primary key,
    on_hand    bigint      not null check (on_hand >= 0),
    reserved   bigint      not null default 0 check (reserved >= 0),
    updated_at timestamptz not null default now(),
    -- available = on_hand - reserved is never negative
    constraint inventory_reserved_within_on_hand check (reserved <= on_hand)
);

create table orders (
    id          text primary key,
    merchant_id text        not null,
    customer_id text        not null,
    currency    char(3)     not null,
    amount      bigint      not null check (amount > 0),
    status      text        not null,
    metadata    jsonb       not null default '{}',
    expires_at  timestamptz not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);
create index orders_pending_expiry on orders (expires_at) where status = 'PENDING_PAYMENT';

create table order_line (
    order_id    text    not null references orders (id),
    line_no     int     not null,
    sku         text    not null,
    quantity    int     not null check (quantity > 0),
    unit_amount bigint  not null check (unit_amount > 0),
    primary key (order_id, line_no)
);
