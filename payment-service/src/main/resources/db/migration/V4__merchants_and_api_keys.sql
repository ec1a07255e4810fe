-- Merchants and their API keys. payment-service owns them: the merchant is the party a payment is
-- made to, and every other service learns of keys from the merchant.keys topic this service publishes
-- through its outbox (docs/architecture.md, "Merchants and API keys").
create table merchant (
    id          text primary key,
    name        text        not null,
    created_at  timestamptz not null default now()
);

-- A key is stored only as the SHA-256 of its secret; the secret is shown once, at creation.
create table api_key (
    id          text primary key,
    merchant_id text        not null references merchant (id),
    kind        text        not null check (kind in ('secret', 'restricted')),
    mode        text        not null check (mode in ('test', 'live')),
    sha256      text        not null unique,
    last4       text        not null,
    -- Space-separated, as OAuth writes scopes; empty for a secret key (it holds every scope).
    scopes      text        not null,
    created_by  text        not null,
    created_at  timestamptz not null,
    -- A rolled key keeps working until the end of its overlap window.
    expires_at  timestamptz,
    revoked_at  timestamptz,
    version     bigint      not null default 0
);
create index api_key_merchant on api_key (merchant_id, id);

-- The demo merchant of the local suite exists out of the box.
insert into merchant (id, name) values ('mer_demo', 'Demo merchant') on conflict do nothing;
