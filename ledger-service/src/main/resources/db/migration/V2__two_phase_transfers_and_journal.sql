-- Ledger model 2: every kind of transfer (single, pending, post of a pending in full or in part,
-- void, expiry), accounts whose identity is fixed, and the journal of entries that explains
-- every balance. Existing transfers keep their ids, codes, references and statuses.

-- Accounts: five types; owner, type, currency and flags never change, and no account is deleted.
alter table account
    add constraint account_type_known
        check (type in ('CUSTOMER_WALLET', 'MERCHANT_SETTLEMENT', 'CHANNEL_CLEARING', 'FEES', 'PLATFORM_FUNDING'));

create function account_is_fixed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'ledger accounts are never deleted (account %)', old.id;
    end if;
    raise exception 'the owner, type, currency and flags of account % are fixed', old.id;
end $$;
-- Only statements that name these columns fire it: balance updates pay nothing.
create trigger account_identity_fixed
    before update of id, owner_id, type, currency, debits_must_not_exceed_credits, credits_must_not_exceed_debits
    on account for each row execute function account_is_fixed();
create trigger account_never_deleted before delete on account for each row execute function account_is_fixed();

-- Transfers. A post or void of a pending transfer is a transfer of its own (client-chosen id,
-- pending_id = the pending one); the pending transfer keeps what happened to it in its status
-- and, when posted, how much (amount_posted <= amount; the rest was released).
alter table transfer
    add column kind            text,
    add column pending_id      text references transfer (id),
    add column amount_posted   bigint,
    add column timeout_seconds bigint,
    add column expires_at      timestamptz;
update transfer set kind = case when status = 'POSTED' then 'SINGLE' else 'PENDING' end;
update transfer set amount_posted = amount where status = 'PENDING_POSTED';
alter table transfer alter column kind set not null;
-- What a post or void is for is its pending transfer's code and reference.
alter table transfer alter column code drop not null;
alter table transfer drop constraint transfer_status_check;
alter table transfer
    add constraint transfer_kind_and_status check (
        (kind = 'SINGLE' and status = 'POSTED')
        or (kind = 'PENDING' and status in ('PENDING', 'PENDING_POSTED', 'PENDING_VOIDED', 'PENDING_EXPIRED'))
        or (kind = 'POST_PENDING' and status = 'POSTED')
        or (kind = 'VOID_PENDING' and status = 'VOIDED')),
    add constraint transfer_resolution_names_pending
        check ((kind in ('POST_PENDING', 'VOID_PENDING')) = (pending_id is not null)),
    add constraint transfer_has_code check (code is not null or pending_id is not null),
    add constraint transfer_amount_posted
        check ((status = 'PENDING_POSTED') = (amount_posted is not null) and (amount_posted is null or amount_posted between 1 and amount)),
    add constraint transfer_timeout
        check ((timeout_seconds is null) = (expires_at is null) and (timeout_seconds is null or (kind = 'PENDING' and timeout_seconds > 0)));
-- At most one post or void per pending transfer, whatever the code does.
create unique index transfer_resolves_once on transfer (pending_id) where pending_id is not null;
-- The expiry sweep's queue.
create index transfer_expiring on transfer (expires_at) where status = 'PENDING' and expires_at is not null;

-- The journal: one row per account per balance change, with the change and the balances after it.
-- Ids grow in commit order per account (an entry is written under its account's row lock), so a
-- page after a given id never misses a later entry of that account.
create table entry (
    id                     bigint generated always as identity primary key,
    account_id             text        not null references account (id),
    transfer_id            text        not null references transfer (id),
    debits_pending_change  bigint      not null,
    debits_posted_change   bigint      not null,
    credits_pending_change bigint      not null,
    credits_posted_change  bigint      not null,
    debits_pending         bigint      not null,
    debits_posted          bigint      not null,
    credits_pending        bigint      not null,
    credits_posted         bigint      not null,
    created_at             timestamptz not null default now()
);
create index entry_account on entry (account_id, id);

create function entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'journal entries are append-only';
end $$;
create trigger entry_append_only before update or delete on entry for each row execute function entry_is_append_only();

-- The history so far, replayed from the transfers: each transfer's opening, then the post or void
-- of a pending one (at resolved_at; it had no transfer row of its own then).
insert into entry (account_id, transfer_id, debits_pending_change, debits_posted_change,
                   credits_pending_change, credits_posted_change,
                   debits_pending, debits_posted, credits_pending, credits_posted, created_at)
select account_id, transfer_id, dp, dpo, cp, cpo,
       sum(dp) over w, sum(dpo) over w, sum(cp) over w, sum(cpo) over w, at
  from (select t.debit_account_id as account_id, t.id as transfer_id, t.created_at as at, 0 as phase,
               case when t.kind = 'PENDING' then t.amount else 0 end as dp,
               case when t.kind = 'SINGLE' then t.amount else 0 end as dpo, 0::bigint as cp, 0::bigint as cpo
          from transfer t
        union all
        select t.credit_account_id, t.id, t.created_at, 0, 0, 0,
               case when t.kind = 'PENDING' then t.amount else 0 end,
               case when t.kind = 'SINGLE' then t.amount else 0 end
          from transfer t
        union all
        select t.debit_account_id, t.id, coalesce(t.resolved_at, t.created_at), 1,
               -t.amount, coalesce(t.amount_posted, 0), 0, 0
          from transfer t where t.status in ('PENDING_POSTED', 'PENDING_VOIDED')
        union all
        select t.credit_account_id, t.id, coalesce(t.resolved_at, t.created_at), 1,
               0, 0, -t.amount, coalesce(t.amount_posted, 0)
          from transfer t where t.status in ('PENDING_POSTED', 'PENDING_VOIDED')) change
window w as (partition by account_id order by at, transfer_id, phase rows unbounded preceding)
 order by at, transfer_id, phase, account_id;

-- A ledger whose balances its transfers do not explain is not migrated: someone must look first.
do $$
begin
    if exists (select 1
                 from account a
                 left join lateral (select * from entry e where e.account_id = a.id order by e.id desc limit 1) last on true
                where (coalesce(last.debits_pending, 0), coalesce(last.debits_posted, 0),
                       coalesce(last.credits_pending, 0), coalesce(last.credits_posted, 0))
                      is distinct from (a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted)) then
        raise exception 'ledger: account balances differ from what their transfers add up to; not migrating';
    end if;
end $$;
