-- Risk rules are data (docs/risk.md): every PUT stores the whole set as the next version; old versions
-- stay readable, and each decision names the version it was made under.
create table risk_rule_set (
    version     integer primary key check (version > 0),
    -- The set as PUT: {"rules":[…]}.
    rule_set    jsonb       not null,
    created_at  timestamptz not null
);

-- One decision per payment, written in the transaction of its payment step's Try (a block's too).
create table risk_decision (
    payment_id       text primary key,
    rules_version    integer     not null,
    outcome          text        not null check (outcome in ('allow', 'alert', 'block')),
    -- The rules that fired: {"rules":[{"rule_id","kind","action","mode"}]}.
    fired            jsonb       not null,
    -- False when Redis did not answer and the frequency rules were skipped (they fail open).
    velocity_checked boolean     not null,
    evaluated_at     timestamptz not null
);

-- One alert per rule that fired, also published to risk.alerts through the outbox.
create table risk_alert (
    id            text primary key,
    payment_id    text        not null,
    merchant_id   text        not null,
    customer_id   text        not null,
    rule_id       text        not null,
    rules_version integer     not null,
    action        text        not null,
    mode          text        not null,
    amount        bigint      not null,
    currency      char(3)     not null,
    created_at    timestamptz not null
);
create index risk_alert_payment on risk_alert (payment_id, id);
